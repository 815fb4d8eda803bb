package org.ccphone.call;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.ccphone.agent.SessionRegistry;
import org.ccphone.routing.SkillsRouter;
import org.ccphone.tenant.EventType;
import org.ccphone.tenant.Tenant;
import org.ccphone.tenant.TenantRegistry;
import org.ccphone.tenant.Variable;
import org.ccphone.tenant.outbox.Outbox;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What happens to an inbound call. Built so far: the tenant is found, Call Start runs, and a call
 * that no logged-in agent could ever take overflows to its CallCenter (302) or is refused (480),
 * with its Call End row (AgentId 0). Queueing and offering to agents are not built yet: such a call
 * is answered 480 as well, with its Call End row.
 */
@ApplicationScoped
public class InboundCalls {
  private static final Logger LOG = Logger.getLogger(InboundCalls.class.getName());

  @Inject TenantRegistry tenants;
  @Inject CallStart callStart;
  @Inject SessionRegistry sessions;
  @Inject Outbox outbox;

  @Inject
  @ConfigProperty(name = "callcenter.sip.defaultAppId")
  Optional<String> defaultAppId;

  /** The answer to an INVITE: a final status and, for a redirect, where to. */
  public record Outcome(int status, String contact, CallData call) {}

  public Outcome invite(String appIdHeader, CallData fromHeaders, Instant startedAt) {
    Optional<Tenant> found = tenantOf(appIdHeader, fromHeaders.dnis());
    if (found.isEmpty() || !found.get().usable()) {
      LOG.warning("INVITE for Dnis " + fromHeaders.dnis() + " belongs to no usable tenant");
      return new Outcome(found.isEmpty() ? 404 : 503, null, fromHeaders);
    }
    Tenant tenant = found.get();
    CallData call = callStart.inbound(tenant.config(), fromHeaders);
    boolean someoneCould = SkillsRouter.anyoneCould(sessions.all(), tenant.appId(), call.skills());
    Outcome outcome = !someoneCould && call.callCenter() != null
        ? new Outcome(302, call.callCenter(), call)
        : new Outcome(480, null, call);
    callEnded(tenant.appId(), call, startedAt, Instant.now());
    return outcome;
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

  /** Call End of a call that never reached an agent: one segment, AgentId 0, no talk time. */
  private void callEnded(String appId, CallData call, Instant start, Instant end) {
    Map<Variable, Object> values = new EnumMap<>(Variable.class);
    values.put(Variable.Segment, 1);
    values.put(Variable.TalkTime, 0);
    values.put(Variable.HoldTime, 0);
    values.put(Variable.CallType, CallStart.INBOUND);
    values.put(Variable.StartDateTime, Variable.customerTime(start));
    values.put(Variable.ConnectDateTime, null);
    values.put(Variable.EndDateTime, Variable.customerTime(end));
    values.put(Variable.AgentId, 0);
    values.put(Variable.TrueDuration, (int) Duration.between(start, end).toSeconds());
    values.put(Variable.Ani, call.ani());
    values.put(Variable.Dnis, call.dnis());
    values.put(Variable.CallId, call.callId());
    outbox.send(appId, EventType.CALL_END, values);
  }

}
