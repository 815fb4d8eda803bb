package org.ccphone.call.model;

import java.time.Instant;
import java.util.List;
import org.ccphone.agent.AgentSession;
import org.ccphone.media.AgentMediaLeg;
import org.ccphone.media.CallMedia;
import org.ccphone.media.IceCandidate;

/**
 * A connected call's events on the agent's side: hold and resume, keypad digits, the recording,
 * the agent's hang-up, its phone lost and rejoining, the media lost, the maximum duration.
 */
final class Talking {
  private final Call call;
  /** Media lost while the 200 OK was on its way, looked at again shortly. */
  private CallMedia lostMedia;
  private String lostWhy;

  Talking(Call call) {
    this.call = call;
  }

  private Decision notConnected() {
    return Decision.refused("no_such_call", "no call " + call.key() + " is connected at this phone");
  }

  Decision recordingStarted(AgentSegment of, Instant now) {
    if (call.data().record() && call.current(of, Stage.CONNECTED)) {
      of.recording(true);
    }
    return Decision.nothing(); // over already: its end stopped (or discarded) the recording
  }

  /** A recording failed: the call goes on; the agent's phone, the tenant's health and the metrics say so. */
  Decision recordingFailed(AgentSegment of, String why) {
    if (!call.data().record() || !call.current(of, Stage.CONNECTED)) {
      return Decision.nothing();
    }
    return Decision.of(List.of(new Effect.RecordingFailed(of.agent(), why)));
  }

  Decision agentHangsUp(AgentSession agent, Instant now) {
    if (!call.connectedTo(agent)) {
      return notConnected();
    }
    Effects e = call.effects();
    Moves.hangUp(e, "agent_hung_up", now);
    return e.done();
  }

  /** The agent holds (the caller hears music on hold, the agent nothing) or resumes; told once the media did it. */
  Decision agentHolds(AgentSession agent, boolean on, Instant now) {
    if (!call.connectedTo(agent)) {
      return notConnected();
    }
    AgentSegment segment = call.segment;
    Effects e = call.effects();
    if (segment.agentHolds() == on) {
      return e.add(new Effect.Tell(agent, CallFrames.hold(call, on, "agent"))).done();
    }
    if (segment.phoneLost()) {
      // Rejoining: the caller is on music already; the agent's choice decides what the rejoin does.
      segment.hold(Holder.AGENT, on, now);
      return e.add(new Effect.Tell(agent, CallFrames.hold(call, on, "agent"))).done();
    }
    return e.add(new Effect.HoldMedia(segment, on, Holder.AGENT)).done();
  }

  Decision holdDone(AgentSegment of, boolean on, Holder by, Instant now) {
    if (!call.current(of, Stage.CONNECTED)) {
      return Decision.nothing();
    }
    Effects e = call.effects();
    if (by == Holder.AGENT) {
      of.hold(Holder.AGENT, on, now);
      e.add(new Effect.Tell(of.agent(), CallFrames.hold(call, on, "agent")));
    } else if (by == Holder.LOST_PHONE && !on && of.phoneLost()) {
      back(e, of, now);
    }
    return e.done();
  }

  Decision holdFailed(AgentSegment of, boolean on, Holder by, String why, Instant now) {
    Effects e = call.effects();
    if (by == Holder.LOST_PHONE && on) {
      return e.add(new Effect.Note("call " + call.key() + ": no music while its agent's phone is lost: " + why)).done();
    }
    if (!call.current(of, Stage.CONNECTED)) {
      return Decision.nothing();
    }
    if (by == Holder.AGENT) {
      String what = on ? "hold" : "resume";
      return e.add(new Effect.Note(what + " of call " + call.key() + " failed: " + why))
          .add(new Effect.PhoneError(of.agent(), "hold_failed", what + " failed: " + why)).done();
    }
    e.add(new Effect.Note("call " + call.key() + ": the rejoined phone could not be connected: " + why))
        .add(new Effect.PhoneError(of.agent(), "media_failed", "the call could not be connected again: " + why));
    Moves.hangUp(e, "failed", now);
    return e.done();
  }

  Decision agentDtmf(AgentSession agent, String digits) {
    if (!call.connectedTo(agent)) {
      return notConnected();
    }
    if (!Dtmf.validDigits(digits)) {
      return Decision.refused("bad_field", "digits: 1 to 32 of 0-9, *, #, A-D");
    }
    return Decision.of(List.of(new Effect.SendDtmf(agent, digits)));
  }

  Decision pauseRecording(AgentSession agent, boolean pause) {
    if (!call.connectedTo(agent) || !call.segment.recording()) {
      return Decision.refused("not_recording", "call " + call.key() + " is not being recorded at this phone");
    }
    return Decision.of(List.of(new Effect.PauseRecording(call.segment, pause)));
  }

  Decision recordingPaused(AgentSegment of, boolean pause) {
    return call.current(of, Stage.CONNECTED)
        ? Decision.of(List.of(new Effect.Tell(of.agent(), CallFrames.recording(call, pause)))) : Decision.nothing();
  }

  /** The phone's measure of the call's audio is kept for the supervisors. */
  Decision quality(AgentSession agent, VoiceQuality measured) {
    if (call.connectedTo(agent)) {
      call.segment.quality(measured);
    }
    return Decision.nothing();
  }

  /** One of the browser's ICE candidates for the call's leg; a call no longer at this phone ignores it. */
  Decision browserCandidate(AgentSession agent, IceCandidate candidate) {
    AgentSegment segment = call.segment;
    if (segment == null || segment.agent() != agent || segment.agentLeg() == null) {
      return Decision.nothing();
    }
    return Decision.of(List.of(new Effect.AddBrowserCandidate(segment.agentLeg(), candidate)));
  }

  /**
   * The agent's phone asks for media during its connected call (reloaded, or back after its network
   * dropped): the caller goes on music (if not already) and the call's leg is renewed for the browser.
   */
  Decision rejoinAsked(AgentSession agent, Instant now) {
    if (!call.connectedTo(agent)) {
      return Decision.refused("media_busy", "the media cannot be renewed while a call rings or is answered");
    }
    Effects e = call.effects();
    Moves.phoneLost(e, now); // a reload whose new socket came before the old one's close was noticed
    return e.add(new Effect.RenewForRejoin(call.segment)).done();
  }

  /** The rejoining browser answered: the call is its agent's again (resumed unless the agent holds it). */
  Decision rejoined(AgentSegment of, Instant now) {
    if (!call.current(of, Stage.CONNECTED) || !of.phoneLost()) {
      return Decision.nothing();
    }
    Effects e = call.effects().add(new Effect.CancelTimer(Timer.REJOIN));
    if (of.agentHolds()) {
      back(e, of, now);
    } else {
      e.add(new Effect.HoldMedia(of, false, Holder.LOST_PHONE));
    }
    return e.done();
  }

  private void back(Effects e, AgentSegment of, Instant now) {
    of.hold(Holder.LOST_PHONE, false, now);
    int agentId = of.agent().agent().agentId();
    e.add(new Effect.Note("call " + call.key() + ": agent " + agentId + " rejoined"))
        .add(new Effect.Tell(of.agent(), CallFrames.rejoined(call, agentId, of.connectedAt(), of.agentHolds())));
  }

  /** The agent's browser is gone: its standing leg is kept while its connected call lives in it. */
  Decision standingPhoneGone(AgentSession agent, AgentMediaLeg standing) {
    boolean carriesCall = call.connectedTo(agent) && standing != null && call.segment.agentLeg() == standing;
    return Decision.of(List.of(carriesCall ? new Effect.StandingIdle(agent) : new Effect.CloseStanding(agent)));
  }

  /**
   * The media server this call's media lived on died or restarted: the caller hears nothing any
   * more, so the call ends. A call whose 200 OK is on its way is looked at again shortly.
   */
  Decision mediaLost(CallMedia media, String why, Instant now) {
    boolean ours = media != null && ((call.segment != null && call.segment.media() == media)
        || (call.parked != null && call.parked.media() == media));
    if (!ours) {
      return Decision.nothing();
    }
    Effects e = call.effects();
    if (call.stage == Stage.CONNECTED || call.waitingAgain()) {
      e.add(new Effect.Note("call " + call.key() + " lost its media (" + why + "); hanging up"));
      Moves.hangUp(e, "media_lost", now);
    } else if (call.stage == Stage.ANSWERING) {
      lostMedia = media;
      lostWhy = why;
      e.add(new Effect.StartTimer(Timer.MEDIA_LOST_AGAIN, java.time.Duration.ofMillis(500), null));
    }
    return e.done();
  }

  /** The server is stopping after its drain time: an ACK is no longer awaited. */
  Decision hangUpNow(String reason, Instant now) {
    Effects e = call.effects();
    Moves.hangUp(e, reason, now);
    if (call.stage == Stage.HANGING_UP && !call.dialog.acked()) {
      e.add(new Effect.ByeWhenStored()); // no ACK is awaited any more (with one, the hang-up asked for it)
    }
    return e.done();
  }

  Decision timerFired(Timer timer, AgentSegment of, Instant now) {
    Effects e = call.effects();
    switch (timer) {
      case MAX_DURATION -> {
        if (call.stage == Stage.CONNECTED || call.waitingAgain()) {
          e.add(new Effect.Note("call " + call.key() + " reached the maximum call duration of "
              + call.rules().maxDuration().toSeconds() + " s"));
          Moves.hangUp(e, "max_duration", now);
        }
      }
      case REJOIN -> {
        if (call.current(of, Stage.CONNECTED) && of.phoneLost()) {
          e.add(new Effect.Note("call " + call.key() + ": the phone of agent " + of.agent().agent().agentId()
              + " did not come back within " + call.rules().rejoin().toSeconds() + " s; the call goes to another agent"));
          Moves.moveOn(e, "connection_lost", now);
        }
      }
      case MEDIA_LOST_AGAIN -> {
        return mediaLost(lostMedia, lostWhy, now);
      }
      default -> { }
    }
    return e.done();
  }
}
