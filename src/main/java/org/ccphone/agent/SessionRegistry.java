package org.ccphone.agent;

import java.util.Collection;
import java.util.Optional;

/** The open agent sessions; behind an interface so that a data grid can hold them when scaled out. */
public interface SessionRegistry {

  /** Adds a session and returns the one the same agent had open before, if any. */
  Optional<AgentSession> add(AgentSession session);

  Optional<AgentSession> byToken(String token);

  Optional<AgentSession> byAgent(String appId, int agentId);

  /** Removes the session if it is still the registered one. */
  void remove(AgentSession session);

  Collection<AgentSession> all();

  /** The open sessions of one tenant, in no order (for routing, which picks by its own rule). */
  default java.util.List<AgentSession> inTenant(String appId) {
    return all().stream().filter(s -> s.appId().equals(appId) && !s.ended()).toList();
  }

  /** The open sessions of one tenant, by AgentId. */
  default java.util.List<AgentSession> ofTenant(String appId) {
    return all().stream()
        .filter(s -> s.appId().equals(appId) && !s.ended())
        .sorted(java.util.Comparator.comparingInt(s -> s.agent().agentId()))
        .toList();
  }
}
