package org.ccphone.call.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.ccphone.agent.AgentSession;
import org.ccphone.media.OutsideMedia;

/**
 * A connected call its agent sends on (a blind transfer). To a skill queue or another agent: the
 * first agent's segment ends there (its row, wrap-up; it may log out without cutting the call), the
 * caller hears music while the call finds its next agent, and the call's media go with it, as for a
 * call whose agent's phone was lost (media.md, "Transfers"); the next agent has the next segment.
 * To a number: by REFER, for a tenant whose IVR takes it (the IVR takes the caller on), or through
 * the trunk, the server calling the number and bridging the caller to it.
 */
final class Transferring {
  private final Call call;
  /** The outside party's endpoint of a transfer through the trunk, once made. */
  private OutsideMedia outsideMedia;
  private Duration dialTimeout;
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
    if (target instanceof TransferTarget.Number number && number.referTo() == null) {
      if (number.outside() == null) {
        return Decision.refused("no_trunk", "this tenant has no trunk to transfer calls to a number through");
      }
      return throughTrunk(agent, segment, number, now);
    }
    if (target instanceof TransferTarget.Number number) {
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
   * A transfer to a number through the trunk: the agent's segment ends as for any transfer (its
   * media and leg go with the call), the caller waits on music while an endpoint beside its own is
   * offered to the outside party in our INVITE; answered, the server bridges the two.
   */
  private Decision throughTrunk(AgentSession agent, AgentSegment segment, TransferTarget.Number number, Instant now) {
    Effects e = call.effects().add(new Effect.Note("call " + call.key() + " transferred by agent "
        + agent.agent().agentId() + " to " + number.number() + " through the trunk"));
    if (!segment.onHold()) {
      e.add(new Effect.MusicForCaller(segment.media()));
    }
    call.transferredBy = agent;
    e.add(new Effect.HandOverStanding(agent, segment.agentLeg()));
    boolean recorded = segment.recording() || call.data().record();
    call.parked = segment.handOver();
    if (recorded) {
      e.add(new Effect.FinishRecording(call.parked.media())); // the file ends with the agent: the outside party is not recorded
    }
    Moves.segmentOver(e, "transferred", now);
    call.segment = null;
    call.outside = number.outside();
    dialTimeout = number.dialTimeout();
    call.stage = Stage.BRIDGING;
    return e.add(new Effect.CancelTimer(Timer.REJOIN)).add(new Effect.OpenOutside(call.parked.media())).done();
  }

  Decision outsideMediaReady(OutsideMedia media, String offer, Instant now) {
    if (call.stage != Stage.BRIDGING) {
      return Decision.of(List.of(new Effect.ReleaseOutside(media)));
    }
    outsideMedia = media;
    return call.effects().add(new Effect.PlaceOutside(offer))
        .add(new Effect.StartTimer(Timer.DIAL, dialTimeout, null)).done();
  }

  /** The outside party answered: the caller and it talk through the server. */
  Decision outsideAnswered(String sdp, Instant now) {
    if (call.stage != Stage.BRIDGING) {
      return call.outside == null ? Decision.nothing() : Decision.of(List.of(new Effect.ByeOutside()));
    }
    call.stage = Stage.BRIDGED;
    return call.effects().add(new Effect.CancelTimer(Timer.DIAL)).add(new Effect.ConnectOutside(outsideMedia, sdp))
        .add(new Effect.Note("call " + call.key() + " bridged to its outside party")).done();
  }

  /** The outside party did not answer (busy, refused, no answer in time): the caller goes back to its queue, on music. */
  Decision outsideFailed(int status, String why, Instant now) {
    if (call.stage != Stage.BRIDGING) {
      return Decision.nothing();
    }
    Effects e = call.effects().add(new Effect.Note("call " + call.key() + ": its transfer to a number failed (" + status
        + " " + why + "); back to its queue")).add(new Effect.CancelTimer(Timer.DIAL));
    if (outsideMedia != null) {
      e.add(new Effect.ReleaseOutside(outsideMedia));
      outsideMedia = null;
    }
    call.outside = null;
    Moves.backToHead(e, now);
    return e.done();
  }

  /** The tenant's dial time ran out on the outside party: CANCEL, and back to the queue. */
  Decision outsideRangOut(Instant now) {
    if (call.stage != Stage.BRIDGING) {
      return Decision.nothing();
    }
    Effects e = call.effects().add(new Effect.CancelOutside());
    Decision failed = outsideFailed(0, "no answer within " + dialTimeout.toSeconds() + " s", now);
    failed.effects().forEach(e::add);
    return e.done();
  }

  /** The caller hangs up a bridged call: BYE to the outside party, and the call is over. */
  Decision callerLeftBridge(Instant now) {
    Effects e = call.effects().add(new Effect.ByeOutside());
    if (call.stage == Stage.BRIDGING) {
      e.add(new Effect.CancelOutside());
    }
    Moves.ended(e);
    return e.add(new Effect.RespondWhenStored(200)).done();
  }

  /** The outside party hangs up (its BYE, answered 200): our BYE to the caller, once the agent's row is stored. */
  Decision outsideGone(Instant now) {
    Effects e = call.effects().add(new Effect.Respond(200));
    if (call.stage != Stage.BRIDGED) {
      return e.done();
    }
    call.stage = Stage.HANGING_UP;
    return e.add(new Effect.ByeWhenStored()).done();
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
