package org.ccphone.routing;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.ccphone.agent.AgentSession;
import org.ccphone.agent.AgentState;

/**
 * Who gets a call: among the READY agents of the tenant that have every skill the call needs, the
 * one ready longest (the earliest "since" of their READY state).
 */
public final class SkillsRouter {
  private SkillsRouter() {}

  public static Optional<AgentSession> longestReady(Collection<AgentSession> sessions, String appId, List<String> skills) {
    return longestReady(sessions, appId, skills, s -> false);
  }

  /** The same, leaving out the agents {@code excluded} names (those who declined this call). */
  public static Optional<AgentSession> longestReady(Collection<AgentSession> sessions, String appId, List<String> skills,
      java.util.function.Predicate<AgentSession> excluded) {
    return sessions.stream()
        .filter(excluded.negate())
        .filter(s -> s.appId().equals(appId) && !s.ended())
        .filter(s -> s.presence().state() == AgentState.READY)
        .filter(s -> hasAll(s, skills))
        .min(Comparator.comparing(s -> s.presence().since()));
  }

  /** True when at least one logged-in agent of the tenant has the skills, whatever their state now. */
  public static boolean anyoneCould(Collection<AgentSession> sessions, String appId, List<String> skills) {
    return sessions.stream().anyMatch(s -> s.appId().equals(appId) && !s.ended() && hasAll(s, skills));
  }

  /** True when the agent has every skill of the list (case-insensitively). */
  public static boolean hasAll(AgentSession session, List<String> skills) {
    List<String> own = session.agent().skills();
    return skills.stream().allMatch(wanted -> own.stream().anyMatch(have -> have.equalsIgnoreCase(wanted)));
  }
}
