package org.ccphone.call.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.ccphone.agent.AgentSession;
import org.ccphone.media.OutsideMedia;

/**
 * A consultation of an outside number: the server calls it through the tenant's trunk (as a
 * transfer through the trunk does) with an endpoint beside the caller's; answered, it talks with
 * the agent while the caller is on music. Completed, the caller and the outside party are bridged
 * with no agent on the call (as after a transfer through the trunk); a conference mixes the three;
 * cancelled, busy or not answered, the agent is back with its caller (on hold when it failed).
 */
final class NumberConsulting {
  private final Call call;
  private final Consulting c;
  private Duration dialTimeout;

  NumberConsulting(Call call, Consulting consulting) {
    this.call = call;
    this.c = consulting;
  }

  Decision start(AgentSession agent, TransferTarget.Number to, Instant now) {
    if (!call.connectedTo(agent)) {
      return Decision.refused("no_such_call", "no call " + call.key() + " is connected at this phone");
    }
    AgentSegment segment = call.segment;
    if (c.active() || segment.phoneLost() || segment.media() == null) {
      return Decision.refused("not_allowed", "call " + call.key() + " cannot be consulted on now");
    }
    if (to.outside() == null) {
      return Decision.refused("no_trunk", "this tenant has no trunk to call a number through");
    }
    c.number = to.number();
    c.step = Consulting.Step.RINGING;
    call.outside = to.outside();
    dialTimeout = to.dialTimeout();
    Effects e = call.effects().add(new Effect.Note("call " + call.key() + ": agent " + agent.agent().agentId()
        + " consults " + to.number() + " through the trunk"));
    if (!segment.agentHolds()) {
      segment.hold(Holder.AGENT, true, now);
      e.add(new Effect.HoldMedia(segment, true, Holder.AGENT));
    }
    return e.add(new Effect.OpenOutside(segment.media())).add(c.tellFirst("ringing", null)).done();
  }

  Decision ready(OutsideMedia media, String offer) {
    if (c.step != Consulting.Step.RINGING || c.leg != null) {
      return Decision.of(List.of(new Effect.ReleaseOutside(media)));
    }
    c.leg = media;
    return call.effects().add(new Effect.PlaceOutside(offer)).add(new Effect.StartTimer(Timer.DIAL, dialTimeout, null)).done();
  }

  Decision answered(String sdp) {
    if (c.step != Consulting.Step.RINGING || c.leg == null) {
      return Decision.of(List.of(new Effect.ByeOutside()));
    }
    c.step = Consulting.Step.ANSWERING;
    return call.effects().add(new Effect.CancelTimer(Timer.DIAL)).add(new Effect.ConnectOutsideConsult((OutsideMedia) c.leg, sdp)).done();
  }

  Decision connected(OutsideMedia media) {
    if (c.leg != media || c.step != Consulting.Step.ANSWERING) {
      return Decision.nothing();
    }
    c.step = Consulting.Step.TALKING;
    return Decision.of(List.of(c.tellFirst("talking", null)));
  }

  Decision connectFailed(OutsideMedia media, String why, Instant now) {
    if (c.leg != media) {
      return Decision.nothing();
    }
    Effects e = call.effects().add(new Effect.PhoneError(call.segment.agent(), "consult_failed", "the number could not be connected: " + why));
    c.end(e, "failed", false, false, now);
    return e.done();
  }

  /** The number did not answer: busy, refused, no answer in the tenant's dial time. The caller stays on hold. */
  Decision failed(int status, String why, Instant now) {
    if (c.step != Consulting.Step.RINGING) {
      return Decision.nothing();
    }
    Effects e = call.effects().add(new Effect.Note("call " + call.key() + ": its consultation of " + c.number + " failed ("
        + status + " " + why + ")")).add(new Effect.CancelTimer(Timer.DIAL));
    if (c.leg != null) {
      e.add(new Effect.ReleaseConsult(c.leg, null));
    }
    call.outside = null;
    e.add(c.tellFirst("ended", reason(status)));
    c.clear();
    return e.done();
  }

  Decision rangOut(Instant now) {
    if (c.step != Consulting.Step.RINGING) {
      return Decision.nothing();
    }
    Effects e = call.effects().add(new Effect.CancelOutside());
    failed(0, "no answer within " + dialTimeout.toSeconds() + " s", now).effects().forEach(e::add);
    return e.done();
  }

  /**
   * The outside party hangs up (its BYE, answered 200): the agent is back with its caller, on hold
   * after a consultation, talking after a conference; with the caller gone, the call ends.
   */
  Decision gone(Instant now) {
    Effects e = call.effects().add(new Effect.Respond(200));
    boolean conference = c.step == Consulting.Step.CONFERENCE;
    e.add(new Effect.ReleaseConsult(c.leg, conference ? call.segment : null));
    call.outside = null;
    if (call.stage == Stage.AGENTS_ONLY) {
      c.clear();
      c.ends.finish(e, "caller_hung_up", now);
      return e.done();
    }
    if (conference) {
      call.segment.hold(Holder.AGENT, false, now);
    }
    e.add(c.tellFirst("ended", conference ? "left_conference" : "target_hung_up"));
    c.clear();
    return e.done();
  }

  /** The consultation ends on our side: CANCEL while it rings, else BYE (the endpoint is released by the caller of this). */
  void hangUp(Effects e) {
    e.add(new Effect.CancelTimer(Timer.DIAL)).add(c.step == Consulting.Step.RINGING ? new Effect.CancelOutside() : new Effect.ByeOutside());
    call.outside = null;
  }

  /**
   * The agent completes the consultation, or leaves its conference: its segment ends (its row,
   * wrap-up; a recording is finished with it), and the caller and the outside party talk on through
   * the server with no agent on the call, as after a transfer through the trunk.
   */
  Decision complete(AgentSession agent, String reason, Instant now) {
    AgentSegment first = call.segment;
    Effects e = call.effects().add(new Effect.Note("call " + call.key() + ": agent " + agent.agent().agentId()
        + " hands it to " + c.number)).add(new Effect.TakeCallMedia(c.leg));
    e.add(new Effect.HandOverStanding(first.agent(), first.agentLeg()));
    boolean recorded = first.recording() || call.data().record();
    call.parked = first.handOver();
    if (recorded) {
      e.add(new Effect.FinishRecording(call.parked.media()));
    }
    Moves.segmentOver(e, first, reason, now);
    call.segment = null;
    call.transferredBy = agent;
    call.stage = Stage.BRIDGED;
    c.clear();
    return e.done();
  }

  private static String reason(int status) {
    return switch (status) {
      case 486, 600 -> "busy";
      case 0, 408, 480, 487 -> "no_answer";
      case 401, 403, 407 -> "refused";
      case 404, 484, 604 -> "no_such_number";
      default -> "failed";
    };
  }
}
