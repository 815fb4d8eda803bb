package org.ccphone.call.model;

import java.time.Instant;
import java.util.Map;
import org.ccphone.agent.AgentSession;
import org.ccphone.agent.AgentState;
import org.ccphone.call.model.Effect.Count;
import org.ccphone.call.model.Effect.Figure;
import org.ccphone.tenant.Variable;

/** The moves several events of a call share: each changes the call and adds its effects. */
final class Moves {
  private Moves() {}

  /** Ends an offer: the agent's phone is told, then {@link #release}. */
  static void withdraw(Effects e, String reason, boolean rangOut) {
    AgentSegment segment = e.call.segment;
    if (segment != null) {
      e.add(new Effect.Tell(segment.agent(), CallFrames.offerWithdrawn(e.call, reason)));
    }
    release(e, rangOut);
  }

  /** The offer ends without a word to the phone: the agent is READY again (or AWAY after too many misses). */
  static void release(Effects e, boolean rangOut) {
    AgentSession agent = dropSegment(e);
    if (agent != null && agent == e.call.transferTo) {
      e.call.transferTo = null; // the agent it was sent to did not take it: its queue's agents may
    }
    if (agent != null) {
      e.add(new Effect.Untrack(agent)).add(new Effect.OfferOver(agent, rangOut));
    }
  }

  /** The agent's phone was lost while the call rang: the agent goes back to {@code state}. */
  static void phoneGoneWhileRinging(Effects e, AgentState state) {
    AgentSession agent = dropSegment(e);
    e.add(new Effect.Untrack(agent)).add(new Effect.PhoneGone(agent, state));
  }

  private static AgentSession dropSegment(Effects e) {
    AgentSegment segment = e.call.segment;
    if (segment == null) {
      return null;
    }
    e.add(new Effect.CancelTimer(Timer.RING)).add(new Effect.CancelTimer(Timer.REJOIN)).add(segment.release());
    e.call.segment = null;
    return segment.agent();
  }

  /** Back to the head of the queue, unless it waited too long (a call that moved waits on: it cannot overflow). */
  static void backToHead(Effects e, Instant now) {
    Call call = e.call;
    call.queued(now);
    if (call.parked == null && call.waitedTooLong(now)) {
      overflow(e, now);
      return;
    }
    e.add(new Effect.Enqueue(true)).add(new Effect.Dispatch());
  }

  /** To the CallCenter of the call data (302), or 480 without one; the call's row has AgentId 0. */
  static void overflow(Effects e, Instant now) {
    Call call = e.call;
    if (call.queuedAt() != null) {
      e.add(new Count(Figure.OVERFLOWED, null, call.queuedAt(), now));
    }
    String callCenter = call.data().callCenter();
    if (callCenter != null) {
      e.add(new Effect.EndUnanswered(unansweredRow(call, now), 302, callCenter));
      ended(e);
    } else {
      refuse(e, 480, now);
    }
  }

  /** A final refusal, sent once the call's row (AgentId 0) is durable. */
  static void refuse(Effects e, int status, Instant now) {
    e.add(new Effect.EndUnanswered(unansweredRow(e.call, now), status, null));
    ended(e);
  }

  private static Map<Variable, Object> unansweredRow(Call call, Instant now) {
    return CallEndRow.of(call.data(), CallData.INBOUND, 1, call.startedAt(), null, now, 0, 0);
  }

  /** The call ends before an agent (again) answered, for {@code reason}: out of the queue, its offer withdrawn. */
  static void abandoned(Effects e, String reason, Instant now) {
    Call call = e.call;
    boolean waiting = call.stage == Stage.QUEUED || call.stage == Stage.RINGING || call.stage == Stage.ANSWERING;
    if ("caller_hung_up".equals(reason) && call.queuedAt() != null && call.parked == null && waiting) {
      e.add(new Count(Figure.ABANDONED, call.agent(), call.queuedAt(), now));
    }
    if (call.stage == Stage.RINGING || call.stage == Stage.ANSWERING) {
      withdraw(e, reason, false);
    }
    e.add(new Effect.Dequeue());
  }

  /** The agent answered: the call is connected (again, for a call that moved). */
  static void connected(Effects e, Instant now) {
    Call call = e.call;
    AgentSegment segment = call.segment;
    AgentSession agent = segment.agent();
    call.stage = Stage.CONNECTED;
    segment.connected(now, ++call.talkSegments);
    e.add(new Effect.OnThePhone(agent)).add(new Effect.Tell(agent, CallFrames.connected(call)));
    if (segment.talkNumber() > 1) {
      return; // a call that moved: its clocks and its recording go on from its first agent
    }
    if (call.queuedAt() != null) {
      e.add(new Count(Figure.ANSWERED, agent, call.queuedAt(), now));
    }
    e.add(new Effect.StartTimer(Timer.MAX_DURATION, call.rules().maxDuration(), null));
    if (call.data().record()) {
      e.add(new Effect.AwaitRecording(segment));
    }
  }

  /** The agent's part of a connected call is over: wrap-up, its phone told, its row written. */
  static void segmentOver(Effects e, String reason, Instant now) {
    segmentOver(e, e.call.segment, reason, now);
  }

  /** As above, for one of the call's segments (a conference has two). */
  static void segmentOver(Effects e, AgentSegment segment, String reason, Instant now) {
    Call call = e.call;
    AgentSession agent = segment.agent();
    e.add(new Effect.Untrack(agent))
        .add(new Effect.Tell(agent, CallFrames.callEnded(call, reason)))
        .add(new Effect.TalkOver(agent, "connection_lost".equals(reason)));
    var row = CallEndRow.of(call.data(), call.callType(), segment.talkNumber(), call.startedAt(), segment.connectedAt(), now,
        agent.agent().agentId(), segment.holdSeconds(now));
    e.add(new Effect.SegmentOver(segment, row, segment.media(), segment.recording() || call.data().record()));
    segment.media(null); // released once its recording is finished
  }

  /**
   * The server ends a connected call: the agent's side at once (wrap-up, the segment's row), the
   * caller with a BYE once the row is durable, and never before the caller's ACK.
   */
  static void hangUp(Effects e, String reason, Instant now) {
    Call call = e.call;
    if (call.consulting.active() && call.consulting.ends.endForHangUp(e, reason, now)) {
      return; // the caller was gone already: the call is over
    }
    if (call.stage == Stage.BRIDGING || call.stage == Stage.BRIDGED) {
      // Transferred to an outside party: both sides are hung up; the agent's row was written at the transfer.
      e.add(new Effect.Note("call " + call.key() + " (bridged to its outside party) hung up: " + reason));
      if (call.stage == Stage.BRIDGING) {
        e.add(new Effect.CancelOutside());
      }
      e.add(new Effect.ByeOutside());
      call.stage = Stage.HANGING_UP;
      e.add(new Effect.ByeWhenStored());
      return;
    }
    if (call.waitingAgain()) {
      // Its agent's part and row are done; the caller, on music, gets our BYE.
      e.add(new Effect.Note("call " + call.key() + " hung up while waiting for another agent: " + reason));
      abandoned(e, reason, now);
      e.add(new Effect.NoRowOwed());
    } else if (call.stage == Stage.CONNECTED) {
      segmentOver(e, reason, now);
    } else {
      return;
    }
    call.stage = Stage.HANGING_UP;
    if (call.dialog.acked()) {
      e.add(new Effect.ByeWhenStored());
    }
  }

  /** The call is over: its clocks stop and what it holds is let go of (its segment stays for its row). */
  static void ended(Effects e) {
    Call call = e.call;
    call.stage = Stage.ENDED;
    e.add(new Effect.Ended());
    if (call.segment != null) {
      e.add(call.segment.release());
    }
    if (call.parked != null) {
      e.add(new Effect.Release(call.parked.leg(), call.parked.media()));
      call.parked = null;
    }
  }

  /**
   * The agent's phone is lost during the call: the caller hears music on hold (counted as hold, and
   * as OnPhoneTime for the agent), and the agent has the rejoin time to come back.
   */
  static void phoneLost(Effects e, Instant now) {
    Call call = e.call;
    AgentSegment segment = call.segment;
    if (segment.phoneLost()) {
      return;
    }
    e.add(new Effect.Note("call " + call.key() + ": the phone of agent " + segment.agent().agent().agentId()
        + " is lost; the caller is on music for up to " + call.rules().rejoin().toSeconds() + " s"));
    boolean musicAlready = segment.agentHolds();
    segment.hold(Holder.LOST_PHONE, true, now);
    if (!musicAlready) {
      e.add(new Effect.HoldMedia(segment, true, Holder.LOST_PHONE));
    }
    e.add(new Effect.StartTimer(Timer.REJOIN, call.rules().rejoin(), segment));
  }

  /**
   * The call leaves its agent for the head of its queue, the caller on music: the agent's segment
   * ends (its row is written), the call's media go with the call to the next agent who answers.
   */
  static void moveOn(Effects e, String reason, Instant now) {
    Call call = e.call;
    if (call.dialer() != null) {
      hangUp(e, reason, now); // the agent's own call has no queue to wait in: it ends with its agent
      return;
    }
    handOff(e, reason, now);
  }

  /**
   * The call leaves its agent, who keeps nothing of it: the segment ends (its row, wrap-up), the
   * call's media (and the leg they live on) go with the call to the head of its queue.
   */
  static void handOff(Effects e, String reason, Instant now) {
    Call call = e.call;
    AgentSegment segment = call.segment;
    e.add(new Effect.HandOverStanding(segment.agent(), segment.agentLeg()));
    ParkedMedia parked = segment.handOver();
    segmentOver(e, reason, now);
    call.parked = parked;
    e.add(new Effect.CancelTimer(Timer.RING)).add(new Effect.CancelTimer(Timer.REJOIN));
    call.segment = null;
    backToHead(e, now);
  }
}
