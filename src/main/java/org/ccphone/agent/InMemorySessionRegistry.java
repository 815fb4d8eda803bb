package org.ccphone.agent;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The sessions of one server. */
@ApplicationScoped
public class InMemorySessionRegistry implements SessionRegistry {
  private final ConcurrentMap<String, AgentSession> byToken = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, AgentSession> byAgent = new ConcurrentHashMap<>();

  @Override
  public Optional<AgentSession> add(AgentSession session) {
    byToken.put(session.token(), session);
    AgentSession previous = byAgent.put(agentKey(session.appId(), session.agent().agentId()), session);
    return Optional.ofNullable(previous);
  }

  @Override
  public Optional<AgentSession> byToken(String token) {
    return token == null ? Optional.empty() : Optional.ofNullable(byToken.get(token));
  }

  @Override
  public Optional<AgentSession> byAgent(String appId, int agentId) {
    return Optional.ofNullable(byAgent.get(agentKey(appId, agentId)));
  }

  @Override
  public void remove(AgentSession session) {
    byToken.remove(session.token(), session);
    byAgent.remove(agentKey(session.appId(), session.agent().agentId()), session);
  }

  @Override
  public Collection<AgentSession> all() {
    return List.copyOf(byToken.values());
  }

  private static String agentKey(String appId, int agentId) {
    return appId + '\u0000' + agentId;
  }
}
