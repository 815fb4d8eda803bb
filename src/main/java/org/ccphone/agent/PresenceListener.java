package org.ccphone.agent;

/** Told of every presence change, to push it to the phones that must see it (the web edge). */
public interface PresenceListener {

  void stateChanged(AgentSession session, Presence presence);

  /** The session ended; {@code by} is a supervisor's username, or null. */
  void sessionEnded(AgentSession session, String why, String by);
}
