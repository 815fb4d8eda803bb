package org.ccphone.call;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import org.ccphone.agent.AgentSession;
import org.ccphone.media.AgentMediaLeg;
import org.ccphone.media.CallMedia;

/**
 * The part of a call one agent has: offered, answered, connected. Its media are the agent's WebRTC
 * leg and the call's media attached to it. Changed on the routing thread only.
 */
final class AgentSegment {
  private final AgentSession agent;
  private final int number;
  private ScheduledFuture<?> ringTimer;
  private AgentMediaLeg agentLeg;
  private boolean standing;
  private CallMedia media;
  private Instant connectedAt;
  /** Set when the media server started recording (on its thread). */
  private volatile boolean recording;
  private boolean agentHolds;
  private boolean callerHolds;
  /** The agent's last phone connection dropped: the caller is on music until it rejoins (or the call moves). */
  private boolean phoneLost;
  /** Ends the wait for the lost phone: the call moves to another agent when it fires. */
  private ScheduledFuture<?> rejoinTimer;
  /** The music put on when the phone was lost: a rejoining browser's endpoint is made after it. */
  private java.util.concurrent.CompletionStage<?> musicOn = java.util.concurrent.CompletableFuture.completedFuture(null);
  /** Which connected segment of the call this is (the CallLog's Segment), from 1. */
  private int talkNumber;
  private Instant holdSince;
  private VoiceQuality quality;
  private Duration held = Duration.ZERO;

  AgentSegment(AgentSession agent, int number, ScheduledFuture<?> ringTimer) {
    this.agent = agent;
    this.number = number;
    this.ringTimer = ringTimer;
  }

  AgentSession agent() { return agent; }
  int number() { return number; }
  AgentMediaLeg agentLeg() { return agentLeg; }
  CallMedia media() { return media; }
  Instant connectedAt() { return connectedAt; }

  void agentLeg(AgentMediaLeg leg) {
    this.agentLeg = leg;
  }

  /** The agent's standing leg (StandingLegs): used by this call, not closed with it. */
  void standingLeg(AgentMediaLeg leg) {
    this.agentLeg = leg;
    this.standing = true;
  }

  boolean standing() { return standing; }

  void media(CallMedia attached) {
    this.media = attached;
  }

  void connected(Instant at, int talkNumber) {
    stopRinging();
    connectedAt = at;
    this.talkNumber = talkNumber;
  }

  int talkNumber() { return talkNumber; }

  boolean recording() { return recording; }

  /** The recording being set up beside the 200 OK (completed at once for a call not recorded). */
  private java.util.concurrent.CompletionStage<Void> recordingStarts = java.util.concurrent.CompletableFuture.completedFuture(null);

  void recordingStarts(java.util.concurrent.CompletionStage<Void> starting) {
    recordingStarts = starting;
  }

  java.util.concurrent.CompletionStage<Void> recordingStarts() { return recordingStarts; }
  void recording(boolean on) { recording = on; }
  boolean agentHolds() { return agentHolds; }
  boolean callerHolds() { return callerHolds; }
  boolean phoneLost() { return phoneLost; }

  /** Who put the call on hold. */
  enum Holder { AGENT, CALLER, LOST_PHONE }

  /**
   * The agent (music on hold), the caller (a sendonly or inactive re-INVITE) or the agent's lost
   * phone (music until it rejoins) holds or resumes. The call is on hold while any of them holds:
   * HoldTime counts that time once, however they overlap.
   */
  void hold(Holder who, boolean on, Instant now) {
    boolean before = onHold();
    switch (who) {
      case AGENT -> agentHolds = on;
      case CALLER -> callerHolds = on;
      case LOST_PHONE -> phoneLost = on;
    }
    boolean after = onHold();
    if (!before && after) {
      holdSince = now;
    } else if (before && !after) {
      held = held.plus(Duration.between(holdSince, now));
      holdSince = null;
    }
  }

  /** The phone is lost: the wait for it to rejoin, and the music the caller hears meanwhile. */
  void waitForPhone(ScheduledFuture<?> timer, java.util.concurrent.CompletionStage<?> music) {
    stopWaitingForPhone();
    rejoinTimer = timer;
    musicOn = music;
  }

  java.util.concurrent.CompletionStage<?> musicOn() { return musicOn; }

  void stopWaitingForPhone() {
    if (rejoinTimer != null) {
      rejoinTimer.cancel(false);
      rejoinTimer = null;
    }
  }

  /** The agent's phone's latest measure of the call's audio, or null before the first. */
  VoiceQuality quality() { return quality; }

  void quality(VoiceQuality measured) {
    quality = measured;
  }

  boolean onHold() {
    return agentHolds || callerHolds || phoneLost;
  }

  /**
   * The call moves on without this agent (its phone did not come back): the call's media leave the
   * segment, which then releases nothing of them, and go with the call to the next agent.
   */
  ParkedMedia handOver() {
    ParkedMedia parked = new ParkedMedia(agentLeg, media, recording);
    agentLeg = null;
    media = null;
    standing = false;
    return parked;
  }

  /** The next agent answered a call that moved: the call's media are this segment's from now. */
  void takeOver(ParkedMedia parked) {
    agentLeg = parked.leg();
    standing = false;
    media = parked.media();
    recording = parked.recording();
  }

  /** Seconds on hold so far (rounded), a hold still going counted up to {@code now}. */
  int holdSeconds(Instant now) {
    Duration total = holdSince == null ? held : held.plus(Duration.between(holdSince, now));
    return (int) ((total.toMillis() + 500) / 1000);
  }

  void stopRinging() {
    if (ringTimer != null) {
      ringTimer.cancel(false);
      ringTimer = null;
    }
  }

  /** Stops ringing and lets go of every media element the segment holds (without waiting). */
  void release() {
    stopRinging();
    stopWaitingForPhone();
    if (media != null) {
      media.release();
      media = null;
    }
    if (agentLeg != null && !standing) {
      agentLeg.close();
    }
    agentLeg = null;
  }
}
