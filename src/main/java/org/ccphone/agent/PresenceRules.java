package org.ccphone.agent;

import java.time.Instant;
import java.util.List;

/**
 * Which state changes an agent (or a supervisor) may ask for. The call side's changes (ringing, on
 * the phone, wrap-up) and the server's (Disconnected, Missed call) do not pass through here.
 */
public final class PresenceRules {
  private PresenceRules() {}

  /** The agent asks to be READY, BUSY or AWAY(reason). */
  public static Presence request(Presence current, AgentState wanted, String reason, List<String> reasons,
      Instant now, String by) throws IllegalTransition {
    if (wanted == AgentState.ON_PHONE || wanted == AgentState.RINGING) {
      throw new IllegalTransition("illegal_transition", wanted + " is set by calls only");
    }
    if (current.state().onCall()) {
      throw new IllegalTransition("illegal_transition",
          "cannot go " + wanted + " while " + current.state() + "; end the call first");
    }
    if (wanted == AgentState.AWAY) {
      if (reason == null || !reasons.contains(reason)) {
        throw new IllegalTransition("unknown_reason", "away needs one of the reasons " + reasons);
      }
      return Presence.away(reason, now, by);
    }
    if (reason != null) {
      throw new IllegalTransition("unexpected_reason", "only away takes a reason");
    }
    return new Presence(wanted, null, now, by);
  }
}
