package org.ccphone.call.model;

import java.time.Instant;
import java.util.List;
import org.ccphone.agent.AgentSession;
import org.ccphone.call.model.Call.Effects;

/**
 * A connected call its agent sends on (a blind transfer): to a skill queue or to another agent.
 * The first agent's segment ends there (its row, wrap-up; it may log out without cutting the call);
 * the caller hears music while the call finds its next agent, and the call's media go with it,
 * as for a call whose agent's phone was lost (media.md, "Transfers"). The next agent who answers
 * has the call's next segment.
 */
final class Transferring {
  private final Call call;

  Transferring(Call call) {
    this.call = call;
  }

  Decision transfer(AgentSession agent, TransferTarget target, Instant now) {
    if (!call.connectedTo(agent)) {
      return Decision.refused("no_such_call", "no call " + call.key() + " is connected at this phone");
    }
    AgentSegment segment = call.segment;
    if (segment.phoneLost() || segment.media() == null) {
      return Decision.refused("not_allowed", "the call cannot be transferred while its audio is being set up again");
    }
    if (target instanceof TransferTarget.Agent to && to.agent() == agent) {
      return Decision.refused("bad_target", "a call is not transferred to the agent who has it");
    }
    if (target instanceof TransferTarget.Number) {
      return Decision.refused("not_supported", "transfers to a number are not available yet");
    }
    Effects e = call.effects().add(new Effect.Note("call " + call.key() + " transferred by agent "
        + agent.agent().agentId() + " to " + describe(target)));
    if (!segment.onHold()) {
      e.add(new Effect.MusicForCaller(segment.media())); // the caller waits on music for the next agent
    }
    if (target instanceof TransferTarget.Queue queue) {
      call.data(call.data().withSkills(List.of(queue.skill())));
    } else if (target instanceof TransferTarget.Agent to) {
      call.transferTo = to.agent();
    }
    Moves.handOff(e, "transferred", now);
    return e.done();
  }

  private static String describe(TransferTarget target) {
    if (target instanceof TransferTarget.Queue queue) {
      return "queue " + queue.skill();
    }
    if (target instanceof TransferTarget.Agent to) {
      return "agent " + to.agent().agent().agentId();
    }
    return "a number";
  }
}
