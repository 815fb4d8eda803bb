package org.ccphone.call;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import org.ccphone.agent.AgentSession;
import org.ccphone.agent.AgentState;
import org.ccphone.agent.Presence;
import org.ccphone.agent.PresenceListener;
import org.ccphone.overload.QueueDelay;
import org.ccphone.sip.ra.api.DialogEvent;
import org.ccphone.sip.ra.api.InboundRequest;
import org.ccphone.sip.ra.api.SipReply;
import org.ccphone.tenant.Tenant;
import org.ccphone.tenant.TenantConfig;
import org.ccphone.tenant.TenantRegistry;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where the SIP side, the agents' phones and presence hand work to the call engine. A new call is
 * admitted and its Call Start runs here, on the SIP delivery thread of the call (so the call is
 * registered before any later message of it is looked at); every decision after that runs on the
 * {@link RoutingThread}, in {@link CallRouter} and {@link CallControl}.
 */
@ApplicationScoped
public class InboundCalls implements PresenceListener {
  private static final Logger LOG = Logger.getLogger(InboundCalls.class.getName());

  @Inject TenantRegistry tenants;
  @Inject CallStart callStart;
  @Inject CallRegistry calls;
  @Inject RoutingThread routing;
  @Inject CallRouter router;
  @Inject CallControl control;
  @Inject CallAdmission admission;
  @Inject StandingLegs standingLegs;

  @Inject
  @ConfigProperty(name = "callcenter.sip.defaultAppId")
  Optional<String> defaultAppId;

  @Inject
  @ConfigProperty(name = "callcenter.calls.maxInProgress", defaultValue = "5000")
  int maxInProgress;

  @Inject
  @ConfigProperty(name = "callcenter.calls.retryAfterSeconds", defaultValue = "5")
  int retryAfterSeconds;

  private final AtomicLong refusedOverLimit = new AtomicLong();
  /** False until the server can route (tenants loaded) and again once it is stopping. */
  private volatile boolean accepting;

  /** The server can route from now on. */
  public void open() {
    accepting = true;
  }

  /** The server is stopping: new calls are refused, those in progress go on. */
  public void close() {
    accepting = false;
  }

  /** Whether new calls are taken; when not, they get 503 with Retry-After (never 404 while starting). */
  public boolean accepting() {
    return accepting;
  }

  public int retryAfterSeconds() {
    return retryAfterSeconds;
  }

  // ---- the SIP side (the call's delivery thread) ----

  /**
   * A new INVITE. Refused at once when it belongs to no usable tenant (404, 503), when a queue on
   * its way stands ({@link CallAdmission}) or above the calls-in-progress limits (503 with Retry-After) or with a session interval below our Min-SE
   * (422); otherwise the call is registered, its Call Start runs, and it goes to the router.
   */
  public void invite(String appIdHeader, String sipCallId, CallData fromHeaders, CallerLeg leg) {
    Instant arrived = Instant.now();
    Optional<Tenant> found = tenantOf(appIdHeader, fromHeaders.dnis());
    if (found.isEmpty() || !found.get().usable()) {
      LOG.warning("INVITE for Dnis " + fromHeaders.dnis() + " belongs to no usable tenant");
      leg.refuse(found.isEmpty() ? 404 : 503);
      return;
    }
    TenantConfig config = found.get().config();
    if (admission.refusal(config.appId()).isPresent()) {
      // A queue on the way of this call is standing: refused before its Call Start, so that the calls
      // already taken keep their timing.
      leg.refuseRetryAfter(503, retryAfterSeconds);
      return;
    }
    Call call = new Call(config.appId(), sipCallId, leg, fromHeaders, arrived);
    if (!calls.tryAdd(call, maxInProgress, config.calls().maxCallsInProgress())) {
      refusedOverLimit.incrementAndGet();
      leg.refuseRetryAfter(503, retryAfterSeconds);
      return;
    }
    CallData data = callStart.inbound(config, fromHeaders, admission.callStartConnections(config.appId()));
    QueueDelay waitForRouting = admission.routing();
    long queued = waitForRouting.now();
    waitForRouting.entered();
    routing.execute(() -> {
      waitForRouting.leftSince(queued);
      router.route(call, data);
    });
  }

  /**
   * The caller's CANCEL (the adapter answered it 200, its INVITE being pending) or BYE (answered once
   * the call's row is durable): the call ends, whatever stage it is in. A BYE for no call in
   * progress gets 481; a CANCEL of an INVITE already answered changes nothing.
   */
  public void callerGone(InboundRequest request) {
    Optional<Call> call = calls.bySipCallId(request.callId());
    if (call.isEmpty()) {
      if ("BYE".equals(request.method())) {
        request.respond(481);
      }
      return;
    }
    routing.execute(() -> control.callerGone(call.get(), request));
  }

  /** The caller's ACK of our 200 OK; its body answers our offer when the INVITE had none. */
  public void acked(String sipCallId, String sdp) {
    calls.bySipCallId(sipCallId).ifPresent(c -> routing.execute(() -> control.acked(c, sdp)));
  }

  /** A re-INVITE or UPDATE inside the caller's dialog; a call no longer here gets 481. */
  public void refresh(InboundRequest request) {
    inDialog(request, call -> control.refresh(call, request));
  }

  /** A request inside a call's dialog goes to the routing thread with its call; no such call: 481. */
  private void inDialog(InboundRequest request, java.util.function.Consumer<Call> then) {
    Optional<Call> call = calls.bySipCallId(request.callId());
    if (call.isEmpty()) {
      request.respond(SipReply.of(481));
      return;
    }
    routing.execute(() -> then.accept(call.get()));
  }

  /** The stack's word on a call's dialog: no ACK, or the dialog ended. */
  public void dialogEvent(DialogEvent event) {
    calls.bySipCallId(event.callId()).ifPresent(c -> routing.execute(() -> control.dialogEvent(c, event.kind())));
  }

  /** True when the SIP Call-ID is a call in progress. */
  /** An INFO inside the caller's dialog (keypad digits go to the agent's phone); a call no longer here gets 481. */
  public void info(InboundRequest request) {
    inDialog(request, call -> control.callerInfo(call, request));
  }

  /** The agent's keypad digits for its connected call, sent to the caller as SIP INFO. */
  public void dtmf(AgentSession agent, String callKey, String digits) {
    routing.execute(() -> control.agentDtmf(agent, callKey, calls.byKey(callKey).orElse(null), digits));
  }

  public boolean inProgress(String sipCallId) {
    return calls.bySipCallId(sipCallId).isPresent();
  }

  // ---- the agent's phone ----

  /** The agent answers the call ringing at its phone with its WebRTC answer. */
  public void answer(AgentSession agent, String callKey, String sdp) {
    routing.execute(() -> control.answered(agent, callKey, calls.byKey(callKey).orElse(null), sdp));
  }

  /** One of the agent's browser's ICE candidates: for a call's leg, or (no call) for its standing leg. */
  public void browserCandidate(AgentSession agent, String callKey, org.ccphone.media.IceCandidate candidate) {
    if (callKey == null) {
      routing.execute(() -> standingLegs.browserCandidate(agent, candidate));
    } else {
      routing.execute(() -> control.browserCandidate(agent, calls.byKey(callKey).orElse(null), candidate));
    }
  }

  /** The agent's phone asks for its standing media leg (at READY). */
  public void openMedia(AgentSession agent) {
    routing.execute(() -> standingLegs.open(agent));
  }

  /** The browser's answer to its standing leg's offer. */
  public void mediaAnswer(AgentSession agent, String sdp) {
    routing.execute(() -> standingLegs.answer(agent, sdp));
  }

  /** The agent declines the call ringing at its phone; it goes to another agent. */
  public void decline(AgentSession agent, String callKey) {
    routing.execute(() -> router.declined(agent, callKey, calls.byKey(callKey).orElse(null)));
  }

  /** The agent holds ({@code on}) or resumes its connected call. */
  public void hold(AgentSession agent, String callKey, boolean on) {
    routing.execute(() -> control.agentHolds(agent, callKey, calls.byKey(callKey).orElse(null), on));
  }

  /** The agent pauses ({@code pause}) or resumes its call's recording. */
  public void pauseRecording(AgentSession agent, String callKey, boolean pause) {
    routing.execute(() -> control.pauseRecording(agent, callKey, calls.byKey(callKey).orElse(null), pause));
  }

  /** The agent's phone measured its connected call's audio: kept for the supervisors. */
  public void quality(AgentSession agent, String callKey, VoiceQuality quality) {
    routing.execute(() -> calls.byKey(callKey).ifPresent(call -> {
      if (call.stage() == Call.Stage.CONNECTED && call.agent() == agent) {
        call.segment().quality(quality);
      }
    }));
  }

  /** The agent hangs up its connected call. */
  public void hangUp(AgentSession agent, String callKey) {
    routing.execute(() -> control.agentHungUp(agent, callKey, calls.byKey(callKey).orElse(null)));
  }

  /**
   * The agent's calls now ring at another of its phones (the tab that had them closed, or another
   * took over): the old browser's media are gone with it. A call ringing there rings again, at the
   * new phone; a connected one waits on music for the new phone to rejoin it (it asks for media).
   */
  public void phoneMoved(AgentSession session) {
    routing.execute(() -> {
      if (session.ended()) {
        return;
      }
      Call call = router.callOf(session);
      standingLegs.phoneGone(session);
      if (call == null) {
        return;
      }
      if (call.stage() == Call.Stage.RINGING || (call.stage() == Call.Stage.ANSWERING && !call.okSent())) {
        router.withdraw(call, "agent_unavailable", false);
        router.backToHead(call);
      } else if (call.stage() == Call.Stage.CONNECTED) {
        control.connectionLost(call);
      }
    });
  }

  // ---- presence: agents becoming free, leaving, logging out ----

  @Override
  public void stateChanged(AgentSession session, Presence now) {
    routing.execute(() -> {
      // The state now, not the one of the event: the event may be older than an offer made since.
      AgentState current = session.presence().state();
      router.presenceChanged(session);
      Call call = router.callOf(session);
      if (call != null && !session.hasConnection() && !session.ended()) {
        control.connectionLost(call);
      }
      if (!session.hasConnection()) {
        standingLegs.phoneGone(session); // the browser that held it is gone; a connected call keeps its media
      } else if (call != null && call.stage() == Call.Stage.RINGING && current != AgentState.RINGING) {
        router.withdraw(call, "agent_unavailable", false);
        router.backToHead(call);
      }
      if (current == AgentState.READY) {
        router.dispatch(session.appId());
      }
    });
  }

  @Override
  public void sessionEnded(AgentSession session, String why, String by) {
    routing.execute(() -> {
      router.sessionEnded(session);
      Call call = router.callOf(session);
      if (call != null && (call.stage() == Call.Stage.RINGING || call.stage() == Call.Stage.ANSWERING)) {
        router.withdraw(call, "logged_out", false);
        router.backToHead(call);
      } else if (call != null && call.stage() == Call.Stage.CONNECTED && call.segment().phoneLost()) {
        control.moveOn(call, "logged_out"); // the phone is gone: the caller, on music, waits for another agent
      } else if (call != null && call.stage() == Call.Stage.CONNECTED) {
        control.hangUp(call, "logged_out");
      }
      standingLegs.close(session);
      router.dispatch(session.appId());
    });
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
