package org.ccphone.agent;

/** What an agent is doing, as the server decides it. Each state counts in one ledger bucket. */
public enum AgentState {
  /** Waiting for a call. */
  READY(TimeBucket.READY),
  /** A call is being offered (the phone rings): the agent is still available, so ReadyTime. */
  RINGING(TimeBucket.READY),
  /** Talking (set by the call side only). */
  ON_PHONE(TimeBucket.ON_PHONE),
  /** Not ready: after-call work, or any time the agent is neither ready nor away. */
  BUSY(TimeBucket.BUSY),
  /** Away with a reason (Lunch, Break, ..., or the server's own Disconnected, Missed call). */
  AWAY(TimeBucket.AWAY);

  private final TimeBucket bucket;

  AgentState(TimeBucket bucket) {
    this.bucket = bucket;
  }

  public TimeBucket bucket() {
    return bucket;
  }

  /** On a call: the agent's own requests cannot move them out of it. */
  public boolean onCall() {
    return this == RINGING || this == ON_PHONE;
  }
}
