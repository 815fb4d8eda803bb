package org.ccphone.call.sip;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.logging.Logger;
import org.ccphone.call.CallAdmission;
import org.ccphone.call.CallRegistry;
import org.ccphone.call.RoutingThread;
import org.ccphone.call.engine.CallEngine;
import org.ccphone.call.engine.RoutingWork;
import org.ccphone.call.model.Call;
import org.ccphone.call.model.CallData;
import org.ccphone.call.model.CallRules;
import org.ccphone.call.model.CallerLeg;
import org.ccphone.call.model.Decision;
import org.ccphone.call.model.Dtmf;
import org.ccphone.call.queue.CallQueues;
import org.ccphone.media.SipOffers;
import org.ccphone.overload.QueueDelay;
import org.ccphone.sip.ra.api.DialogEvent;
import org.ccphone.sip.ra.api.InboundRequest;
import org.ccphone.sip.ra.api.SipReply;
import org.ccphone.tenant.Tenant;
import org.ccphone.tenant.TenantConfig;
import org.ccphone.tenant.TenantRegistry;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where the SIP side hands calls to the call engine. A new call is admitted and its Call Start
 * runs here, on the SIP delivery thread of the call (so the call is registered before any later
 * message of it is looked at); every decision after that is the call's, on the routing thread.
 */
@ApplicationScoped
public class InboundCalls {
  private static final Logger LOG = Logger.getLogger(InboundCalls.class.getName());

  @Inject TenantRegistry tenants;
  @Inject CallStart callStart;
  @Inject CallRegistry calls;
  @Inject RoutingThread routing;
  @Inject CallEngine engine;
  @Inject RoutingWork routingWork;
  @Inject CallQueues queues;
  @Inject CallAdmission admission;
  @Inject ScreenPops screenPops;
  @Inject SipSources sources;
  @Inject SipRefusals refusals;

  @Inject
  @ConfigProperty(name = "callcenter.sip.defaultAppId")
  Optional<String> defaultAppId;

  @Inject
  @ConfigProperty(name = "callcenter.calls.maxInProgress", defaultValue = "5000")
  int maxInProgress;

  @Inject
  @ConfigProperty(name = "callcenter.calls.retryAfterSeconds", defaultValue = "5")
  int retryAfterSeconds;

  /** How long a call whose agent's phone was lost waits for it on music before it moves to another agent. */
  @Inject
  @ConfigProperty(name = "callcenter.calls.rejoinSeconds", defaultValue = "15")
  int rejoinSeconds;

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

  /**
   * A new INVITE. Refused at once when it belongs to no usable tenant (404, 503), when a queue on
   * its way stands ({@link CallAdmission}) or above the calls-in-progress limits (503 with
   * Retry-After) or from outside the tenant's {@code sipSources} (403); otherwise the call is
   * registered, its Call Start runs, and it goes to routing. {@code placed} runs once routing has
   * placed the call (offered, queued or sent on): the adapter's admission counts it until then.
   */
  public void invite(String appIdHeader, String sipCallId, CallData fromHeaders, CallerLeg leg, String source,
      Runnable placed) {
    Instant arrived = Instant.now();
    Optional<Tenant> found = tenantOf(appIdHeader, fromHeaders.dnis());
    if (found.isEmpty() || !found.get().usable()) {
      LOG.warning("INVITE for Dnis " + fromHeaders.dnis() + " belongs to no usable tenant");
      leg.refuse(found.isEmpty() ? 404 : 503);
      return;
    }
    TenantConfig config = found.get().config();
    if (!sources.tenantAllows(config, source)) {
      refusals.refused(SipRefusals.Why.UNTRUSTED_SOURCE);
      LOG.warning("INVITE for " + config.appId() + " from " + source + ", not one of its sipSources: 403");
      leg.refuse(403);
      return;
    }
    if (config.sip().srtpRequired() && !SipOffers.srtp(leg.offer())) {
      // The tenant's calls must be encrypted: a plain offer (or none, a late offer) is not one.
      refusals.refused(SipRefusals.Why.MEDIA_NOT_SECURE);
      leg.refuse(488);
      return;
    }
    if (admission.refusal(config.appId()).isPresent()) {
      // A queue on the way of this call is standing: refused before its Call Start, so that the calls
      // already taken keep their timing.
      leg.refuseRetryAfter(503, retryAfterSeconds);
      return;
    }
    Call call = Call.arrived(config.appId(), sipCallId, leg, fromHeaders, leg.offer() == null, arrived);
    if (!calls.tryAdd(call, maxInProgress, config.calls().maxCallsInProgress())) {
      refusedOverLimit.incrementAndGet();
      leg.refuseRetryAfter(503, retryAfterSeconds);
      return;
    }
    CallData data = screenPops.checked(config, callStart.inbound(config, fromHeaders, admission.callStartConnections(config.appId())));
    QueueDelay waitForRouting = admission.routing();
    long queued = waitForRouting.now();
    waitForRouting.entered();
    routing.execute(() -> {
      try {
        waitForRouting.leftSince(queued);
        boolean canBeTaken = !queues.isDraining() && queues.anyoneCould(call.appId(), data.skills());
        engine.decide(call, c -> c.callStartDone(data, rules(call.appId()), canBeTaken, Instant.now()));
      } finally {
        placed.run();
      }
    });
  }

  /** The rules a tenant's calls live by, taken when their Call Start is done. */
  public CallRules rules(String appId) {
    TenantConfig.CallHandling handling = routingWork.handling(appId);
    return new CallRules(Duration.ofSeconds(handling.ringSeconds()), Duration.ofSeconds(handling.maxWaitSeconds()),
        Duration.ofSeconds(handling.maxCallSeconds()), Duration.ofSeconds(handling.keepAliveSeconds()),
        Duration.ofSeconds(rejoinSeconds));
  }

  /**
   * The caller's CANCEL (the adapter matched it to its INVITE's transaction and answered it 200, the
   * INVITE being pending) or BYE (answered once the call's row is durable). A BYE outside the call's
   * dialog gets 481; a CANCEL of an INVITE already answered changes nothing.
   */
  public void callerGone(InboundRequest request) {
    Optional<Call> call = "BYE".equals(request.method()) ? inItsDialog(request) : calls.bySipCallId(request.callId());
    if (call.isEmpty()) {
      if ("BYE".equals(request.method())) {
        request.respond(481);
      }
      return;
    }
    boolean bye = "BYE".equals(request.method());
    if (bye && call.get().outside() instanceof SipLeg outside && outside.sameDialog(request)) {
      engine.on(call.get(), request, c -> c.outsideGone(Instant.now())); // the outside party of a transfer hung up
      return;
    }
    engine.on(call.get(), request, c -> c.callerGone(bye, Instant.now()));
  }

  /** The caller's ACK of our 200 OK; its body answers our offer when the INVITE had none. */
  public void acked(String sipCallId, String sdp) {
    calls.bySipCallId(sipCallId).ifPresent(c -> engine.on(c, call -> call.acked(sdp, Instant.now())));
  }

  /** A re-INVITE or UPDATE inside the caller's dialog; a call no longer here gets 481. */
  public void refresh(InboundRequest request) {
    inDialog(request, c -> c.refresh(request.method(), request.body(), Instant.now()));
  }

  /** An INFO inside the caller's dialog (keypad digits go to the agent's phone); a call no longer here gets 481. */
  public void info(InboundRequest request) {
    Character digit = Dtmf.digit(request.header("Content-Type"), request.body()).orElse(null);
    inDialog(request, c -> c.callerInfo(digit));
  }

  /** A NOTIFY in the caller's dialog: the IVR's word on a transfer it took (REFER), its status in a sipfrag body. */
  public void notify(InboundRequest request) {
    int status = Sipfrag.status(request.body());
    inDialog(request, c -> c.referNotified(status, Instant.now()));
  }

  private void inDialog(InboundRequest request, Function<Call, Decision> event) {
    Optional<Call> call = inItsDialog(request);
    if (call.isEmpty()) {
      request.respond(SipReply.of(481));
      return;
    }
    engine.on(call.get(), request, event);
  }

  /**
   * The call a request inside a dialog belongs to: the Call-ID and both tags must be the call's, so
   * that whoever learns a Call-ID cannot end or change the call.
   */
  private Optional<Call> inItsDialog(InboundRequest request) {
    return calls.bySipCallId(request.callId())
        .filter(call -> (call.leg() instanceof SipLeg leg && leg.sameDialog(request))
            || (call.outside() instanceof SipLeg outside && outside.sameDialog(request)));
  }

  /** The stack's word on a call's dialog: no ACK, or the dialog ended. */
  public void dialogEvent(DialogEvent event) {
    calls.bySipCallId(event.callId()).ifPresent(call -> {
      switch (event.kind()) {
        case ACK_NOT_RECEIVED -> engine.on(call, c -> c.ackNotReceived(Instant.now()));
        case TERMINATED -> engine.on(call, c -> c.dialogTerminated(Instant.now()));
        default -> LOG.fine("call " + call.key() + ": " + event.kind());
      }
    });
  }

  /** True when the SIP Call-ID is a call in progress. */
  public boolean inProgress(String sipCallId) {
    return calls.bySipCallId(sipCallId).isPresent();
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
