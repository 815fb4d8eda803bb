package org.ccphone.agent;

import java.time.Instant;

/**
 * An agent's state at a moment: since when, why (for AWAY) and who set it when it was not the agent
 * (a supervisor's username, or "server" for the server's own decisions such as Disconnected).
 */
public record Presence(AgentState state, String reason, Instant since, String by) {

  public static final String DISCONNECTED = "Disconnected";
  public static final String MISSED_CALL = "Missed call";
  public static final String SERVER = "server";
  /** The reason of the BUSY the server sets after a call: after-call work. */
  public static final String WRAP_UP = "Wrap-up";

  /** The server's after-call work, not a state the agent or a supervisor chose. */
  public boolean wrappingUp() {
    return state == AgentState.BUSY && WRAP_UP.equals(reason) && SERVER.equals(by);
  }

  public static Presence of(AgentState state, Instant since) {
    return new Presence(state, null, since, null);
  }

  public static Presence away(String reason, Instant since, String by) {
    return new Presence(AgentState.AWAY, reason, since, by);
  }
}
