package org.ccphone.agent;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Who hears of agents' presence changes and ended sessions (the phones' hub, the call engine).
 * They sign up at the server's start: a registry, not an injection, so that the call engine (which
 * changes presence) and presence (which tells the call engine) do not depend on each other.
 */
@ApplicationScoped
public class PresenceListeners {
  private final List<PresenceListener> listeners = new CopyOnWriteArrayList<>();

  public void listen(PresenceListener listener) {
    if (!listeners.contains(listener)) {
      listeners.add(listener);
    }
  }

  void stateChanged(AgentSession session, Presence presence) {
    listeners.forEach(l -> l.stateChanged(session, presence));
  }

  void sessionEnded(AgentSession session, String why, String by) {
    listeners.forEach(l -> l.sessionEnded(session, why, by));
  }
}
