package org.ccphone.call;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The end of a call or of its agent's segment: the Call End row, and the call leaving the registry.
 * The caller is told the call is over (final answer, 200 to its BYE) only once the row is durable,
 * so a crash at any moment loses no row of a call whose end the caller saw.
 */
@ApplicationScoped
class CallEnds {
  private static final Logger LOG = Logger.getLogger(CallEnds.class.getName());

  @Inject CallRegistry calls;
  @Inject CallEndWriter callEnds;
  @Inject RoutingThread routing;

  /** How long the caller's answer may wait for its row; past it the caller is answered anyway (under Timer B's 32 s). */
  @Inject
  @ConfigProperty(name = "callcenter.calls.callEndStoreSeconds", defaultValue = "20")
  int storeSeconds;

  private final AtomicLong late = new AtomicLong();

  /**
   * A call no agent talked on (overflow, abandoned, refused): its row has AgentId 0 and no
   * ConnectDateTime. The call is over for routing at once, and stays registered until its final
   * answer has left (a CANCEL meanwhile still finds it; a stop waits for it).
   */
  CompletionStage<Void> unanswered(Call call) {
    call.ended();
    return callEnds.write(call.appId(), CallEndRow.of(call.data(), 1, call.startedAt(), null, Instant.now(), 0, 0));
  }

  /**
   * The agent's talk is over: the segment's row, its values taken now, written once {@code before}
   * (the recording's file) is done, however it ended.
   */
  CompletionStage<Void> segmentOver(Call call, AgentSegment segment, CompletionStage<?> before) {
    Instant now = Instant.now();
    var row = CallEndRow.of(call.data(), segment.talkNumber(), call.startedAt(), segment.connectedAt(), now,
        segment.agent().agent().agentId(), segment.holdSeconds(now));
    return before.handle((v, failure) -> null).thenCompose(v -> callEnds.write(call.appId(), row));
  }

  /**
   * Tells the caller once the row is durable. If the server's own database cannot store it in time,
   * the caller is answered anyway (every INVITE gets a final answer) and the row stays queued.
   */
  void thenTell(Call call, CompletionStage<Void> stored, Supplier<CompletionStage<?>> tellCaller) {
    routing.when(stored, Duration.ofSeconds(storeSeconds), (v, failure) -> {
      if (failure != null) {
        late.incrementAndGet();
        LOG.warning("call " + call.key() + ": its Call End row is not stored after " + storeSeconds
            + " s; answering the caller anyway, the row stays queued");
      }
      tellCaller.get().whenComplete((sent, notSent) -> {
        if (call.stage() == Call.Stage.ENDED) {
          calls.remove(call); // its last word has left
        }
      });
    });
  }

  /** Nothing more will be sent or received for the call. */
  void closed(Call call) {
    call.ended();
    calls.remove(call);
  }

  /** Callers answered before their row was durable, since the server started. */
  long late() {
    return late.get();
  }
}
