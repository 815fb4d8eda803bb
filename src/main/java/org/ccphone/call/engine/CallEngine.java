package org.ccphone.call.engine;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Logger;
import org.ccphone.call.CallEvents;
import org.ccphone.call.RoutingThread;
import org.ccphone.call.end.EndWork;
import org.ccphone.call.media.MediaWork;
import org.ccphone.call.monitor.MonitorAudit;
import org.ccphone.call.model.Call;
import org.ccphone.call.model.Decision;
import org.ccphone.call.model.Effect;
import org.ccphone.sip.ra.api.InboundRequest;

/**
 * Carries out what calls decide, on the routing thread: each event goes to its call, and each
 * effect the call returns goes to the service that does that kind of work (the caller's side, the
 * phones, the media, the queues and presence, the call's end, its timers). Work that completes
 * later comes back here as the call's next event ({@link CallEvents}).
 */
@ApplicationScoped
public class CallEngine implements CallEvents {
  private static final Logger LOG = Logger.getLogger(CallEngine.class.getName());
  private static final Consumer<Decision.Refusal> NOBODY_ASKED = r -> LOG.fine("event refused: " + r);

  @Inject RoutingThread routing;
  @Inject SipWork sip;
  @Inject PhoneWork phones;
  @Inject MediaWork media;
  @Inject RoutingWork queues;
  @Inject EndWork ends;
  @Inject CallTimers timers;
  @Inject MonitorAudit monitorAudit;

  @Override
  public void on(Call call, Function<Call, Decision> event) {
    routing.execute(() -> decide(call, event, NOBODY_ASKED, null));
  }

  @Override
  public void on(Call call, Function<Call, Decision> event, Consumer<Decision.Refusal> refused) {
    routing.execute(() -> decide(call, event, refused, null));
  }

  /** An event brought by the caller's request, which effects may answer. */
  public void on(Call call, InboundRequest request, Function<Call, Decision> event) {
    routing.execute(() -> decide(call, event, NOBODY_ASKED, request));
  }

  @Override
  public void decide(Call call, Function<Call, Decision> event) {
    decide(call, event, NOBODY_ASKED, null);
  }

  /** On the routing thread: decided and carried out now; a refusal goes to {@code refused}. */
  public void decide(Call call, Function<Call, Decision> event, Consumer<Decision.Refusal> refused) {
    decide(call, event, refused, null);
  }

  /** The tenant's waiting calls are offered to its free agents (on the routing thread). */
  public void dispatch(String appId) {
    queues.dispatch(appId, this);
  }

  private void decide(Call call, Function<Call, Decision> event, Consumer<Decision.Refusal> refused,
      InboundRequest request) {
    Decision decision = event.apply(call);
    decision.refusal().ifPresent(refused);
    for (Effect effect : decision.effects()) {
      carryOut(call, effect, request);
    }
    if (call.monitoring().active()) { // supervisors of a call that was held, transferred or ended are let go
      for (Effect effect : call.monitoring().followUp(Instant.now()).effects()) {
        carryOut(call, effect, request);
      }
    }
  }

  private void carryOut(Call call, Effect effect, InboundRequest request) {
    if (effect instanceof Effect.Note note) {
      LOG.info(note.line());
    } else if (effect instanceof Effect.Sip work) {
      sip.carryOut(call, work, request, this);
    } else if (effect instanceof Effect.Phone work) {
      phones.carryOut(call, work);
    } else if (effect instanceof Effect.Media work) {
      media.carryOut(call, work, this);
    } else if (effect instanceof Effect.Routing work) {
      queues.carryOut(call, work, this);
    } else if (effect instanceof Effect.Ending work) {
      ends.carryOut(call, work);
    } else if (effect instanceof Effect.Timing work) {
      timers.carryOut(call, work, this);
    } else if (effect instanceof Effect.MonitorLogged logged) {
      monitorAudit.record(call, logged);
    }
  }
}
