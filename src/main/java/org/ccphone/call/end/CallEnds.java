package org.ccphone.call.end;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.ccphone.call.CallRegistry;
import org.ccphone.call.RoutingThread;
import org.ccphone.call.model.Call;
import org.ccphone.tenant.Variable;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The end of a call or of its agent's segment: the Call End rows, and the call leaving the
 * registry. The caller is told the call is over (final answer, 200 to its BYE) only once the row
 * owed is durable, so a crash at any moment loses no row of a call whose end the caller saw.
 */
@ApplicationScoped
public class CallEnds {
  private static final Logger LOG = Logger.getLogger(CallEnds.class.getName());
  private static final CompletionStage<Void> NOTHING_OWED = CompletableFuture.completedFuture(null);

  @Inject CallRegistry calls;
  @Inject CallEndWriter callEnds;
  @Inject RoutingThread routing;

  /** How long the caller's answer may wait for its row; past it the caller is answered anyway (under Timer B's 32 s). */
  @Inject
  @ConfigProperty(name = "callcenter.calls.callEndStoreSeconds", defaultValue = "20")
  int storeSeconds;

  private final AtomicLong late = new AtomicLong();
  /** The row each call owes before our BYE or the 200 to the caller's: its segment's, once over. */
  private final Map<Call, CompletionStage<Void>> owed = new IdentityHashMap<>();

  /** Queues a row of the call; the stage completes once it is durable. */
  public CompletionStage<Void> write(Call call, Map<Variable, Object> row) {
    return callEnds.write(call.appId(), row);
  }

  /** The row the call owes before the caller is told (routing thread only). */
  public void owe(Call call, CompletionStage<Void> stored) {
    owed.put(call, stored);
  }

  /** Nothing is owed before the caller is told: its rows are written already, or none is due. */
  public void oweNothing(Call call) {
    owed.put(call, NOTHING_OWED);
  }

  public CompletionStage<Void> owed(Call call) {
    return owed.getOrDefault(call, NOTHING_OWED);
  }

  /**
   * Tells the caller once the row is durable, then the call leaves the calls in progress. If the
   * server's own database cannot store it in time, the caller is answered anyway (every INVITE gets
   * a final answer) and the row stays queued.
   */
  public void thenTell(Call call, CompletionStage<Void> stored, Supplier<CompletionStage<?>> tellCaller) {
    whenStored(call, stored, () -> tellCaller.get().whenComplete((sent, notSent) -> closed(call))); // its last word has left
  }

  /** Runs {@code then} on the routing thread once the row is durable, or once the wait for it is over. */
  public void whenStored(Call call, CompletionStage<Void> stored, Runnable then) {
    routing.when(stored, Duration.ofSeconds(storeSeconds), (v, failure) -> {
      if (failure != null) {
        late.incrementAndGet();
        LOG.warning("call " + call.key() + ": its Call End row is not stored after " + storeSeconds
            + " s; answering the caller anyway, the row stays queued");
      }
      then.run();
    });
  }

  /** Nothing more will be sent or received for the call (from any thread). */
  public void closed(Call call) {
    calls.remove(call);
    routing.execute(() -> owed.remove(call));
  }

  /** Callers answered before their row was durable, since the server started. */
  public long late() {
    return late.get();
  }
}
