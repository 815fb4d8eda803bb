package org.ccphone.call.model;

import java.time.Instant;
import java.util.List;
import org.ccphone.agent.AgentSession;
import org.ccphone.media.ConsultLeg;
import org.ccphone.media.ConsultParty;
import org.ccphone.media.IceCandidate;
import org.ccphone.media.OutsideMedia;

/**
 * A consultation (attended transfer) of a connected call: its agent puts the caller on hold (music,
 * counted as HoldTime in its segment) and rings another agent, who answers on an endpoint beside the
 * caller's; the two talk privately. Then the agent completes it (the consulted agent takes the caller
 * as the call's next segment, the first is released), cancels it (back to the caller), or makes a
 * conference (the three mixed; either agent may leave it, the other goes on with the caller). A
 * caller who hangs up while the two talk leaves them talking, until one hangs up.
 */
public final class Consulting {
  /** Where the consultation is: the target rings, its answer is connected, the agents talk, the three talk. */
  enum Step { RINGING, ANSWERING, TALKING, CONFERENCE }

  private final Call call;
  /** The consulted agent's part: its segment number, and once in a conference its talk. Null: no consultation. */
  AgentSegment target;
  Step step;
  /** The consulted party's media: the agent's endpoint, or the outside number's. */
  ConsultParty leg;
  /** The outside number consulted through the trunk (then {@link #target} is null), or null. */
  String number;

  /** How the consultation ends when one of its parties goes. */
  final ConsultationEnds ends;

  Consulting(Call call) {
    this.call = call;
    this.ends = new ConsultationEnds(call, this);
    this.numbers = new NumberConsulting(call, this);
  }

  /** A consultation of an outside number through the trunk. */
  final NumberConsulting numbers;

  boolean active() { return target != null || number != null; }
  boolean onNumber() { return number != null; }
  boolean isTarget(AgentSession agent) { return target != null && target.agent() == agent; }
  boolean isTarget(AgentSegment of) { return of != null && of == target; }
  /** The number consulted, or null. */
  String targetNumber() { return number; }
  /** The consulted agent, or null. */
  AgentSession targetAgent() { return target == null ? null : target.agent(); }
  /** For the supervisors: ringing, talking, conference, or caller_gone once the caller hung up. */
  String state() {
    return call.stage == Stage.AGENTS_ONLY ? "caller_gone" : step == Step.CONFERENCE ? "conference"
        : step == Step.RINGING || step == Step.ANSWERING ? "ringing" : "talking";
  }

  /** The agent asks to consult {@code to}, a READY agent of its tenant taken for it (RINGING). */
  public Decision start(AgentSession agent, AgentSession to, Instant now) {
    if (!call.connectedTo(agent)) {
      return Decision.refused("no_such_call", "no call " + call.key() + " is connected at this phone");
    }
    AgentSegment segment = call.segment;
    if (active() || segment.phoneLost() || segment.media() == null) {
      return Decision.refused("not_allowed", "call " + call.key() + " cannot be consulted on now");
    }
    if (to == agent) {
      return Decision.refused("bad_target", "an agent does not consult itself");
    }
    target = new AgentSegment(to, ++call.segments);
    step = Step.RINGING;
    Effects e = call.effects().add(new Effect.Note("call " + call.key() + ": agent " + id(agent) + " consults agent " + id(to)));
    if (!segment.agentHolds()) {
      segment.hold(Holder.AGENT, true, now); // the consultation's time is the segment's HoldTime
      e.add(new Effect.HoldMedia(segment, true, Holder.AGENT));
    }
    return e.add(new Effect.Track(to)).add(new Effect.OpenConsult(segment.media(), target))
        .add(new Effect.StartTimer(Timer.CONSULT_RING, call.rules().ring(), target))
        .add(new Effect.Tell(agent, CallFrames.consultation(call, "ringing", to, null))).done();
  }

  /** The agent asks to consult an outside number, through the tenant's trunk ({@code to.outside()}; null: no trunk). */
  public Decision startNumber(AgentSession agent, TransferTarget.Number to, Instant now) { return numbers.start(agent, to, now); }
  public Decision numberConnected(OutsideMedia media, Instant now) { return numbers.connected(media); }
  public Decision numberConnectFailed(OutsideMedia media, String why, Instant now) { return numbers.connectFailed(media, why, now); }

  public Decision legOpened(AgentSegment of, ConsultLeg opened, String browserOffer, Instant now) {
    if (!isTarget(of) || step != Step.RINGING || leg != null) {
      return Decision.of(List.of(new Effect.ReleaseConsult(opened, null)));
    }
    leg = opened;
    return Decision.of(List.of(new Effect.ConsultToPhone(of, browserOffer, call.segment.agent())));
  }

  public Decision legFailed(AgentSegment of, String why, Instant now) {
    if (!isTarget(of)) {
      return Decision.nothing();
    }
    Effects e = call.effects().add(new Effect.PhoneError(call.segment.agent(), "consult_failed", "the consultation could not be set up: " + why));
    end(e, "failed", false, false, now);
    return e.done();
  }

  /** The consulted agent answers with its browser's answer. */
  Decision answer(String browserAnswer) {
    if (step != Step.RINGING) {
      return Decision.refused("no_such_offer", "no call " + call.key() + " is ringing at this phone");
    }
    if (leg == null || browserAnswer == null || browserAnswer.isBlank()) {
      return Decision.refused("bad_answer", "the answer to call " + call.key() + " needs its sdp");
    }
    step = Step.ANSWERING;
    return call.effects().add(new Effect.CancelTimer(Timer.CONSULT_RING)).add(new Effect.ConnectConsult((ConsultLeg) leg, browserAnswer, target)).done();
  }

  public Decision connected(AgentSegment of, Instant now) {
    if (!isTarget(of) || step != Step.ANSWERING) {
      return Decision.nothing();
    }
    step = Step.TALKING;
    return call.effects().add(new Effect.OnThePhone(of.agent()))
        .add(new Effect.Tell(of.agent(), CallFrames.consultation(call, "talking", call.segment.agent(), null)))
        .add(new Effect.Tell(call.segment.agent(), CallFrames.consultation(call, "talking", of.agent(), null))).done();
  }

  public Decision connectFailed(AgentSegment of, String why, Instant now) {
    if (!isTarget(of) || step != Step.ANSWERING) {
      return Decision.nothing();
    }
    Effects e = call.effects().add(new Effect.PhoneError(of.agent(), "bad_answer", "the answer could not be connected: " + why));
    end(e, "failed", false, false, now);
    return e.done();
  }

  Decision declined(Instant now) {
    if (step != Step.RINGING) {
      return Decision.refused("no_such_offer", "no call " + call.key() + " is ringing at this phone");
    }
    Effects e = call.effects();
    end(e, "declined", false, false, now);
    return e.done();
  }

  Decision rangOut(AgentSegment of, Instant now) {
    if (!isTarget(of) || step != Step.RINGING) {
      return Decision.nothing();
    }
    Effects e = call.effects();
    end(e, "rang_out", true, false, now);
    return e.done();
  }

  /** The consulting agent goes back to the caller: the consulted agent is let go. */
  public Decision cancel(AgentSession agent, Instant now) {
    if (!ownConsultation(agent) || step == Step.CONFERENCE) {
      return notHere("cancel");
    }
    Effects e = call.effects();
    end(e, "cancelled", false, true, now);
    return e.done();
  }

  /** The consulting agent completes the transfer: the consulted agent takes the caller, the first is released. */
  public Decision complete(AgentSession agent, Instant now) {
    if (!ownConsultation(agent) || step != Step.TALKING) {
      return notHere("complete");
    }
    if (number != null) {
      return numbers.complete(agent, "transferred", now);
    }
    Effects e = call.effects().add(new Effect.Note("call " + call.key() + ": agent " + id(agent) + " completed its transfer to agent " + id(target.agent())));
    AgentSegment to = target;
    e.add(new Effect.TakeCallMedia(leg));
    handOverTo(e, "transferred", now);
    Moves.connected(e, now);
    e.add(new Effect.Tell(to.agent(), CallFrames.consultation(call, "joined", agent, null)));
    return e.done();
  }

  /** The consulting agent makes a conference: the caller, it and the consulted agent hear each other. */
  public Decision conference(AgentSession agent, Instant now) {
    if (!ownConsultation(agent) || step != Step.TALKING) {
      return notHere("conference");
    }
    return Decision.of(List.of(new Effect.ConferenceMedia(leg, target)));
  }

  public Decision conferenced(AgentSegment of, Instant now) {
    if (!(number != null ? of == null : isTarget(of)) || step != Step.TALKING || call.stage != Stage.CONNECTED) {
      return Decision.nothing();
    }
    step = Step.CONFERENCE;
    AgentSegment first = call.segment;
    first.hold(Holder.AGENT, false, now);
    if (number != null) { // an outside party has no segment: no row is written for it
      return call.effects().add(tellFirst("conference", null)).done();
    }
    of.connected(now, ++call.talkSegments); // the consulted agent's part of the call starts with the caller
    return call.effects().add(new Effect.Note("call " + call.key() + ": conference of agents " + id(first.agent()) + " and " + id(of.agent())))
        .add(new Effect.Tell(first.agent(), CallFrames.consultation(call, "conference", of.agent(), null)))
        .add(new Effect.Tell(of.agent(), CallFrames.consultation(call, "conference", first.agent(), null))).done();
  }

  public Decision conferenceFailed(AgentSegment of, String why, Instant now) {
    if (!(number != null ? of == null : isTarget(of)) || step != Step.TALKING) {
      return Decision.nothing();
    }
    return Decision.of(List.of(new Effect.PhoneError(call.segment.agent(), "conference_failed", "the conference could not be made: " + why)));
  }

  /** The media server's candidate for the consulted browser. */
  Decision planeCandidate(IceCandidate candidate) {
    return Decision.of(List.of(new Effect.Tell(target.agent(), CallFrames.ice(call, candidate))));
  }

  /** What the call's agent may not do while it consults (hold, transfer): the consultation decides. */
  Decision busy() {
    return Decision.refused("not_allowed", "complete, conference or cancel the consultation of call " + call.key() + " first");
  }

  /** A candidate of the consulted browser. */
  Decision candidate(IceCandidate candidate) {
    return leg == null ? Decision.nothing() : Decision.of(List.of(new Effect.AddConsultCandidate((ConsultLeg) leg, candidate)));
  }

  /**
   * The consultation ends before the consulted agent took the caller: it is told, it is READY again
   * (AWAY when it let too many ring out), its endpoint goes; the call's agent is told, and with
   * {@code resume} talks with the caller again (else the caller stays on hold).
   */
  void end(Effects e, String reason, boolean rangOut, boolean resume, Instant now) {
    if (number != null) {
      numbers.hangUp(e);
    } else {
      AgentSession to = target.agent();
      e.add(new Effect.CancelTimer(Timer.CONSULT_RING)).add(new Effect.Untrack(to)).add(new Effect.ConsultOver(to, rangOut))
          .add(new Effect.Tell(to, step == Step.RINGING ? CallFrames.offerWithdrawn(call, reason) : CallFrames.callEnded(call, "consultation_ended")));
    }
    AgentSegment first = call.segment;
    if (resume) {
      first.hold(Holder.AGENT, false, now);
    }
    if (leg != null) {
      e.add(new Effect.ReleaseConsult(leg, resume ? first : null));
    } else if (resume) {
      e.add(new Effect.HoldMedia(first, false, Holder.AGENT));
    }
    if (first != null) {
      e.add(tellFirst("ended", reason));
    }
    clear();
  }

  void clear() {
    target = null;
    number = null;
    step = null;
    leg = null;
  }

  /** A consultation frame to the call's agent about the party it consults. */
  Effect tellFirst(String state, String reason) {
    return new Effect.Tell(call.segment.agent(), number != null ? CallFrames.consultation(call, state, number, reason)
        : CallFrames.consultation(call, state, target.agent(), reason));
  }

  /** The consulted agent takes the call from its agent: the first segment ends (its row, wrap-up), the call's media go to it. */
  void handOverTo(Effects e, String reason, Instant now) {
    AgentSegment first = call.segment;
    AgentSegment to = target;
    e.add(new Effect.HandOverStanding(first.agent(), first.agentLeg()));
    ParkedMedia media = first.handOver();
    Moves.segmentOver(e, first, reason, now);
    to.takeOver(media);
    call.segment = to;
    call.transferredBy = first.agent();
    target = null;
    step = null;
    leg = null;
  }

  private boolean ownConsultation(AgentSession agent) {
    return active() && call.segment != null && call.segment.agent() == agent && call.stage == Stage.CONNECTED;
  }

  Decision notHere(String what) {
    return Decision.refused("not_allowed", "there is no consultation of call " + call.key() + " to " + what + " at this phone");
  }

  private static int id(AgentSession agent) {
    return agent.agent().agentId();
  }
}
