package org.ccphone.agent;

/** The contract's buckets of an agent's day; each second of a session lands in exactly one. */
public enum TimeBucket {
  READY,
  AWAY,
  /** Not ready and not away: after-call work and any other time (the contract's BusyTime, "IdleTime"). */
  BUSY,
  ON_PHONE
}
