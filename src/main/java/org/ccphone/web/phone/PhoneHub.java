package org.ccphone.web.phone;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.websocket.CloseReason;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.ccphone.agent.AgentSession;
import org.ccphone.agent.Presence;
import org.ccphone.agent.PresenceListener;

/**
 * The open phones: each agent's own, and the supervisors of each tenant. Pushes every state change
 * to the agent and to the supervisors of the same tenant, never to another tenant.
 */
@ApplicationScoped
public class PhoneHub implements PresenceListener {
  private final ConcurrentMap<String, Set<PhoneConnection>> byToken = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Set<PhoneConnection>> supervisorsByApp = new ConcurrentHashMap<>();

  void attach(PhoneConnection connection, AgentSession session) {
    byToken.computeIfAbsent(session.token(), t -> ConcurrentHashMap.newKeySet()).add(connection);
    if (session.agent().supervisor()) {
      supervisorsByApp.computeIfAbsent(session.appId(), a -> ConcurrentHashMap.newKeySet()).add(connection);
    }
  }

  void detach(PhoneConnection connection) {
    AgentSession session = connection.session();
    if (session == null) {
      return;
    }
    Set<PhoneConnection> own = byToken.get(session.token());
    if (own != null) {
      own.remove(connection);
      byToken.computeIfPresent(session.token(), (t, set) -> set.isEmpty() ? null : set);
    }
    Set<PhoneConnection> supervisors = supervisorsByApp.get(session.appId());
    if (supervisors != null) {
      supervisors.remove(connection);
    }
  }

  @Override
  public void stateChanged(AgentSession session, Presence presence) {
    broadcast(session, PhoneFrames.state(session, presence));
  }

  @Override
  public void sessionEnded(AgentSession session, String why, String by) {
    String frame = PhoneFrames.loggedOut(session, why, by);
    broadcast(session, frame);
    Set<PhoneConnection> own = byToken.remove(session.token());
    if (own != null) {
      own.forEach(c -> c.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "logged out")));
    }
  }

  private void broadcast(AgentSession session, String frame) {
    Set<PhoneConnection> own = byToken.getOrDefault(session.token(), Set.of());
    own.forEach(c -> c.send(frame));
    for (PhoneConnection supervisor : supervisorsByApp.getOrDefault(session.appId(), Set.of())) {
      if (!own.contains(supervisor)) {
        supervisor.send(frame);
      }
    }
  }
}
