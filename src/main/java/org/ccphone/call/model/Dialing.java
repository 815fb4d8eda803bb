package org.ccphone.call.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.ccphone.agent.AgentSession;
import org.ccphone.media.AgentMediaLeg;
import org.ccphone.media.CallMedia;

/**
 * An outbound call's events from the agent's dial to the callee's answer: its Call Start, our G.711
 * offer made on the agent's standing leg, the INVITE through the tenant's trunk, its progress, and
 * its end when it is not answered (busy, no answer in the dial time, refused, cancelled by the
 * agent). The agent is ON_PHONE from the dial; a call that never connects takes it back to the
 * state it dialed from, and writes its row (TalkTime 0).
 */
final class Dialing {
  private final Call call;
  /** Our offer in the INVITE; the session the dialog keeps. */
  private String offer;
  /** The callee's answer came early (183 with a session): the 200's is the same session. */
  private boolean answerTaken;
  private Duration dialTimeout;
  /** Our INVITE went and the call was given up before its answer: an answer that crossed is hung up. */
  private boolean givenUp;

  Dialing(Call call) {
    this.call = call;
  }

  /** Call Start answered (or failed, and the call goes on its own data): our offer is made on the agent's leg. */
  Decision callStartDone(CallData answered, CallRules taken, Duration timeout, Optional<AgentMediaLeg> standing, Instant now) {
    if (call.dialer() == null || call.stage != Stage.ARRIVED) {
      return Decision.nothing(); // a call from the IVR, or the agent cancelled while Call Start ran
    }
    call.data(answered);
    call.rules(taken);
    dialTimeout = timeout;
    Effects e = call.effects();
    AgentSegment segment = new AgentSegment(call.dialer(), ++call.segments);
    call.segment = segment;
    if (standing.isEmpty()) {
      return notPlaced(e, "media_failed", 0, "the phone's audio path is not open", now);
    }
    segment.borrowLeg(standing.get());
    call.stage = Stage.DIALING;
    return e.add(new Effect.Tell(call.dialer(), CallFrames.dialProgress(call, "trying")))
        .add(new Effect.PrepareDial(segment)).done();
  }

  /** The call's media is attached to the agent's leg: its offer goes in the INVITE. */
  Decision mediaReady(AgentSegment of, CallMedia media, String sipOffer, Instant now) {
    if (!call.current(of, Stage.DIALING)) {
      return Decision.of(List.of(new Effect.Release(null, media)));
    }
    of.media(media);
    offer = sipOffer;
    return call.effects().add(new Effect.WatchMedia(media)).add(new Effect.PlaceCall(offer))
        .add(new Effect.StartTimer(Timer.DIAL, dialTimeout, of)).done();
  }

  Decision mediaFailed(AgentSegment of, String why, Instant now) {
    if (!call.current(of, Stage.DIALING)) {
      return Decision.nothing();
    }
    return notPlaced(call.effects(), "media_failed", 0, "the call's audio could not be set up: " + why, now);
  }

  /** 180, 183 (with or without a session) from the callee's side. */
  Decision progress(int status, String sdp, Instant now) {
    if (call.stage != Stage.DIALING) {
      return Decision.nothing();
    }
    Effects e = call.effects();
    boolean early = sdp != null && !sdp.isBlank();
    if (early && !answerTaken) {
      answerTaken = true; // the callee's announcements and ring-back reach the agent before the answer
      e.add(new Effect.TakeCallerAnswer(call.segment, sdp));
    }
    return e.add(new Effect.Tell(call.dialer(), CallFrames.dialProgress(call, early ? "early_media" : "ringing"))).done();
  }

  /** The callee answered (200, ACKed by the adapter): the call is connected, as an inbound one once answered. */
  Decision answered(String sdp, Instant now) {
    if (call.dialer() == null) {
      return Decision.nothing();
    }
    if (call.stage != Stage.DIALING) {
      // Over for us before the answer came (the agent left, the media was lost): hung up at once.
      return givenUp ? call.effects().add(new Effect.Bye()).done() : Decision.nothing();
    }
    Effects e = call.effects().add(new Effect.CancelTimer(Timer.DIAL));
    AgentSegment segment = call.segment;
    if (!answerTaken && sdp != null && !sdp.isBlank()) {
      e.add(new Effect.TakeCallerAnswer(segment, sdp));
    }
    if (call.data().record()) {
      e.add(new Effect.StartRecording(segment, call.data().callId()));
    }
    Moves.connected(e, now);
    call.dialog.answeredOurs(offer, e, now);
    return e.done();
  }

  /** The INVITE ended without an answer: busy, refused, not reachable, or timed out. */
  Decision failed(int status, String reason, Instant now) {
    if (call.stage != Stage.DIALING) {
      return Decision.nothing();
    }
    String why = switch (status) {
      case 486, 600 -> "busy";
      case 480, 408 -> "no_answer";
      case 401, 403, 407 -> "refused";
      case 404, 484, 604 -> "no_such_number";
      case 487 -> "cancelled";
      default -> "failed";
    };
    return notPlaced(call.effects(), why, status, status + " " + reason, now);
  }

  /** The agent gives the call up before it is answered: CANCEL, and the agent is free at once. */
  Decision cancelled(AgentSession agent, Instant now) {
    if (call.dialer() != agent || (call.stage != Stage.DIALING && call.stage != Stage.ARRIVED)) {
      return Decision.refused("no_such_call", "no call " + call.key() + " is being dialed at this phone");
    }
    Effects e = call.effects();
    if (call.stage == Stage.DIALING) {
      e.add(new Effect.CancelDial());
    }
    return notPlaced(e, "cancelled", 487, "cancelled by the agent", now);
  }

  /** Nobody answered within the tenant's dial time: CANCEL. */
  Decision rangOut(AgentSegment of, Instant now) {
    if (!call.current(of, Stage.DIALING)) {
      return Decision.nothing();
    }
    Effects e = call.effects().add(new Effect.CancelDial());
    return notPlaced(e, "no_answer", 0, "no answer within " + dialTimeout.toSeconds() + " s", now);
  }

  /** The agent logged out, or its phone was lost for good, while the call was being placed. */
  Decision agentGone(Instant now) {
    Effects e = call.effects();
    if (call.stage == Stage.DIALING) {
      e.add(new Effect.CancelDial());
    }
    return notPlaced(e, "logged_out", 0, "the agent left", now);
  }

  /**
   * The call never connected: the phone hears why, the agent goes back to the state it dialed from,
   * the call's row is written (TalkTime 0), and the call is over.
   */
  private Decision notPlaced(Effects e, String why, int status, String words, Instant now) {
    AgentSession agent = call.dialer();
    givenUp = call.stage == Stage.DIALING;
    e.add(new Effect.Note("call " + call.key() + " to " + call.data().dnis() + " not connected: " + words))
        .add(new Effect.CancelTimer(Timer.DIAL))
        .add(new Effect.Tell(agent, CallFrames.dialFailed(call, why, status, words)))
        .add(new Effect.Untrack(agent)).add(new Effect.DialOver(agent, call.dialedFrom()));
    AgentSegment segment = call.segment;
    var row = CallEndRow.of(call.data(), CallData.OUTBOUND, 1, call.startedAt(), null, now,
        agent.agent().agentId(), 0);
    if (segment != null) {
      e.add(new Effect.SegmentOver(segment, row, segment.media(), false));
      segment.media(null);
    } else {
      e.add(new Effect.SegmentOver(null, row, null, false));
    }
    Moves.ended(e);
    return e.add(new Effect.Closed()).done();
  }
}
