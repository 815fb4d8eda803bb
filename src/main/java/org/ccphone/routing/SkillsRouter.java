package org.ccphone.routing;

import java.util.Collection;
import java.util.List;
import org.ccphone.agent.AgentSession;

/**
 * Skills matching: a call needs every skill of its list (case-insensitively). Who among the READY
 * agents gets it (the one ready longest) is {@link ReadyAgents}'s part.
 */
public final class SkillsRouter {
  private SkillsRouter() {}

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
