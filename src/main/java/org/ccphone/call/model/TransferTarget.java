package org.ccphone.call.model;

import java.time.Duration;
import org.ccphone.agent.AgentSession;

/** Where an agent sends its connected call (a blind transfer). */
public sealed interface TransferTarget {
  /** A skill queue of the tenant: the call is routed again with this skill, to the next agent who has it. */
  record Queue(String skill) implements TransferTarget {}

  /** One agent of the tenant, READY when asked: the call rings there first, then goes to its queue. */
  record Agent(AgentSession agent) implements TransferTarget {}

  /**
   * An outside number: {@code referTo} is the URI the caller's IVR is asked to call (REFER, for a
   * tenant whose IVR takes it); else {@code outside} is the leg through the tenant's trunk that
   * the server bridges to the caller (null: the tenant has no trunk), rung for at most {@code dialTimeout}.
   */
  record Number(String number, String referTo, CallerLeg outside, Duration dialTimeout) implements TransferTarget {
    /** A number the IVR is asked to take the caller to. */
    public static Number byRefer(String number, String referTo) {
      return new Number(number, referTo, null, null);
    }
  }
}
