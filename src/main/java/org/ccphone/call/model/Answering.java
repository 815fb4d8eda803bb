package org.ccphone.call.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.ccphone.agent.AgentSession;
import org.ccphone.media.CallMedia;

/**
 * A call's events from the agent's answer to the call connected: the media attached to the agent's
 * leg, the 200 OK and its fate; for a call that moved, its parked media resumed for the next agent.
 */
final class Answering {
  private final Call call;

  Answering(Call call) {
    this.call = call;
  }

  /** The agent answers with its browser's answer: the media is attached, then the 200 OK goes. */
  Decision answer(AgentSession agent, String browserAnswer) {
    if (!call.ringsAt(agent)) {
      return Decision.refused("no_such_offer", "no call " + call.key() + " is ringing at this phone");
    }
    AgentSegment segment = call.segment;
    boolean noSdp = browserAnswer == null || browserAnswer.isBlank();
    if (segment.agentLeg() == null || ((call.parked != null || !segment.borrowsLeg()) && noSdp)) {
      return Decision.refused("bad_answer", "the answer to call " + call.key() + " needs its sdp");
    }
    call.stage = Stage.ANSWERING;
    Effects e = call.effects().add(new Effect.CancelTimer(Timer.RING));
    if (call.parked != null) {
      // The call's media stay where the caller's RTP is; the dialog does not change, so no SIP is sent.
      return e.add(new Effect.ResumeParked(segment, call.parked, browserAnswer)).done();
    }
    // A standing leg is connected already; a leg opened for this offer takes the browser's answer first.
    return e.add(new Effect.AttachCall(segment, segment.borrowsLeg() ? null : browserAnswer)).done();
  }

  Decision mediaAttached(AgentSegment of, CallMedia media, String sipAnswer, SessionTimer timer) {
    if (!call.current(of, Stage.ANSWERING) || call.dialog.okSent()) {
      return Decision.of(List.of(new Effect.Release(null, media))); // the caller hung up meanwhile
    }
    of.media(media);
    Effects e = call.effects().add(new Effect.WatchMedia(media));
    if (call.data().record()) {
      // Set up beside the 200 OK, not after it: the file then starts with the talk (TalkTime within 1 s).
      e.add(new Effect.StartRecording(of, call.data().callId()));
    }
    call.dialog.okSent(sipAnswer, timer);
    return e.add(new Effect.Accept(of, sipAnswer, timer == null ? Map.of() : timer.answerHeaders())).done();
  }

  Decision mediaFailed(AgentSegment of, String why, Instant now) {
    if (!call.current(of, Stage.ANSWERING) || call.dialog.okSent()) {
      return Decision.nothing();
    }
    Effects e = call.effects().add(new Effect.Note("media plane refused the answer to call " + call.key() + ": " + why))
        .add(new Effect.PhoneError(of.agent(), "bad_answer", "the answer could not be connected: " + why));
    Moves.withdraw(e, "failed", false);
    Moves.backToHead(e, now);
    return e.done();
  }

  Decision accepted(AgentSegment of, Instant now) {
    if (!call.current(of, Stage.ANSWERING)) {
      return Decision.nothing();
    }
    Effects e = call.effects();
    Moves.connected(e, now);
    if (of.isAgentGone()) {
      Moves.hangUp(e, "logged_out", now); // the agent logged out while the 200 OK was on its way
    }
    return e.done();
  }

  /** The caller cancelled first (487), or the 200 OK could not leave (500): the INVITE still gets its final answer. */
  Decision acceptFailed(AgentSegment of, boolean cancelled, String why, Instant now) {
    if (!call.current(of, Stage.ANSWERING)) {
      return Decision.nothing();
    }
    Effects e = call.effects().add(new Effect.Note("call " + call.key() + " not answered: " + why));
    Moves.withdraw(e, "caller_hung_up", false);
    Moves.refuse(e, cancelled ? 487 : 500, now);
    return e.done();
  }

  Decision parkedResumed(AgentSegment of, Instant now) {
    if (!call.current(of, Stage.ANSWERING) || call.parked == null) {
      return Decision.nothing();
    }
    of.takeOver(call.parked);
    call.parked = null;
    Effects e = call.effects();
    Moves.connected(e, now);
    return e.done();
  }

  Decision parkedResumeFailed(AgentSegment of, String why, Instant now) {
    if (!call.current(of, Stage.ANSWERING)) {
      return Decision.nothing();
    }
    Effects e = call.effects().add(new Effect.Note("the media of call " + call.key() + " could not reach its next agent: " + why))
        .add(new Effect.PhoneError(of.agent(), "bad_answer", "the answer could not be connected: " + why));
    call.declined(of.agent()); // not offered to this browser again
    Moves.withdraw(e, "failed", false);
    Moves.backToHead(e, now);
    return e.done();
  }
}
