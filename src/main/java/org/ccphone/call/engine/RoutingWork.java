package org.ccphone.call.engine;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.ccphone.agent.AgentSession;
import org.ccphone.agent.AgentState;
import org.ccphone.agent.PresenceService;
import org.ccphone.call.CallEvents;
import org.ccphone.call.end.WrapUps;
import org.ccphone.call.media.StandingLegs;
import org.ccphone.call.model.Call;
import org.ccphone.call.model.Effect;
import org.ccphone.call.queue.CallQueues;
import org.ccphone.figures.DailyFigures;
import org.ccphone.media.MediaPlane;
import org.ccphone.tenant.TenantConfig;
import org.ccphone.tenant.TenantRegistry;

/**
 * Carries out what calls decide about the queues, the agents' presence and the day's figures, and
 * offers each tenant's waiting calls to its longest-ready agents with their skills.
 */
@ApplicationScoped
public class RoutingWork {
  private static final Logger LOG = Logger.getLogger(RoutingWork.class.getName());

  @Inject CallQueues queues;
  @Inject PresenceService presence;
  @Inject DailyFigures figures;
  @Inject TenantRegistry tenants;
  @Inject StandingLegs standingLegs;
  @Inject Instance<MediaPlane> mediaPlanes;
  @Inject WrapUps wrapUps;

  public void carryOut(Call call, Effect.Routing work, CallEvents back) {
    if (work instanceof Effect.Enqueue enqueue) {
      queues.enqueue(call, enqueue.atHead());
    } else if (work instanceof Effect.Dequeue) {
      queues.dequeue(call);
    } else if (work instanceof Effect.Dispatch) {
      dispatch(call.appId(), back);
    } else if (work instanceof Effect.Track track) {
      queues.track(track.agent(), call);
    } else if (work instanceof Effect.Untrack untrack) {
      queues.untrack(untrack.agent(), call);
    } else if (work instanceof Effect.OfferOver over) {
      boolean away = over.rangOut() && queues.missed(over.agent(), handling(call.appId()).missesBeforeAway());
      if (away) {
        LOG.info("agent " + over.agent().agent().agentId() + " of " + call.appId() + " let too many calls ring out; set AWAY");
      }
      presence.offerWithdrawn(over.agent(), away);
    } else if (work instanceof Effect.ConsultOver over) {
      presence.consultOver(over.agent(), over.rangOut() && queues.missed(over.agent(), handling(call.appId()).missesBeforeAway()));
    } else if (work instanceof Effect.OnThePhone answered) {
      queues.answeredBy(answered.agent());
      presence.answered(answered.agent());
    } else if (work instanceof Effect.PhoneGone gone) {
      presence.callLost(gone.agent(), gone.state());
    } else if (work instanceof Effect.TalkOver over) {
      if (over.phoneGone() && !over.agent().hasConnection()) {
        presence.callLost(over.agent(), AgentState.BUSY);
      } else {
        presence.callEnded(over.agent(), wrapUps.codeRequired(over.agent()));
      }
    } else if (work instanceof Effect.DialOver over) {
      presence.dialOver(over.agent(), over.before());
    } else if (work instanceof Effect.Count count) {
      count(call, count);
    }
  }

  private void count(Call call, Effect.Count count) {
    String appId = call.appId();
    List<String> skills = call.data().skills();
    Integer agentId = count.agent() == null ? null : count.agent().agent().agentId();
    switch (count.figure()) {
      case QUEUED -> figures.queued(appId, skills, count.since());
      case OFFERED -> figures.offered(appId, agentId, count.since());
      case ANSWERED -> figures.answered(appId, skills, agentId, count.since(), count.at());
      case ABANDONED -> figures.abandoned(appId, skills, agentId, count.since());
      case OVERFLOWED -> figures.overflowed(appId, skills, count.since());
    }
  }

  /** Offers the tenant's waiting calls, in order; a call no logged-in agent could take any more is told so. */
  public void dispatch(String appId, CallEvents back) {
    List<Call> waiting = queues.waiting(appId);
    if (waiting.isEmpty()) {
      return;
    }
    Map<List<String>, Boolean> couldTake = new HashMap<>();
    for (Call call : waiting) {
      Optional<AgentSession> agent = queues.agentFor(call);
      if (agent.isPresent()) {
        offer(call, agent.get(), back);
      } else if (!couldTake.computeIfAbsent(call.data().skills(), skills -> queues.anyoneCould(appId, skills))) {
        back.decide(call, c -> c.nobodyCanTake(Instant.now()));
      }
    }
  }

  /** The agent is taken for the call (no longer READY), then the call rings it. */
  private void offer(Call call, AgentSession agent, CallEvents back) {
    if (!presence.offered(agent)) {
      return; // no longer READY: the next presence change dispatches again
    }
    if (!mediaPlanes.isResolvable()) {
      presence.offerWithdrawn(agent, false);
      back.decide(call, c -> c.noMediaPlane(Instant.now()));
      return;
    }
    back.decide(call, c -> c.offer(agent, standingLegs.ready(agent), Instant.now()));
  }

  /** The tenant's call handling (ring time, maximum wait...), or the defaults. */
  public TenantConfig.CallHandling handling(String appId) {
    return tenants.find(appId).map(t -> t.config() == null ? null : t.config().calls())
        .orElse(TenantConfig.CallHandling.DEFAULTS);
  }
}
