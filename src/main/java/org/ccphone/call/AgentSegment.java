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
  private Instant holdSince;
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

  void connected(Instant at) {
    stopRinging();
    connectedAt = at;
  }

  boolean recording() { return recording; }
  void recording(boolean on) { recording = on; }
  boolean agentHolds() { return agentHolds; }
  boolean callerHolds() { return callerHolds; }

  /**
   * The agent (music on hold) or the caller (a sendonly or inactive re-INVITE) holds or resumes. The
   * call is on hold while either holds: HoldTime counts that time once, however the two overlap.
   */
  void hold(boolean byAgent, boolean on, Instant now) {
    boolean before = agentHolds || callerHolds;
    if (byAgent) {
      agentHolds = on;
    } else {
      callerHolds = on;
    }
    boolean after = agentHolds || callerHolds;
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

  void stopRinging() {
    if (ringTimer != null) {
      ringTimer.cancel(false);
      ringTimer = null;
    }
  }

  /** Stops ringing and lets go of every media element the segment holds (without waiting). */
  void release() {
    stopRinging();
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
