package org.ccphone.call.model;

import java.time.Duration;
import java.time.Instant;
import org.ccphone.agent.AgentSession;
import org.ccphone.media.AgentMediaLeg;
import org.ccphone.media.CallMedia;

/**
 * The part of a call one agent has: offered, answered, connected. It knows its media (the agent's
 * WebRTC leg and the call's media attached to it) and its holds, and counts its hold time.
 * Changed by its {@link Call} only.
 */
public final class AgentSegment {
  private final AgentSession agent;
  private final int number;
  private AgentMediaLeg agentLeg;
  /** The leg is the agent's standing one (or the parked call's): used by this segment, not closed with it. */
  private boolean borrowedLeg;
  private CallMedia media;
  private Instant connectedAt;
  private boolean recording;
  private boolean agentHolds;
  private boolean callerHolds;
  /** The agent's last phone connection dropped: the caller is on music until it rejoins (or the call moves). */
  private boolean phoneLost;
  /** Which connected segment of the call this is (the CallLog's Segment), from 1. */
  private int talkNumber;
  private Instant holdSince;
  private Duration held = Duration.ZERO;
  private VoiceQuality quality;
  /** The agent logged out while the 200 OK was on its way: the call is hung up once it connects. */
  private boolean agentGone;

  AgentSegment(AgentSession agent, int number) {
    this.agent = agent;
    this.number = number;
  }

  public AgentSession agent() { return agent; }
  /** Which offer of the call this is, from 1. */
  public int number() { return number; }
  public AgentMediaLeg agentLeg() { return agentLeg; }
  public CallMedia media() { return media; }
  public Instant connectedAt() { return connectedAt; }
  public int talkNumber() { return talkNumber; }

  void agentGone() { agentGone = true; }
  boolean isAgentGone() { return agentGone; }
  boolean recording() { return recording; }
  boolean agentHolds() { return agentHolds; }
  boolean phoneLost() { return phoneLost; }
  /** The agent's phone's latest measure of the call's audio, or null before the first. */
  public VoiceQuality quality() { return quality; }

  boolean onHold() {
    return agentHolds || callerHolds || phoneLost;
  }

  void ownLeg(AgentMediaLeg leg) {
    agentLeg = leg;
    borrowedLeg = false;
  }

  /** The agent's standing leg, or the parked call's: used by this segment, not closed with it. */
  void borrowLeg(AgentMediaLeg leg) {
    agentLeg = leg;
    borrowedLeg = true;
  }

  boolean borrowsLeg() { return borrowedLeg; }

  void media(CallMedia attached) {
    media = attached;
  }

  void connected(Instant at, int talk) {
    connectedAt = at;
    talkNumber = talk;
  }

  void recording(boolean on) {
    recording = on;
  }

  boolean callerHolds() { return callerHolds; }

  void quality(VoiceQuality measured) {
    quality = measured;
  }

  /**
   * The agent, the caller or the agent's lost phone holds or resumes. The call is on hold while any
   * of them holds: HoldTime counts that time once, however they overlap.
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

  /** Seconds on hold so far (rounded), a hold still going counted up to {@code now}. */
  int holdSeconds(Instant now) {
    Duration total = holdSince == null ? held : held.plus(Duration.between(holdSince, now));
    return (int) ((total.toMillis() + 500) / 1000);
  }

  /**
   * The call moves on without this agent (its phone did not come back): the call's media leave the
   * segment, which then releases nothing of them, and go with the call to the next agent.
   */
  ParkedMedia handOver() {
    ParkedMedia parked = new ParkedMedia(agentLeg, media, recording);
    agentLeg = null;
    media = null;
    borrowedLeg = false;
    return parked;
  }

  /** The next agent answered a call that moved: the call's media are this segment's from now. */
  void takeOver(ParkedMedia parked) {
    agentLeg = parked.leg();
    borrowedLeg = false;
    media = parked.media();
    recording = parked.recording();
  }

  /** What the segment holds is let go of: its media, and its leg unless borrowed. */
  Effect.Release release() {
    Effect.Release release = new Effect.Release(borrowedLeg ? null : agentLeg, media);
    media = null;
    agentLeg = null;
    return release;
  }
}
