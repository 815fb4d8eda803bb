package org.ccphone.call.model;

import java.time.Instant;
import java.util.List;
import org.ccphone.agent.AgentSession;

/**
 * How a consultation ends when one of its parties goes: either agent hangs up (or its phone is
 * gone), the caller hangs up, or the server ends the call (docs/calls.md, "Consultation and conference").
 */
final class ConsultationEnds {
  private final Call call;
  private final Consulting c;

  ConsultationEnds(Call call, Consulting consulting) {
    this.call = call;
    this.c = consulting;
  }

  /**
   * One of the two agents hangs up (or is gone: {@code reason}). The consulted agent: it declines
   * while it rings, leaves the consulting agent with its caller on hold, or leaves the conference.
   * The consulting agent: it leaves the conference (the other goes on with the caller), or, the
   * caller gone, ends the call. While the caller waits on hold, the consulting agent must cancel or
   * complete first.
   */
  Decision hangsUp(AgentSession agent, String reason, Instant now) {
    Effects e = call.effects();
    if (c.isTarget(agent)) {
      if (c.step == Consulting.Step.CONFERENCE) {
        Moves.segmentOver(e, c.target, reason, now);
        AgentSession left = c.target.agent();
        c.target = null;
        c.step = null;
        e.add(new Effect.ReleaseConsult(c.leg, call.segment)).add(new Effect.Tell(call.segment.agent(),
            CallFrames.consultation(call, "ended", left, "left_conference")));
        c.leg = null;
      } else if (call.stage == Stage.AGENTS_ONLY) {
        c.end(e, reason, false, false, now);
        finish(e, "caller_hung_up", now);
      } else {
        c.end(e, c.step == Consulting.Step.RINGING ? "declined" : "target_hung_up", false, false, now);
      }
      return e.done();
    }
    if (c.step == Consulting.Step.CONFERENCE && c.onNumber()) {
      return c.numbers.complete(agent, "left_conference", now); // the caller and the outside party talk on
    }
    if (c.step == Consulting.Step.CONFERENCE) {
      e.add(new Effect.TakeCallMedia(c.leg));
      c.handOverTo(e, "left_conference", now);
      e.add(new Effect.Tell(call.segment.agent(),
          CallFrames.consultation(call, "ended", agent, "left_conference")));
      return e.done();
    }
    if (call.stage == Stage.AGENTS_ONLY) {
      c.end(e, "consultation_ended", false, false, now);
      finish(e, "caller_hung_up", now);
      return e.done();
    }
    if ("agent_hung_up".equals(reason)) {
      return c.notHere("hang up");
    }
    c.end(e, "cancelled", false, false, now); // the agent's phone is gone: the caller stays on music, the call goes on as for any lost phone
    return e.done();
  }

  /**
   * The caller hangs up. While the consulted agent rings, the consultation ends with the call; while
   * the agents talk, they talk on (the call has no caller any more); in a conference both agents'
   * parts end.
   */
  Decision callerLeft(boolean bye, Instant now) {
    if (call.stage == Stage.AGENTS_ONLY) {
      return bye ? Decision.of(List.of(new Effect.Respond(481))) : Decision.nothing(); // its dialog is over already
    }
    Effects e = call.effects();
    if (c.step == Consulting.Step.TALKING && call.stage == Stage.CONNECTED) {
      call.stage = Stage.AGENTS_ONLY;
      if (bye) {
        e.add(new Effect.Respond(200));
      }
      e.add(new Effect.CancelTimer(Timer.KEEP_ALIVE)).add(new Effect.CancelTimer(Timer.SESSION_CHECK))
          .add(new Effect.CancelTimer(Timer.SESSION_REFRESH))
          .add(c.tellFirst("caller_gone", null));
      if (c.target != null) {
        e.add(new Effect.Tell(c.target.agent(), CallFrames.consultation(call, "caller_gone", call.segment.agent(), null)));
      }
      return e.done();
    }
    if (c.step == Consulting.Step.CONFERENCE) {
      conferenceOver(e, "caller_hung_up", now);
    } else {
      c.end(e, "caller_hung_up", false, false, now);
    }
    Decision rest = call.dialog.callerGone(bye, now);
    rest.effects().forEach(e::add);
    return e.done();
  }

  /**
   * The server ends the call (its agent's hang-up is handled above): the consulted agent is let go,
   * or its part of a conference ends; a call whose caller is gone ends here, with no BYE.
   * Returns whether the call is over already.
   */
  boolean endForHangUp(Effects e, String reason, Instant now) {
    if (c.step == Consulting.Step.CONFERENCE) {
      conferenceOver(e, reason, now);
    } else {
      c.end(e, reason, false, false, now);
    }
    if (call.stage == Stage.AGENTS_ONLY) {
      finish(e, reason, now);
      return true;
    }
    return false;
  }

  /** The call ends in a conference: the consulted agent's part ends (its row), or the outside party gets our BYE. Its media go with the call's. */
  private void conferenceOver(Effects e, String reason, Instant now) {
    if (c.onNumber()) {
      c.numbers.hangUp(e);
    } else {
      Moves.segmentOver(e, c.target, reason, now);
    }
    c.clear();
  }

  /** The call's caller was gone: its agent's part ends, and the call with it (no BYE: its dialog is over). */
  void finish(Effects e, String reason, Instant now) {
    Moves.segmentOver(e, call.segment, reason, now);
    Moves.ended(e);
    e.add(new Effect.Closed());
  }
}
