package org.ccphone.call.model;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.ccphone.agent.AgentSession;
import org.ccphone.agent.AgentState;
import org.ccphone.call.model.Effect.Count;
import org.ccphone.call.model.Effect.Figure;
import org.ccphone.media.AgentMediaLeg;
import org.ccphone.media.IceCandidate;

/**
 * A call's events from its Call Start to its answer: it waits in its tenant's queue, is offered to
 * an agent, rings for the tenant's ring time, goes back to the head of the queue when the offer
 * ends, overflows when it waited too long or nobody could take it, and is answered.
 */
final class Offering {
  private final Call call;

  Offering(Call call) {
    this.call = call;
  }

  Decision callStartDone(CallData answered, CallRules taken, boolean canBeTaken, Instant now) {
    if (call.stage != Stage.ARRIVED) {
      return Decision.nothing(); // the caller gave up during Call Start
    }
    call.data(answered);
    call.rules(taken);
    Effects e = call.effects();
    if (!canBeTaken) {
      Moves.overflow(e, now);
      return e.done();
    }
    call.queued(now);
    return e.add(new Effect.Ringing()).add(new Count(Figure.QUEUED, null, now, now)).add(new Effect.Enqueue(false))
        .add(new Effect.StartTimer(Timer.MAX_WAIT, taken.maxWait(), null)).add(new Effect.Dispatch()).done();
  }

  /** Rings the agent: a call that moved renews its own leg for it, else the agent's standing leg or a new one. */
  Decision offer(AgentSession agent, Optional<AgentMediaLeg> standing, Instant now) {
    if (call.stage != Stage.QUEUED) {
      return Decision.nothing();
    }
    Effects e = call.effects().add(new Effect.Dequeue());
    if (call.parked == null) { // a call that moved counts once, for its first agent
      e.add(new Count(Figure.OFFERED, agent, call.queuedAt(), now));
    }
    AgentSegment segment = new AgentSegment(agent, ++call.segments);
    call.segment = segment;
    call.stage = Stage.RINGING;
    e.add(new Effect.StartTimer(Timer.RING, call.rules().ring(), segment)).add(new Effect.Track(agent));
    if (call.parked != null) {
      segment.borrowLeg(call.parked.leg()); // the call's, not this segment's to close
      e.add(new Effect.RenewParkedLeg(segment));
    } else if (standing.isPresent()) {
      // The agent's browser is connected already: the offer carries no media, answering attaches the call.
      segment.borrowLeg(standing.get());
      e.add(new Effect.OfferToPhone(segment, null));
    } else {
      e.add(new Effect.OpenAgentLeg(segment));
    }
    return e.done();
  }

  Decision noMediaPlane(Instant now) {
    if (call.stage != Stage.QUEUED) {
      return Decision.nothing();
    }
    Effects e = call.effects().add(new Effect.Note("call " + call.key() + ": no media plane is configured (docs/media.md)"));
    if (call.parked != null) {
      Moves.hangUp(e, "media_lost", now); // its dialog is confirmed: it can only be hung up
    } else {
      e.add(new Effect.Dequeue());
      Moves.refuse(e, 503, now);
    }
    return e.done();
  }

  /** No logged-in agent could take it any more: it overflows, unless it moved (then it waits on). */
  Decision nobodyCanTake(Instant now) {
    if (call.stage != Stage.QUEUED || call.parked != null) {
      return Decision.nothing();
    }
    Effects e = call.effects().add(new Effect.Dequeue());
    Moves.overflow(e, now);
    return e.done();
  }

  /** The maximum wait is over: a call still waiting overflows (one ringing is looked at when it returns). */
  Decision waitOver(Instant now) {
    return nobodyCanTake(now);
  }

  Decision agentLegOpened(AgentSegment of, AgentMediaLeg opened, String browserOffer) {
    if (!call.current(of, Stage.RINGING) || of.agentLeg() != null) {
      return Decision.of(List.of(new Effect.Release(opened, null))); // the offer ended meanwhile
    }
    of.ownLeg(opened);
    return Decision.of(List.of(new Effect.OfferToPhone(of, browserOffer)));
  }

  Decision agentLegFailed(AgentSegment of, String why, Instant now) {
    if (!call.current(of, Stage.RINGING)) {
      return Decision.nothing();
    }
    Effects e = call.effects().add(new Effect.Note("media plane refused call " + call.key() + ": " + why));
    Moves.release(e, false);
    Moves.refuse(e, 503, now);
    return e.done();
  }

  Decision parkedLegRenewed(AgentSegment of, String browserOffer) {
    return call.current(of, Stage.RINGING) && call.parked != null
        ? Decision.of(List.of(new Effect.OfferToPhone(of, browserOffer))) : Decision.nothing();
  }

  /**
   * Its media cannot reach any agent: offering it again would ring agent after agent in vain and
   * hold back the calls behind it. The caller, on music until now, is hung up.
   */
  Decision parkedLegFailed(AgentSegment of, String why, Instant now) {
    if (!call.current(of, Stage.RINGING) || call.parked == null) {
      return Decision.nothing();
    }
    Effects e = call.effects().add(new Effect.Note("the media of call " + call.key()
        + " could not be offered to another agent; hanging up: " + why));
    Moves.release(e, false);
    call.queued(now);
    Moves.hangUp(e, "media_lost", now);
    return e.done();
  }

  /** The media plane's candidate goes to the phone while the offer or the call is still this agent's. */
  Decision planeCandidate(AgentSegment of, IceCandidate candidate) {
    if (of == null || call.segment != of || call.stage == Stage.ENDED) {
      return Decision.nothing();
    }
    return Decision.of(List.of(new Effect.Tell(of.agent(), CallFrames.ice(call, candidate))));
  }

  Decision rangOut(AgentSegment of, Instant now) {
    if (!call.current(of, Stage.RINGING)) {
      return Decision.nothing();
    }
    Effects e = call.effects().add(new Effect.Note("call " + call.key() + " rang out at agent " + of.agent().agent().agentId()));
    Moves.withdraw(e, "rang_out", true);
    Moves.backToHead(e, now);
    return e.done();
  }

  /** The agent declined the call ringing at it: never offered to that agent again. */
  Decision declined(AgentSession agent, Instant now) {
    if (!call.ringsAt(agent)) {
      return Decision.refused("no_such_offer", "no call " + call.key() + " is ringing at this phone");
    }
    call.declined(agent);
    Effects e = call.effects();
    Moves.withdraw(e, "declined", false);
    Moves.backToHead(e, now);
    return e.done();
  }

  /**
   * The agent's calls now ring at another of its phones: a call ringing at the old one rings again
   * (at the new phone); a connected one waits on music for the new phone to rejoin it.
   */
  Decision phoneMoved(Instant now) {
    Effects e = call.effects();
    if (call.stillOffered()) {
      Moves.withdraw(e, "agent_unavailable", false);
      Moves.backToHead(e, now);
    } else if (call.stage == Stage.CONNECTED) {
      Moves.phoneLost(e, now);
    }
    return e.done();
  }

  /**
   * The agent at the call changed: its last phone connection dropped (a call still ringing goes to
   * another agent; a connected one waits on music), or it left RINGING while the call rang.
   */
  Decision agentChanged(AgentSession agent, AgentState state, boolean hasConnection, Instant now) {
    Effects e = call.effects();
    if (call.agent() != agent) {
      return Decision.nothing();
    }
    if (!hasConnection && call.stillOffered()) {
      Moves.phoneGoneWhileRinging(e, AgentState.READY);
      Moves.backToHead(e, now);
    } else if (!hasConnection && call.stage == Stage.CONNECTED) {
      Moves.phoneLost(e, now);
    } else if (hasConnection && call.stage == Stage.RINGING && state != AgentState.RINGING) {
      Moves.withdraw(e, "agent_unavailable", false);
      Moves.backToHead(e, now);
    }
    return e.done();
  }

  /**
   * The agent's session ended: an offer goes to another agent; a connected call is hung up, or moves
   * on if its phone is lost. A call whose 200 OK is on its way is answered for its caller: it is not
   * offered again (the caller would talk to nobody) but hung up as soon as it connects.
   */
  Decision loggedOut(AgentSession agent, Instant now) {
    Effects e = call.effects();
    if (call.agent() != agent) {
      return Decision.nothing();
    }
    if (call.stage == Stage.ANSWERING && call.dialog.okSent()) {
      call.segment.agentGone();
      e.add(new Effect.Note("call " + call.key() + ": its agent logged out while the 200 OK was on its way; hung up once connected"));
    } else if (call.stage == Stage.RINGING || call.stage == Stage.ANSWERING) {
      Moves.withdraw(e, "logged_out", false);
      Moves.backToHead(e, now);
    } else if (call.stage == Stage.CONNECTED && call.segment.phoneLost()) {
      Moves.moveOn(e, "logged_out", now); // the phone is gone: the caller, on music, waits for another agent
    } else if (call.stage == Stage.CONNECTED) {
      Moves.hangUp(e, "logged_out", now);
    }
    return e.done();
  }

  /**
   * The server is stopping: a call not yet connected overflows now; one that moved (its dialog
   * confirmed) is hung up.
   */
  Decision drain(Instant now) {
    Effects e = call.effects();
    if (call.waitingAgain()) {
      Moves.hangUp(e, "server_stopping", now);
      if (call.stage == Stage.HANGING_UP && !call.dialog.acked()) {
        e.add(new Effect.ByeWhenStored()); // no ACK is awaited any more (with one, the hang-up asked for it)
      }
    } else if (call.stage == Stage.QUEUED) {
      e.add(new Effect.Dequeue());
      Moves.overflow(e, now);
    } else if (call.stillOffered()) {
      Moves.withdraw(e, "server_stopping", false);
      Moves.overflow(e, now);
    }
    return e.done();
  }
}
