package org.ccphone.call.model;

import java.util.Optional;

/** How a supervisor is in a call: it always hears the caller and the agent; who hears it is the mode's. */
public enum MonitorMode {
  /** Heard by nobody. */
  LISTEN(false, false),
  /** Heard by the agent only (coaching); caller and agent still hear each other. */
  WHISPER(true, false),
  /** Heard by both, and in the call's recording. */
  BARGE(true, true);

  private final boolean agentHears;
  private final boolean callerHears;

  MonitorMode(boolean agentHears, boolean callerHears) {
    this.agentHears = agentHears;
    this.callerHears = callerHears;
  }

  public boolean agentHears() { return agentHears; }
  public boolean callerHears() { return callerHears; }

  /** The protocol's name: listen, whisper, barge. */
  public String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static Optional<MonitorMode> of(String wire) {
    for (MonitorMode mode : values()) {
      if (mode.wire().equals(wire)) {
        return Optional.of(mode);
      }
    }
    return Optional.empty();
  }
}
