package org.ccphone.call;

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
  private CallMedia media;
  private Instant connectedAt;

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

  void media(CallMedia attached) {
    this.media = attached;
  }

  void connected(Instant at) {
    stopRinging();
    connectedAt = at;
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
    if (agentLeg != null) {
      agentLeg.close();
      agentLeg = null;
    }
  }
}
