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

  public static Presence of(AgentState state, Instant since) {
    return new Presence(state, null, since, null);
  }

  public static Presence away(String reason, Instant since, String by) {
    return new Presence(AgentState.AWAY, reason, since, by);
  }
}
