package org.ccphone.call.queue;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ccphone.agent.AgentSession;
import org.ccphone.agent.AgentState;
import org.ccphone.agent.SessionRegistry;
import org.ccphone.call.model.Call;
import org.ccphone.routing.CallQueue;
import org.ccphone.routing.ReadyAgents;
import org.ccphone.routing.SkillsRouter;

/**
 * Who waits and who is free, per tenant: the calls in each tenant's queue, in order; the READY
 * agents, longest-ready first; the call at each agent; each agent's offers let ring out in a row.
 * Changed on the routing thread only.
 */
@ApplicationScoped
public class CallQueues {
  @Inject SessionRegistry sessions;

  private final CallQueue<Call> queue = new CallQueue<>();
  private final ReadyAgents ready = new ReadyAgents();
  /** The call ringing at or connected to each agent, by session token. */
  private final Map<String, Call> byAgent = new HashMap<>();
  /** Consecutive offers each agent let ring out, by session token. */
  private final Map<String, Integer> misses = new HashMap<>();
  /** Set once the server is stopping: calls whose Call Start was still running overflow at once. */
  private volatile boolean draining;

  public void enqueue(Call call, boolean atHead) {
    if (atHead) {
      queue.addFirst(call.appId(), call);
    } else {
      queue.addLast(call.appId(), call);
    }
  }

  public void dequeue(Call call) {
    queue.remove(call.appId(), call);
  }

  /** The tenant's queue, in order (a copy: the queue may change while it is walked). */
  public List<Call> waiting(String appId) {
    return queue.waiting(appId);
  }

  /** The longest-ready agent with the call's skills that it may be offered to. */
  public Optional<AgentSession> agentFor(Call call) {
    AgentSession sentTo = call.transferTo();
    if (sentTo != null && !sentTo.ended() && sentTo.presence().state() == AgentState.READY
        && !byAgent.containsKey(sentTo.token()) && !call.declinedBy(sentTo)) {
      return Optional.of(sentTo); // a transfer to this agent rings there first, skills or not
    }
    return ready.longestReady(call.appId(), call.data().skills(),
        s -> call.declinedBy(s) || byAgent.containsKey(s.token()));
  }

  /** The longest-ready agent with the skill and no call, other than {@code asking} (a consultation of a queue). */
  public Optional<AgentSession> readyWith(String appId, String skill, AgentSession asking) {
    return ready.longestReady(appId, List.of(skill), s -> s == asking || byAgent.containsKey(s.token()));
  }

  /** Whether any logged-in agent of the tenant has the skills, whatever its state: a scan, so asked last. */
  public boolean anyoneCould(String appId, List<String> skills) {
    return ready.longestReady(appId, skills, s -> false).isPresent()
        || SkillsRouter.anyoneCould(sessions.inTenant(appId), appId, skills);
  }

  public void track(AgentSession agent, Call call) {
    byAgent.put(agent.token(), call);
  }

  public void untrack(AgentSession agent, Call call) {
    byAgent.remove(agent.token(), call);
  }

  /** The call ringing at or connected to the agent, or null. */
  public Call callOf(AgentSession agent) {
    return byAgent.get(agent.token());
  }

  /** The tenant's calls at an agent. */
  public List<Call> withAgents(String appId) {
    return byAgent.values().stream().filter(c -> c.appId().equals(appId)).toList();
  }

  /** The agent let an offer ring out: true when that makes {@code limit} in a row (the count starts again). */
  public boolean missed(AgentSession agent, int limit) {
    int missed = misses.merge(agent.token(), 1, Integer::sum);
    if (missed >= limit) {
      misses.remove(agent.token());
      return true;
    }
    return false;
  }

  /** The agent answered: its misses in a row start again. */
  public void answeredBy(AgentSession agent) {
    misses.remove(agent.token());
  }

  public void presenceChanged(AgentSession session) {
    ready.update(session);
  }

  public void sessionEnded(AgentSession session) {
    misses.remove(session.token());
    ready.remove(session);
  }

  public void draining() {
    draining = true;
  }

  public boolean isDraining() {
    return draining;
  }
}
