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
  /** Our REFER is out and not answered yet. */
  private boolean referring;
  /** The IVR took the call (202): we wait for its word that the transfer is done (NOTIFY), or its BYE. */
  private boolean referred;

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
    if (target instanceof TransferTarget.Number number) {
      if (number.referTo() == null) {
        return Decision.refused("not_supported", "transfers to a number through the trunk are not available yet");
      }
      if (referring) {
        return Decision.refused("not_allowed", "a transfer of call " + call.key() + " is on its way");
      }
      referring = true;
      return call.effects().add(new Effect.Note("call " + call.key() + ": agent " + agent.agent().agentId()
          + " asks the IVR to take it to " + number.number())).add(new Effect.Refer(segment, number.referTo())).done();
    }
    Effects e = call.effects().add(new Effect.Note("call " + call.key() + " transferred by agent "
        + agent.agent().agentId() + " to " + describe(target)));
    if (!segment.onHold()) {
      e.add(new Effect.MusicForCaller(segment.media())); // the caller waits on music for the next agent
    }
    call.transferredBy = agent;
    if (target instanceof TransferTarget.Queue queue) {
      call.data(call.data().withSkills(List.of(queue.skill())));
    } else if (target instanceof TransferTarget.Agent to) {
      call.transferTo = to.agent();
    }
    Moves.handOff(e, "transferred", now);
    return e.done();
  }

  /**
   * The IVR's answer to our REFER: 2xx, it takes the call on (the agent's segment ends there, the
   * caller's dialog waits for the IVR's NOTIFY); otherwise the call stays with its agent.
   */
  Decision referAnswered(AgentSegment of, int status, String reason, Instant now) {
    referring = false;
    if (!call.current(of, Stage.CONNECTED)) {
      return Decision.nothing(); // ended meanwhile
    }
    Effects e = call.effects();
    if (status / 100 != 2) {
      return e.add(new Effect.PhoneError(of.agent(), "transfer_failed", "the IVR did not take the call: " + status + " " + reason)).done();
    }
    referred = true;
    Moves.segmentOver(e, "transferred", now);
    call.stage = Stage.HANGING_UP; // ours to end once the IVR says the transfer is done; the caller's BYE ends it too
    return e.add(new Effect.StartTimer(Timer.REFER, Timer.REFER_WAIT, null)).done();
  }

  /**
   * The IVR's NOTIFY of the transfer's progress (a sipfrag status line): answered 200; once final,
   * the call is over for us and our BYE goes (the IVR has the caller, or could not take it: the
   * agent is gone either way).
   */
  Decision referNotified(int sipfragStatus, Instant now) {
    Effects e = call.effects().add(new Effect.Respond(referred || call.live() ? 200 : 481));
    if (referred && call.stage == Stage.HANGING_UP && sipfragStatus >= 200) {
      referred = false;
      e.add(new Effect.CancelTimer(Timer.REFER)).add(new Effect.Note("call " + call.key() + ": the IVR's transfer ended "
          + sipfragStatus)).add(new Effect.ByeWhenStored());
    }
    return e.done();
  }

  /** No final NOTIFY in time: the call is ended for us. */
  Decision referTimedOut(Instant now) {
    if (!referred || call.stage != Stage.HANGING_UP) {
      return Decision.nothing();
    }
    referred = false;
    return call.effects().add(new Effect.Note("call " + call.key() + ": no word from the IVR on its transfer; hanging up"))
        .add(new Effect.ByeWhenStored()).done();
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
