package org.ccphone.call.dial;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import org.ccphone.agent.AgentProfile;
import org.ccphone.agent.AgentSession;
import org.ccphone.agent.Presence;
import org.ccphone.agent.PresenceService;
import org.ccphone.call.AgentPhones;
import org.ccphone.call.CallRegistry;
import org.ccphone.call.RoutingThread;
import org.ccphone.call.engine.CallEngine;
import org.ccphone.call.media.StandingLegs;
import org.ccphone.call.model.Call;
import org.ccphone.call.model.CallData;
import org.ccphone.call.model.CallFrames;
import org.ccphone.call.model.CallerLeg;
import org.ccphone.call.queue.CallQueues;
import org.ccphone.call.sip.CallStart;
import org.ccphone.call.sip.InboundCalls;
import org.ccphone.call.sip.SipInbound;
import org.ccphone.sip.ra.api.SipConnectionFactory;
import org.ccphone.tenant.Tenant;
import org.ccphone.tenant.TenantConfig;
import org.ccphone.tenant.TenantRegistry;
import org.ccphone.tenant.Trunk;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where an agent's dial becomes a call (CallType 2): the dial is checked (a number, a trunk, the
 * phone's audio path open, the agent not on a call), the agent goes ON_PHONE so that no call is
 * offered meanwhile, the call is registered, and its Call Start runs off the routing thread; every
 * decision after that is the call's ({@code Dialing}). A refusal is the phone's error frame.
 */
@ApplicationScoped
public class OutboundCalls {
  private static final Logger LOG = Logger.getLogger(OutboundCalls.class.getName());

  @Inject TenantRegistry tenants;
  @Inject RoutingThread routing;
  @Inject CallRegistry calls;
  @Inject CallQueues queues;
  @Inject CallEngine engine;
  @Inject StandingLegs standingLegs;
  @Inject PresenceService presence;
  @Inject AgentPhones phones;
  @Inject CallStart callStart;
  @Inject InboundCalls inbound;
  @Resource ManagedExecutorService callStarts;
  @Resource(lookup = SipInbound.CONNECTIONS) SipConnectionFactory connections;

  @Inject
  @ConfigProperty(name = "callcenter.calls.maxInProgress", defaultValue = "5000")
  int maxInProgress;

  /** The agent dials {@code number} from its phone. */
  public void dial(AgentSession agent, String number) {
    routing.execute(() -> {
      Optional<String[]> refusal = refusal(agent, number);
      if (refusal.isPresent()) {
        phones.sendError(agent, refusal.get()[0], refusal.get()[1]);
        return;
      }
      TenantConfig config = tenants.find(agent.appId()).map(Tenant::config).orElseThrow();
      Trunk trunk = config.sip().trunk();
      Presence before = presence.dialing(agent);
      if (before == null) {
        phones.sendError(agent, "not_allowed", "a call is at this phone");
        return;
      }
      AgentProfile profile = agent.agent();
      CallData dialed = CallData.dialed(number, profile.callerId(), profile.callerIdName());
      String sipCallId = UUID.randomUUID() + "@callcenter";
      DialedLeg leg = new DialedLeg(connections, trunk, sipCallId, number,
          CallerIdentity.of(profile.callerId(), profile.callerIdName(), trunk.domain()));
      Instant now = Instant.now();
      Call call = Call.dialed(config.appId(), sipCallId, leg, dialed, agent, before, now);
      if (!calls.tryAdd(call, maxInProgress, config.calls().maxCallsInProgress())) {
        presence.dialOver(agent, before);
        phones.sendError(agent, "overloaded", "the server is at its limit of calls in progress; try again soon");
        return;
      }
      queues.track(agent, call);
      phones.send(agent, CallFrames.dialing(call));
      LOG.info("agent " + profile.agentId() + " of " + config.appId() + " dials out; call " + call.key());
      callStarts.execute(() -> {
        CallData answered = callStart.outbound(config, dialed, profile.agentId());
        routing.execute(() -> engine.decide(call, c -> c.dialStartDone(answered, inbound.rules(config.appId()),
            Duration.ofSeconds(trunk.dialTimeoutSeconds()), standingLegs.ready(agent), Instant.now())));
      });
    });
  }

  /**
   * The outside party's leg of a transfer to {@code number} through the tenant's trunk, or empty
   * when the tenant has none: the caller's number in From and P-Asserted-Identity (the callee sees
   * who calls), the call's data in the X-Dnis, X-Ani, X-CallerId and X-CallId headers. The call
   * finds its requests by the leg's Call-ID too.
   */
  public Optional<CallerLeg> outsideLeg(Call call, String number) {
    Optional<Trunk> trunk = tenants.find(call.appId()).map(Tenant::config).map(c -> c.sip().trunk());
    if (trunk.isEmpty() || !DialedNumber.valid(number)) {
      return Optional.empty();
    }
    CallData data = call.data();
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("X-Dnis", data.dnis() == null ? "" : data.dnis());
    headers.put("X-Ani", data.ani() == null ? "" : data.ani());
    headers.put("X-CallId", data.callId() == null ? "" : data.callId());
    if (data.callerIdName() != null) {
      headers.put("X-CallerId", data.callerIdName().replaceAll("[\\r\\n]", " "));
    }
    String sipCallId = UUID.randomUUID() + "@callcenter";
    DialedLeg leg = new DialedLeg(connections, trunk.get(), sipCallId, number,
        CallerIdentity.of(data.ani(), data.callerIdName(), trunk.get().domain()), headers);
    calls.alias(call, sipCallId);
    return Optional.of(leg);
  }

  /** The tenant's dial time, for a transfer's outside party. */
  public Duration dialTimeout(String appId) {
    return tenants.find(appId).map(Tenant::config).map(c -> c.sip().trunk())
        .map(t -> Duration.ofSeconds(t.dialTimeoutSeconds())).orElse(Duration.ofSeconds(Trunk.DEFAULT_DIAL_TIMEOUT_SECONDS));
  }

  /** Why this dial is refused ({code, message}), or empty: checked on the routing thread. */
  private Optional<String[]> refusal(AgentSession agent, String number) {
    if (!DialedNumber.valid(number)) {
      return Optional.of(new String[] {"bad_number", "a number is 1 to 32 digits, with + * # allowed"});
    }
    Optional<TenantConfig> config = tenants.find(agent.appId()).map(Tenant::config);
    if (config.isEmpty() || config.get().sip().trunk() == null) {
      return Optional.of(new String[] {"no_trunk", "this tenant has no trunk to dial out through"});
    }
    if (queues.callOf(agent) != null) {
      return Optional.of(new String[] {"not_allowed", "a call is at this phone"});
    }
    if (standingLegs.ready(agent).isEmpty()) {
      return Optional.of(new String[] {"no_media", "the phone's audio path is not open: ask for media first"});
    }
    return Optional.empty();
  }
}
