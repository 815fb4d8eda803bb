package org.ccphone.call;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ccphone.agent.AgentSession;
import org.ccphone.agent.AgentState;
import org.ccphone.agent.PresenceService;
import org.ccphone.agent.SessionRegistry;
import org.ccphone.figures.DailyFigures;
import org.ccphone.media.AgentMediaLeg;
import org.ccphone.media.MediaPlane;
import org.ccphone.media.turn.IceServers;
import org.ccphone.routing.CallQueue;
import org.ccphone.routing.ReadyAgents;
import org.ccphone.routing.SkillsRouter;
import org.ccphone.tenant.TenantConfig;
import org.ccphone.tenant.TenantRegistry;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Queues and offers, on the routing thread: a call waits in its tenant's queue, is offered to the
 * longest-ready agent with its skills, rings for the tenant's ring time, goes back to the head of
 * the queue when the offer ends, and overflows when it waited too long or nobody could take it.
 */
@ApplicationScoped
public class CallRouter {
  private static final Logger LOG = Logger.getLogger(CallRouter.class.getName());

  @Inject RoutingThread routing;
  @Inject TenantRegistry tenants;
  @Inject SessionRegistry sessions;
  @Inject PresenceService presence;
  @Inject CallEnds ends;
  @Inject Instance<AgentPhones> phones;
  @Inject Instance<MediaPlane> mediaPlanes;
  @Inject StandingLegs standingLegs;
  @Inject Instance<CallControl> control;
  @Inject IceServers iceServers;
  @Inject DailyFigures figures;

  @Inject
  @ConfigProperty(name = "callcenter.media.timeoutSeconds", defaultValue = "10")
  int mediaTimeoutSeconds;

  private final CallQueue<Call> queue = new CallQueue<>();
  private final ReadyAgents ready = new ReadyAgents();
  /** The call ringing at or connected to each agent, by session token. */
  private final Map<String, Call> byAgent = new HashMap<>();
  /** Consecutive offers each agent let ring out, by session token. */
  private final Map<String, Integer> misses = new HashMap<>();

  /** Set once the server is stopping: calls whose Call Start was still running overflow at once. */
  private volatile boolean draining;

  /** A new call after its Call Start: queued with ringing, or overflowed when nobody could take it. */
  void route(Call call, CallData data) {
    if (call.stage() != Call.Stage.ARRIVED) {
      return; // the caller gave up during Call Start
    }
    call.data(data);
    if (draining || !anyoneCould(call.appId(), data.skills())) {
      overflow(call);
      return;
    }
    logFailure(call, "180", call.leg().ringing());
    call.queued(Instant.now());
    figures.queued(call.appId(), data.skills(), call.queuedAt());
    queue.addLast(call.appId(), call);
    call.timer(routing.schedule(() -> waitOver(call), Duration.ofSeconds(handling(call).maxWaitSeconds())));
    dispatch(call.appId());
  }

  /** Offers the tenant's waiting calls, in order; a call no logged-in agent could take any more overflows. */
  void dispatch(String appId) {
    List<Call> waiting = queue.waiting(appId);
    if (waiting.isEmpty()) {
      return;
    }
    Map<List<String>, Boolean> couldTake = new HashMap<>();
    for (Call call : waiting) {
      Optional<AgentSession> agent = ready.longestReady(appId, call.data().skills(),
          s -> call.declinedBy(s) || byAgent.containsKey(s.token()));
      if (agent.isPresent()) {
        offer(call, agent.get());
      } else if (!call.waitingAgain()
          && !couldTake.computeIfAbsent(call.data().skills(), skills -> anyoneCould(appId, skills))) {
        queue.remove(appId, call);
        overflow(call);
      }
    }
  }

  /** Whether any logged-in agent of the tenant has the skills, whatever its state: a scan, so asked last. */
  private boolean anyoneCould(String appId, List<String> skills) {
    return ready.longestReady(appId, skills, s -> false).isPresent()
        || SkillsRouter.anyoneCould(sessions.inTenant(appId), appId, skills);
  }

  /** Rings the agent: the agent's media leg is opened, then the offer goes to its phone. */
  private void offer(Call call, AgentSession agent) {
    if (!presence.offered(agent)) {
      return; // no longer READY: the next presence change dispatches again
    }
    queue.remove(call.appId(), call);
    if (call.parked() == null) { // a call that moved counts once, for its first agent
      figures.offered(call.appId(), agent.agent().agentId(), call.queuedAt());
    }
    if (!mediaPlanes.isResolvable()) {
      LOG.warning("call " + call.key() + " refused: no media plane is configured (docs/media.md)");
      presence.offerWithdrawn(agent, false);
      refuse(call, 503);
      return;
    }
    int ringSeconds = handling(call).ringSeconds();
    AgentSegment segment = call.offeredTo(agent,
        routing.schedule(() -> rangOut(call, agent), Duration.ofSeconds(ringSeconds)));
    byAgent.put(agent.token(), call);
    if (call.parked() != null) {
      offerMoved(call, segment, agent, ringSeconds);
      return;
    }
    Optional<AgentMediaLeg> standing = standingLegs.ready(agent);
    if (standing.isPresent()) {
      // The agent's browser is connected already: the offer carries no media, answering attaches the call.
      segment.standingLeg(standing.get());
      phones().send(agent, CallFrames.offer(call, agent.agent().agentId(), null, null, ringSeconds));
      return;
    }
    routing.when(mediaPlanes.get().openAgentLeg(agent.appId() + "/" + agent.agent().agentId(),
        candidate -> routing.execute(() -> candidateFound(call, segment, candidate))), mediaTimeout(), (leg, failure) -> {
      if (call.segment() != segment || !call.ringsAt(agent)) {
        if (leg != null) {
          leg.close(); // the offer ended while the media was being opened
        }
      } else if (failure != null) {
        LOG.log(Level.WARNING, "media plane refused call " + call.key(), failure);
        release(call, false);
        refuse(call, 503);
      } else {
        segment.agentLeg(leg);
        phones().send(agent, CallFrames.offer(call, agent.agent().agentId(), leg.browserOffer(), iceServersOf(agent), ringSeconds));
      }
    }, AgentMediaLeg::close);
  }

  /**
   * A call that moved (its first agent's phone was lost): its media stay where the caller's RTP is,
   * and this agent's browser gets a new endpoint there, so the offer carries its own sdp.
   */
  private void offerMoved(Call call, AgentSegment segment, AgentSession agent, int ringSeconds) {
    AgentMediaLeg leg = call.parked().leg();
    segment.standingLeg(leg); // the call's, not this segment's to close
    routing.when(leg.renew(candidate -> routing.execute(() -> candidateFound(call, segment, candidate))), mediaTimeout(),
        (sdp, failure) -> {
          if (call.segment() != segment || !call.ringsAt(agent)) {
            return;
          }
          if (failure != null) {
            // Its media cannot reach any agent: offering it again would ring agent after agent in
            // vain and hold back the calls behind it. The caller, on music until now, is hung up.
            LOG.log(Level.WARNING, "the media of call " + call.key() + " could not be offered to another agent; hanging up", failure);
            release(call, false);
            call.queued(Instant.now());
            control.get().hangUp(call, "media_lost");
          } else {
            phones().send(agent, CallFrames.offer(call, agent.agent().agentId(), sdp, iceServersOf(agent), ringSeconds));
          }
        });
  }

  /** The relay and fresh credentials for this agent's phone, with a media offer. */
  JsonArray iceServersOf(AgentSession agent) {
    return iceServers.forPhone(agent.appId() + "/" + agent.agent().agentId(), Instant.now());
  }

  /** The media plane's candidate goes to the phone while the offer or the call is still this agent's. */
  private void candidateFound(Call call, AgentSegment segment, org.ccphone.media.IceCandidate candidate) {
    if (call.segment() == segment && call.stage() != Call.Stage.ENDED) {
      phones().send(segment.agent(), CallFrames.ice(call, candidate));
    }
  }

  private void rangOut(Call call, AgentSession agent) {
    if (!call.ringsAt(agent)) {
      return;
    }
    int missed = misses.merge(agent.token(), 1, Integer::sum);
    boolean away = missed >= handling(call).missesBeforeAway();
    if (away) {
      misses.remove(agent.token());
    }
    LOG.info("call " + call.key() + " rang out at agent " + agent.agent().agentId() + (away ? "; agent set AWAY" : ""));
    withdraw(call, "rang_out", away);
    backToHead(call);
  }

  /** The agent declined the call ringing at it: never offered to that agent again. */
  void declined(AgentSession agent, String callKey, Call call) {
    if (call == null || !call.ringsAt(agent)) {
      phones().sendError(agent, "no_such_offer", "no call " + callKey + " is ringing at this phone");
      return;
    }
    call.declined(agent);
    withdraw(call, "declined", false);
    backToHead(call);
  }

  /** The agent answered: its misses in a row start again. */
  void answeredBy(AgentSession agent) {
    misses.remove(agent.token());
  }

  /** The agent's side of the call is over. */
  void agentFreed(AgentSession agent, Call call) {
    byAgent.remove(agent.token(), call);
  }

  Call callOf(AgentSession agent) {
    return byAgent.get(agent.token());
  }

  /** Ends an offer: the agent's phone is told, the agent READY again or AWAY (Missed call). */
  void withdraw(Call call, String reason, boolean missed) {
    AgentSession agent = call.agent();
    if (agent != null) {
      phones().send(agent, CallFrames.offerWithdrawn(call, reason));
    }
    release(call, missed);
  }

  /** The offer ends without a word to the phone (it never got it, or it is gone). */
  private void release(Call call, boolean missed) {
    AgentSession agent = call.agent();
    call.offerWithdrawn();
    if (agent != null) {
      byAgent.remove(agent.token(), call);
      presence.offerWithdrawn(agent, missed);
    }
  }

  /** The agent's phone connection was lost while the call rang: it goes to another agent. */
  void connectionLost(Call call) {
    AgentSession agent = call.agent();
    call.offerWithdrawn();
    byAgent.remove(agent.token(), call);
    presence.callLost(agent, AgentState.READY);
    backToHead(call);
  }

  void backToHead(Call call) {
    Instant now = Instant.now();
    call.queued(now);
    if (!call.waitingAgain() && Duration.between(call.queuedAt(), now).toSeconds() >= handling(call).maxWaitSeconds()) {
      overflow(call);
      return;
    }
    queue.addFirst(call.appId(), call);
    dispatch(call.appId());
  }

  /** The caller hung up before an answer: out of the queue, the offer withdrawn. */
  void abandoned(Call call) {
    abandoned(call, "caller_hung_up");
  }

  /** The call ends before an agent (again) answered, for {@code reason}: out of the queue, its offer withdrawn. */
  void abandoned(Call call, String reason) {
    if ("caller_hung_up".equals(reason) && call.queuedAt() != null && !call.waitingAgain()
        && (call.stage() == Call.Stage.QUEUED || call.stage() == Call.Stage.RINGING || call.stage() == Call.Stage.ANSWERING)) {
      AgentSession ringing = call.agent();
      figures.abandoned(call.appId(), call.data().skills(), ringing == null ? null : ringing.agent().agentId(), call.queuedAt());
    }
    if (call.stage() == Call.Stage.RINGING || call.stage() == Call.Stage.ANSWERING) {
      withdraw(call, reason, false);
    }
    queue.remove(call.appId(), call);
  }

  void draining() {
    draining = true;
  }

  /** The server is stopping: a call not yet connected overflows now. */
  void stopWaiting(Call call) {
    switch (call.stage()) {
      case QUEUED -> {
        queue.remove(call.appId(), call);
        overflow(call);
      }
      case RINGING -> {
        withdraw(call, "server_stopping", false);
        overflow(call);
      }
      case ANSWERING -> {
        if (!call.okSent()) {
          withdraw(call, "server_stopping", false);
          overflow(call);
        }
      }
      default -> { }
    }
  }

  /**
   * The maximum wait is over: a call still waiting overflows (one ringing is looked at when it
   * returns). A call that moved waits on: it can no longer be redirected.
   */
  private void waitOver(Call call) {
    if (call.stage() == Call.Stage.QUEUED && !call.waitingAgain()) {
      queue.remove(call.appId(), call);
      overflow(call);
    }
  }

  /** To the CallCenter of the call data (302), or 480 without one; the call's row has AgentId 0. */
  void overflow(Call call) {
    if (call.queuedAt() != null) {
      figures.overflowed(call.appId(), call.data().skills(), call.queuedAt());
    }
    String callCenter = call.data().callCenter();
    if (callCenter != null) {
      ends.thenTell(call, ends.unanswered(call), () -> logFailure(call, "302", call.leg().redirect(callCenter)));
    } else {
      refuse(call, 480);
    }
  }

  /** A final refusal, sent once the call's row is durable. */
  void refuse(Call call, int status) {
    ends.thenTell(call, ends.unanswered(call), () -> logFailure(call, String.valueOf(status), call.leg().refuse(status)));
  }

  /**
   * The tenant's calls as its supervisors see them: those waiting (in the queue or ringing) and those
   * connected to an agent. Read on the routing thread, which owns them.
   */
  public CompletionStage<CallsView> view(String appId) {
    java.util.concurrent.CompletableFuture<CallsView> view = new java.util.concurrent.CompletableFuture<>();
    routing.execute(() -> {
      try {
        List<Call> waiting = new java.util.ArrayList<>(queue.waiting(appId));
        List<Call> withAgents = byAgent.values().stream().filter(c -> c.appId().equals(appId)).toList();
        withAgents.stream().filter(c -> c.stage() == Call.Stage.RINGING || c.stage() == Call.Stage.ANSWERING).forEach(waiting::add);
        view.complete(CallsView.of(waiting, withAgents.stream().filter(c -> c.stage() == Call.Stage.CONNECTED).toList(), Instant.now()));
      } catch (RuntimeException e) {
        view.completeExceptionally(e);
      }
    });
    return view;
  }

  // ---- presence ----

  void presenceChanged(AgentSession session) {
    ready.update(session);
  }

  void sessionEnded(AgentSession session) {
    misses.remove(session.token());
    ready.remove(session);
  }

  // ---- helpers ----

  TenantConfig.CallHandling handling(Call call) {
    return tenants.find(call.appId()).map(t -> t.config() == null ? null : t.config().calls())
        .orElse(TenantConfig.CallHandling.DEFAULTS);
  }

  Duration mediaTimeout() {
    return Duration.ofSeconds(mediaTimeoutSeconds);
  }

  AgentPhones phones() {
    return phones.get();
  }

  /** A send that fails is logged; the call's own timers and events decide what follows. */
  static CompletionStage<?> logFailure(Call call, String what, CompletionStage<?> send) {
    send.whenComplete((v, failure) -> {
      if (failure != null) {
        LOG.fine("call " + call.key() + ": cannot send " + what + ": " + failure.getMessage());
      }
    });
    return send;
  }
}
