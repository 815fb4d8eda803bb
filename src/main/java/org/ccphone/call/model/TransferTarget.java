package org.ccphone.call.model;

import org.ccphone.agent.AgentSession;

/** Where an agent sends its connected call (a blind transfer). */
public sealed interface TransferTarget {
  /** A skill queue of the tenant: the call is routed again with this skill, to the next agent who has it. */
  record Queue(String skill) implements TransferTarget {}

  /** One agent of the tenant, READY when asked: the call rings there first, then goes to its queue. */
  record Agent(AgentSession agent) implements TransferTarget {}

  /** An outside number, through the tenant's trunk (or the IVR, by REFER). */
  record Number(String number) implements TransferTarget {}
}
