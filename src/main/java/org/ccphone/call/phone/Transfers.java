package org.ccphone.call.phone;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.ccphone.agent.AgentSession;
import org.ccphone.agent.AgentState;
import org.ccphone.agent.PresenceService;
import org.ccphone.agent.SessionRegistry;
import org.ccphone.call.AgentPhones;
import org.ccphone.call.CallRegistry;
import org.ccphone.call.RoutingThread;
import org.ccphone.call.dial.OutboundCalls;
import org.ccphone.call.engine.CallEngine;
import org.ccphone.call.model.Call;
import org.ccphone.call.model.CallerLeg;
import org.ccphone.call.model.TransferTarget;
import org.ccphone.call.queue.CallQueues;
import org.ccphone.tenant.Tenant;
import org.ccphone.tenant.TenantRegistry;

/**
 * An agent's blind transfer: the target named on the phone (a skill queue, an agent by AgentId, a
 * number) is found and checked on the routing thread, then the transfer goes to the call as its
 * event. Also the targets an agent may pick from: the tenant's logged-in agents with their states,
 * and its queues (the skills its logged-in agents have).
 */
@ApplicationScoped
public class Transfers {
  @Inject SessionRegistry sessions;
  @Inject CallRegistry calls;
  @Inject CallEngine engine;
  @Inject RoutingThread routing;
  @Inject CallQueues queues;
  @Inject AgentPhones phones;
  @Inject TenantRegistry tenants;
  @Inject OutboundCalls outbound;
  @Inject PresenceService presence;

  /** What the phone named as the target: exactly one of them is set. */
  public record Named(String queue, Integer agentId, String number) {}

  public void transfer(AgentSession agent, String callKey, Named named) {
    routing.execute(() -> {
      Optional<Call> call = calls.byKey(callKey);
      if (call.isEmpty()) {
        phones.sendError(agent, "no_such_call", "no call " + callKey + " is connected at this phone");
        return;
      }
      Optional<TransferTarget> target = resolve(agent, named, call.get());
      if (target.isEmpty()) {
        return; // the phone was told why
      }
      engine.decide(call.get(), c -> c.transfer(agent, target.get(), Instant.now()), r -> phones.sendError(agent, r.code(), r.message()));
    });
  }

  /**
   * The agent consults another before transferring (attended): an agent by AgentId, or the
   * longest-ready agent of a skill queue. The target must be READY: it is taken for the
   * consultation (RINGING) before the call hears of it, and given back if the call refuses.
   */
  public void consult(AgentSession agent, String callKey, Named named) {
    routing.execute(() -> {
      Optional<Call> call = calls.byKey(callKey);
      if (call.isEmpty()) {
        phones.sendError(agent, "no_such_call", "no call " + callKey + " is connected at this phone");
        return;
      }
      if (named.number() != null) {
        // Through the trunk, whatever the tenant's REFER: the IVR cannot hand the caller back after a consultation.
        CallerLeg outside = outbound.outsideLeg(call.get(), named.number()).orElse(null);
        TransferTarget.Number number = new TransferTarget.Number(named.number(), null, outside, outbound.dialTimeout(agent.appId()));
        engine.decide(call.get(), c -> c.consulting().startNumber(agent, number, Instant.now()), r -> phones.sendError(agent, r.code(), r.message()));
        return;
      }
      Optional<AgentSession> to = consulted(agent, named);
      if (to.isEmpty()) {
        return; // the phone was told why
      }
      if (!presence.offered(to.get())) {
        phones.sendError(agent, "target_busy", "agent " + to.get().agent().agentId() + " is not ready for a call");
        return;
      }
      engine.decide(call.get(), c -> c.consulting().start(agent, to.get(), Instant.now()), r -> {
        presence.offerWithdrawn(to.get(), false);
        phones.sendError(agent, r.code(), r.message());
      });
    });
  }

  /** The agent to consult, or empty once the phone got its error frame. */
  private Optional<AgentSession> consulted(AgentSession agent, Named named) {
    if (named.queue() != null) {
      Optional<AgentSession> ready = queues.readyWith(agent.appId(), named.queue(), agent);
      if (ready.isEmpty()) {
        phones.sendError(agent, "target_busy", "no agent of the queue " + named.queue() + " is ready");
      }
      return ready;
    }
    Optional<TransferTarget> target = resolve(agent, named, null);
    return target.map(t -> ((TransferTarget.Agent) t).agent());
  }

  /** The target, or empty once the phone got its error frame: no such target, or one that cannot take the call. */
  private Optional<TransferTarget> resolve(AgentSession agent, Named named, Call call) {
    if (named.queue() != null) {
      if (!queues.anyoneCould(agent.appId(), List.of(named.queue()))) {
        phones.sendError(agent, "no_such_target", "no agent logged in has the skill " + named.queue());
        return Optional.empty();
      }
      return Optional.of(new TransferTarget.Queue(named.queue()));
    }
    if (named.agentId() != null) {
      Optional<AgentSession> to = sessions.inTenant(agent.appId()).stream()
          .filter(s -> s.agent().agentId() == named.agentId()).findFirst();
      if (to.isEmpty()) {
        phones.sendError(agent, "no_such_target", "agent " + named.agentId() + " is not logged in");
        return Optional.empty();
      }
      if (to.get().presence().state() != AgentState.READY || queues.callOf(to.get()) != null) {
        phones.sendError(agent, "target_busy", "agent " + named.agentId() + " is not ready for a call");
        return Optional.empty();
      }
      return Optional.of(new TransferTarget.Agent(to.get()));
    }
    String referTo = tenants.find(agent.appId()).map(Tenant::config).map(c -> c.sip().referUri(named.number())).orElse(null);
    if (referTo != null) {
      return Optional.of(TransferTarget.Number.byRefer(named.number(), referTo));
    }
    // Through the trunk: the outside party's leg is made for the call (none without a trunk).
    CallerLeg outside = call == null ? null : outbound.outsideLeg(call, named.number()).orElse(null);
    return Optional.of(new TransferTarget.Number(named.number(), null, outside, outbound.dialTimeout(agent.appId())));
  }

  /** The transfer targets of the agent's tenant: the other logged-in agents, and the queues. */
  public List<AgentSession> agents(AgentSession asking) {
    return sessions.ofTenant(asking.appId()).stream().filter(s -> s != asking).toList();
  }

  public List<String> queues(AgentSession asking) {
    TreeSet<String> skills = new TreeSet<>();
    sessions.inTenant(asking.appId()).forEach(s -> skills.addAll(s.agent().skills()));
    return List.copyOf(skills);
  }
}
