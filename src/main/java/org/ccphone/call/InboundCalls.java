package org.ccphone.call;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ccphone.agent.AgentSession;
import org.ccphone.agent.AgentState;
import org.ccphone.agent.Presence;
import org.ccphone.agent.PresenceListener;
import org.ccphone.agent.PresenceService;
import org.ccphone.agent.SessionRegistry;
import org.ccphone.call.CallLeg.CallLegException;
import org.ccphone.media.MediaException;
import org.ccphone.media.MediaPlane;
import org.ccphone.media.MediaSession;
import org.ccphone.routing.CallQueue;
import org.ccphone.routing.ReadyAgents;
import org.ccphone.routing.SkillsRouter;
import org.ccphone.tenant.Tenant;
import org.ccphone.tenant.TenantConfig;
import org.ccphone.tenant.TenantRegistry;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The life of inbound calls: Call Start, the tenant's queue, offers to the longest-ready agent with
 * the skills, ring timeout and missed calls, overflow, answer, hang-up and the Call End row.
 *
 * <p>Every decision runs on one routing thread, which also runs the timers, so a call, the queues
 * and the offers are never changed by two threads at once. The SIP side and the phones only hand
 * work to it; Call Start (the customer's database) runs before, on the SIP delivery thread, and
 * Call End rows are written after, by {@link CallEndWriter}.
 */
@ApplicationScoped
public class InboundCalls implements PresenceListener {
  private static final Logger LOG = Logger.getLogger(InboundCalls.class.getName());

  @Inject TenantRegistry tenants;
  @Inject CallStart callStart;
  @Inject SessionRegistry sessions;
  @Inject PresenceService presence;
  @Inject CallRegistry calls;
  @Inject CallEndWriter callEnds;
  @Inject Instance<AgentPhones> phones;
  @Inject Instance<MediaPlane> mediaPlanes;
  @Resource ManagedThreadFactory threads;

  @Inject
  @ConfigProperty(name = "callcenter.sip.defaultAppId")
  Optional<String> defaultAppId;

  @Inject
  @ConfigProperty(name = "callcenter.calls.maxInProgress", defaultValue = "5000")
  int maxInProgress;

  @Inject
  @ConfigProperty(name = "callcenter.calls.retryAfterSeconds", defaultValue = "5")
  int retryAfterSeconds;

  private ScheduledExecutorService routing;
  private final CallQueue<Call> queue = new CallQueue<>();
  private final ReadyAgents ready = new ReadyAgents();
  /** The call ringing at or connected to each agent, by session token. Routing thread only. */
  private final Map<String, Call> byAgent = new HashMap<>();
  /** Consecutive offers each agent let ring out, by session token. Routing thread only. */
  private final Map<String, Integer> misses = new HashMap<>();
  private final AtomicLong refusedOverLimit = new AtomicLong();

  @PostConstruct
  void start() {
    routing = Executors.newSingleThreadScheduledExecutor(task -> named(task, "call-routing"));
  }

  private Thread named(Runnable task, String name) {
    Thread thread = threads.newThread(task);
    thread.setName(name);
    thread.setDaemon(true);
    return thread;
  }

  @PreDestroy
  void stop() {
    routing.shutdownNow();
  }

  // ---- the SIP side (delivery threads) ----

  /**
   * A new INVITE. Refused at once when it belongs to no usable tenant (404, 503) or above the
   * calls-in-progress limits (503 with Retry-After); otherwise Call Start runs here and the call
   * is handed to the routing thread.
   */
  public void invite(String appIdHeader, String sipCallId, CallData fromHeaders, CallLeg leg) {
    Instant arrived = Instant.now();
    Optional<Tenant> found = tenantOf(appIdHeader, fromHeaders.dnis());
    if (found.isEmpty() || !found.get().usable()) {
      LOG.warning("INVITE for Dnis " + fromHeaders.dnis() + " belongs to no usable tenant");
      refuse(leg, found.isEmpty() ? 404 : 503);
      return;
    }
    TenantConfig config = found.get().config();
    Call call = new Call(config.appId(), sipCallId, leg, fromHeaders, arrived);
    if (!calls.tryAdd(call, maxInProgress, config.calls().maxCallsInProgress())) {
      refusedOverLimit.incrementAndGet();
      try {
        leg.refuseRetryAfter(503, retryAfterSeconds);
      } catch (CallLegException e) {
        LOG.fine(e.getMessage());
      }
      return;
    }
    CallData data = callStart.inbound(config, fromHeaders);
    routing.execute(() -> guarded(() -> route(call, data, config.calls())));
  }

  /** The caller's CANCEL or BYE: the call ends, whatever stage it is in. */
  public void callerGone(String sipCallId) {
    calls.bySipCallId(sipCallId).ifPresent(c -> routing.execute(() -> guarded(() -> callerGone(c))));
  }

  /** True when the SIP Call-ID is a call in progress (a re-INVITE in its dialog). */
  public boolean inProgress(String sipCallId) {
    return calls.bySipCallId(sipCallId).isPresent();
  }

  // ---- the agent's phone ----

  /** The agent answers the call ringing at its phone with its WebRTC answer. */
  public void answer(AgentSession agent, String callKey, String sdp) {
    routing.execute(() -> guarded(() -> answered(agent, callKey, sdp)));
  }

  /** The agent declines the call ringing at its phone; it goes to another agent. */
  public void decline(AgentSession agent, String callKey) {
    routing.execute(() -> guarded(() -> declined(agent, callKey)));
  }

  /** The agent hangs up its connected call. */
  public void hangUp(AgentSession agent, String callKey) {
    routing.execute(() -> guarded(() -> agentHungUp(agent, callKey)));
  }

  // ---- presence: agents becoming free, leaving, logging out ----

  @Override
  public void stateChanged(AgentSession session, Presence now) {
    routing.execute(() -> guarded(() -> {
      // The state now, not the one of the event: the event may be older than an offer made since.
      AgentState current = session.presence().state();
      ready.update(session);
      Call call = byAgent.get(session.token());
      if (call != null && !session.hasConnection() && !session.ended()) {
        connectionLost(call);
      } else if (call != null && call.stage() == Call.Stage.RINGING && current != AgentState.RINGING) {
        withdraw(call, "agent_unavailable", false);
        backToHead(call);
      }
      if (current == AgentState.READY) {
        dispatch(session.appId());
      }
    }));
  }

  @Override
  public void sessionEnded(AgentSession session, String why, String by) {
    routing.execute(() -> guarded(() -> {
      misses.remove(session.token());
      ready.remove(session);
      Call call = byAgent.get(session.token());
      if (call != null && call.stage() == Call.Stage.RINGING) {
        withdraw(call, "logged_out", false);
        backToHead(call);
      } else if (call != null && call.stage() == Call.Stage.CONNECTED) {
        hangUpFor(call, "logged_out");
      }
      dispatch(session.appId());
    }));
  }

  // ---- the routing thread ----

  private void route(Call call, CallData data, TenantConfig.CallHandling handling) {
    if (call.stage() == Call.Stage.ENDED) {
      return; // the caller gave up during Call Start
    }
    call.data(data);
    if (!anyoneCould(call.appId(), data.skills())) {
      overflow(call);
      return;
    }
    try {
      call.leg().ringing();
    } catch (CallLegException e) {
      LOG.fine(e.getMessage());
    }
    call.queued(Instant.now());
    queue.addLast(call.appId(), call);
    routing.schedule(() -> guarded(() -> waitOver(call)), handling.maxWaitSeconds(), TimeUnit.SECONDS);
    dispatch(call.appId());
  }

  /**
   * Offers the tenant's waiting calls, in order, to the longest-ready agents that have the skills;
   * a waiting call no logged-in agent could take any more overflows.
   */
  private void dispatch(String appId) {
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
      } else if (!couldTake.computeIfAbsent(call.data().skills(), skills -> anyoneCould(appId, skills))) {
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

  private void offer(Call call, AgentSession agent) {
    if (!presence.offered(agent)) {
      return; // no longer READY: the next presence change dispatches again
    }
    queue.remove(call.appId(), call);
    MediaSession media;
    try {
      if (!mediaPlanes.isResolvable()) {
        throw new MediaException("no media plane is configured (docs/media.md)");
      }
      media = mediaPlanes.get().open(call.key(), call.leg().offer());
    } catch (MediaException | RuntimeException e) {
      LOG.log(Level.WARNING, "media plane refused call " + call.key(), e);
      presence.offerWithdrawn(agent, false);
      refuse(call.leg(), 503);
      endUnanswered(call);
      return;
    }
    int ringSeconds = handling(call).ringSeconds();
    var timer = routing.schedule(() -> guarded(() -> rangOut(call, agent)), ringSeconds, TimeUnit.SECONDS);
    call.offered(agent, media, timer);
    byAgent.put(agent.token(), call);
    phones().send(agent, CallFrames.offer(call, agent.agent().agentId(), media.browserOffer(), ringSeconds));
  }

  private void rangOut(Call call, AgentSession agent) {
    if (call.stage() != Call.Stage.RINGING || call.agent() != agent) {
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

  private void answered(AgentSession agent, String callKey, String sdp) {
    Call call = calls.byKey(callKey).orElse(null);
    if (call == null || call.stage() != Call.Stage.RINGING || call.agent() != agent) {
      phones().sendError(agent, "no_such_offer", "no call " + callKey + " is ringing at this phone");
      return;
    }
    String sipAnswer;
    try {
      sipAnswer = call.media().answer(sdp);
    } catch (MediaException | RuntimeException e) {
      LOG.log(Level.WARNING, "media plane refused the answer to call " + call.key(), e);
      phones().sendError(agent, "bad_answer", "the answer could not be connected: " + e.getMessage());
      withdraw(call, "failed", false);
      backToHead(call);
      return;
    }
    try {
      call.leg().accept(sipAnswer);
    } catch (CallLegException e) {
      LOG.warning("call " + call.key() + " could not be answered: " + e.getMessage());
      withdraw(call, "caller_hung_up", false);
      endUnanswered(call);
      return;
    }
    call.connected(Instant.now());
    misses.remove(agent.token());
    presence.answered(agent);
    phones().send(agent, CallFrames.connected(call));
    if (call.data().record()) {
      try {
        call.media().record(call.data().callId());
      } catch (MediaException e) {
        LOG.warning("call " + call.key() + " is not recorded: " + e.getMessage());
      }
    }
  }

  private void declined(AgentSession agent, String callKey) {
    Call call = calls.byKey(callKey).orElse(null);
    if (call == null || call.stage() != Call.Stage.RINGING || call.agent() != agent) {
      phones().sendError(agent, "no_such_offer", "no call " + callKey + " is ringing at this phone");
      return;
    }
    call.declined(agent);
    withdraw(call, "declined", false);
    backToHead(call);
  }

  private void agentHungUp(AgentSession agent, String callKey) {
    Call call = calls.byKey(callKey).orElse(null);
    if (call == null || call.stage() != Call.Stage.CONNECTED || call.agent() != agent) {
      phones().sendError(agent, "no_such_call", "no call " + callKey + " is connected at this phone");
      return;
    }
    hangUpFor(call, "agent_hung_up");
  }

  /** The server ends a connected call on the agent's side: BYE to the caller, then the call's end. */
  private void hangUpFor(Call call, String reason) {
    try {
      call.leg().hangUp();
    } catch (CallLegException e) {
      LOG.warning(e.getMessage());
    }
    finish(call, reason);
  }

  /**
   * The agent's last phone connection dropped with a call ringing or connected. The browser's
   * media went with it and cannot be resumed: a ringing call goes to another agent, a connected
   * one is hung up. The agent is AWAY (Disconnected) and resumes READY (after an offer) or BUSY
   * (after a call) if a phone comes back within the grace period.
   */
  private void connectionLost(Call call) {
    AgentSession agent = call.agent();
    if (call.stage() == Call.Stage.RINGING) {
      call.offerWithdrawn();
      byAgent.remove(agent.token(), call);
      presence.callLost(agent, AgentState.READY);
      backToHead(call);
    } else if (call.stage() == Call.Stage.CONNECTED) {
      hangUpFor(call, "connection_lost");
    }
  }

  /** CANCEL, or BYE: a connected call ends; one not yet answered gets 487 and its row. */
  private void callerGone(Call call) {
    switch (call.stage()) {
      case CONNECTED -> finish(call, "caller_hung_up");
      case ENDED -> { }
      default -> {
        if (call.stage() == Call.Stage.RINGING) {
          withdraw(call, "caller_hung_up", false);
        }
        queue.remove(call.appId(), call);
        refuse(call.leg(), 487);
        endUnanswered(call);
      }
    }
  }

  /** The maximum wait is over: a call still waiting overflows (one ringing is looked at when it returns). */
  private void waitOver(Call call) {
    if (call.stage() == Call.Stage.QUEUED) {
      queue.remove(call.appId(), call);
      overflow(call);
    }
  }

  /** Ends an offer: the agent's phone is told, the agent READY again or AWAY (Missed call). */
  private void withdraw(Call call, String reason, boolean missed) {
    AgentSession agent = call.agent();
    call.offerWithdrawn();
    if (agent != null) {
      byAgent.remove(agent.token(), call);
      phones().send(agent, CallFrames.offerWithdrawn(call, reason));
      presence.offerWithdrawn(agent, missed);
    }
  }

  private void backToHead(Call call) {
    Instant now = Instant.now();
    call.queued(now);
    if (Duration.between(call.queuedAt(), now).toSeconds() >= handling(call).maxWaitSeconds()) {
      overflow(call);
      return;
    }
    queue.addFirst(call.appId(), call);
    dispatch(call.appId());
  }

  /** To the CallCenter of the call data (302), or 480 without one; the call's row has AgentId 0. */
  private void overflow(Call call) {
    String callCenter = call.data().callCenter();
    try {
      if (callCenter != null) {
        call.leg().redirect(callCenter);
      } else {
        call.leg().refuse(480);
      }
    } catch (CallLegException e) {
      LOG.warning("call " + call.key() + ": " + e.getMessage());
    }
    endUnanswered(call);
  }

  /** A connected call ended: the agent goes to wrap-up, its phone is told, the segment's row is written. */
  private void finish(Call call, String reason) {
    AgentSession agent = call.agent();
    Instant now = Instant.now();
    call.ended();
    calls.remove(call);
    byAgent.remove(agent.token(), call);
    phones().send(agent, CallFrames.callEnded(call, reason));
    if ("connection_lost".equals(reason)) {
      presence.callLost(agent, AgentState.BUSY);
    } else {
      presence.callEnded(agent);
    }
    callEnds.write(call.appId(), CallEndRow.of(call.data(), 1, call.startedAt(), call.connectedAt(), now,
        agent.agent().agentId(), 0));
  }

  private void endUnanswered(Call call) {
    call.ended();
    calls.remove(call);
    callEnds.write(call.appId(), CallEndRow.of(call.data(), 1, call.startedAt(), null, Instant.now(), 0, 0));
  }

  // ---- helpers ----

  private TenantConfig.CallHandling handling(Call call) {
    return tenants.find(call.appId()).map(t -> t.config() == null ? null : t.config().calls())
        .orElse(TenantConfig.CallHandling.DEFAULTS);
  }

  private AgentPhones phones() {
    return phones.get();
  }

  private void refuse(CallLeg leg, int status) {
    try {
      leg.refuse(status);
    } catch (CallLegException e) {
      LOG.fine(e.getMessage());
    }
  }

  /** A routing task never kills the routing thread. */
  private static void guarded(Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "call routing failed", e);
    }
  }

  /** The tenant of a call: named by an AppId header, or owning the dialed number, or the server's default. */
  Optional<Tenant> tenantOf(String appIdHeader, String dnis) {
    if (appIdHeader != null) {
      return tenants.find(appIdHeader);
    }
    Optional<Tenant> byNumber = tenants.all().stream()
        .filter(t -> t.config() != null && dnis != null && t.config().dnis().contains(dnis))
        .findFirst();
    return byNumber.isPresent() ? byNumber : defaultAppId.flatMap(tenants::find);
  }

  /** Calls refused above a calls-in-progress limit since the server started. */
  public long refusedOverLimit() {
    return refusedOverLimit.get();
  }
}
