package org.ccphone.call.phone;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import org.ccphone.agent.AgentSession;
import org.ccphone.agent.AgentState;
import org.ccphone.agent.Presence;
import org.ccphone.agent.PresenceListener;
import org.ccphone.call.RoutingThread;
import org.ccphone.call.end.WrapUps;
import org.ccphone.call.engine.CallEngine;
import org.ccphone.call.media.StandingLegs;
import org.ccphone.call.model.Call;
import org.ccphone.call.queue.CallQueues;

/**
 * Agents becoming free, losing their phone, leaving: the READY agents are kept up to date, the call
 * at the agent hears of it, and the tenant's waiting calls are offered again.
 */
@ApplicationScoped
public class PresenceEvents implements PresenceListener {
  @Inject RoutingThread routing;
  @Inject CallEngine engine;
  @Inject CallQueues queues;
  @Inject StandingLegs standingLegs;
  @Inject WrapUps wrapUps;

  @Override
  public void stateChanged(AgentSession session, Presence now) {
    routing.execute(() -> {
      // The state now, not the one of the event: the event may be older than an offer made since.
      AgentState current = session.presence().state();
      boolean connected = session.hasConnection();
      queues.presenceChanged(session);
      Call call = queues.callOf(session);
      if (call != null && (connected || !session.ended())) {
        engine.decide(call, c -> c.agentChanged(session, current, connected, Instant.now()));
      }
      if (!connected) {
        // The browser that held the leg is gone; a connected call keeps its media.
        Call still = queues.callOf(session);
        if (still == null) {
          standingLegs.close(session);
        } else {
          engine.decide(still, c -> c.standingPhoneGone(session, standingLegs.legOf(session)));
        }
      }
      if (current == AgentState.READY) {
        engine.dispatch(session.appId());
      }
    });
  }

  @Override
  public void sessionEnded(AgentSession session, String why, String by) {
    routing.execute(() -> {
      queues.sessionEnded(session);
      Call call = queues.callOf(session);
      if (call != null) {
        engine.decide(call, c -> c.loggedOut(session, Instant.now()));
      }
      standingLegs.close(session);
      engine.dispatch(session.appId());
    });
    wrapUps.sessionEnded(session); // a disposition still owed is recorded as none
  }
}
