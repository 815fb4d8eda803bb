package org.ccphone.call;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import org.ccphone.agent.AgentSession;

/**
 * One inbound call from arrival to its end: the caller's leg (one SIP dialog) and the segment of
 * the agent it rings at or is connected to. It owns its transitions; each refuses a move its stage
 * does not allow. Changed only on the routing thread, so it needs no locks; other threads read
 * {@link #key()}, {@link #appId()} and {@link #sipCallId()} only.
 */
public final class Call {
  /** Where the call is in its life. */
  public enum Stage {
    ARRIVED, QUEUED, RINGING,
    /** The agent answered; the media and the 200 OK are on their way. */
    ANSWERING,
    CONNECTED,
    /** The agent's side is over; our BYE waits for the caller's ACK (RFC 3261 section 15) and the row. */
    HANGING_UP,
    ENDED
  }

  private final String key = UUID.randomUUID().toString();
  private final String appId;
  private final String sipCallId;
  private final CallerLeg leg;
  private final Instant startedAt;
  private final Set<String> declinedBy = new HashSet<>();
  private final List<ScheduledFuture<?>> timers = new ArrayList<>();
  private CallData data;
  private Stage stage = Stage.ARRIVED;
  private Instant queuedAt;
  private AgentSegment segment;
  private int segments;
  /** Segments an agent talked on so far (the CallLog's Segment of the last one). */
  private int talkSegments;
  /** The call's media while it waits for another agent after its agent's phone was lost; else null. */
  private ParkedMedia parked;
  private boolean okSent;
  private boolean acked;
  private SessionTimer sessionTimer;
  private String sipAnswer;
  private Instant refreshedAt;
  private CompletionStage<Void> rowStored;

  Call(String appId, String sipCallId, CallerLeg leg, CallData data, Instant startedAt) {
    this.appId = appId;
    this.sipCallId = sipCallId;
    this.leg = leg;
    this.data = data;
    this.startedAt = startedAt;
  }

  /** The server's own key of the call (the phone protocol's "call"); the customer's is data().callId(). */
  public String key() { return key; }
  public String appId() { return appId; }
  /** The SIP Call-ID of the caller's INVITE. */
  public String sipCallId() { return sipCallId; }
  public Instant startedAt() { return startedAt; }
  public CallData data() { return data; }
  public Stage stage() { return stage; }
  CallerLeg leg() { return leg; }
  AgentSegment segment() { return segment; }
  /** Waiting since (first queued), for the tenant's maximum wait. */
  Instant queuedAt() { return queuedAt; }
  boolean acked() { return acked; }
  boolean okSent() { return okSent; }
  SessionTimer sessionTimer() { return sessionTimer; }
  String sipAnswer() { return sipAnswer; }

  /** The session description last sent to the caller (a re-INVITE's answer changes its direction). */
  void sipAnswer(String sent) {
    sipAnswer = sent;
  }
  /** The caller's last sign of life in the dialog (ACK, session refresh). */
  Instant refreshedAt() { return refreshedAt; }

  void refreshed(Instant at) {
    refreshedAt = at;
  }

  /** The agent it rings at or is connected to, or null. */
  public AgentSession agent() {
    return segment == null ? null : segment.agent();
  }

  void data(CallData data) {
    this.data = data;
  }

  /** True while the caller is still owed an answer or a conversation: not being hung up, not over. */
  boolean live() {
    return stage != Stage.ENDED && stage != Stage.HANGING_UP;
  }

  boolean ringsAt(AgentSession agent) {
    return stage == Stage.RINGING && agent() == agent;
  }

  void queued(Instant at) {
    stage = Stage.QUEUED;
    if (queuedAt == null) {
      queuedAt = at;
    }
  }

  AgentSegment offeredTo(AgentSession agent, ScheduledFuture<?> ringTimer) {
    segment = new AgentSegment(agent, ++segments, ringTimer);
    stage = Stage.RINGING;
    return segment;
  }

  /** The offer is over (rang out, declined, caller gone): the segment and its media go. */
  void offerWithdrawn() {
    if (segment != null) {
      segment.release();
      segment = null;
    }
  }

  /** The agent answered the offer ringing at it. */
  boolean answering(AgentSession agent) {
    if (!ringsAt(agent)) {
      return false;
    }
    segment.stopRinging();
    stage = Stage.ANSWERING;
    return true;
  }

  /** The 200 OK is asked for: from here a CANCEL can no longer end the call (RFC 3261 section 9.2). */
  void okSent(String answer, SessionTimer timer) {
    okSent = true;
    sipAnswer = answer;
    sessionTimer = timer;
  }

  void connected(Instant at) {
    stage = Stage.CONNECTED;
    segment.connected(at, ++talkSegments);
  }

  /**
   * True for a call answered before that waits for, rings at or is being answered by another agent
   * (its agent's phone was lost for good): its dialog is confirmed, so it can no longer be
   * redirected or refused, only connected again or hung up.
   */
  boolean waitingAgain() {
    return parked != null && (stage == Stage.QUEUED || stage == Stage.RINGING || stage == Stage.ANSWERING);
  }

  ParkedMedia parked() { return parked; }

  /** The call leaves its agent, its media kept: it goes back to the queue for another agent. */
  void park(ParkedMedia media) {
    parked = media;
  }

  /** The next agent took the parked media. */
  ParkedMedia unpark() {
    ParkedMedia media = parked;
    parked = null;
    return media;
  }

  /** The caller's ACK came; true the first time. */
  boolean ack() {
    boolean first = !acked;
    acked = true;
    return first;
  }

  /** The agent's side is over; our BYE goes once the ACK came and the row is durable. */
  void hangingUp(CompletionStage<Void> rowStored) {
    stage = Stage.HANGING_UP;
    this.rowStored = rowStored;
  }

  /** The Call End row of a call being hung up by the server. */
  CompletionStage<Void> rowStored() {
    return rowStored;
  }

  void timer(ScheduledFuture<?> timer) {
    timers.add(timer);
  }

  void ended() {
    stage = Stage.ENDED;
    timers.forEach(t -> t.cancel(false));
    timers.clear();
    if (segment != null) {
      segment.release(); // kept: the Call End row still reads its agent and times
    }
    if (parked != null) {
      parked.release();
      parked = null;
    }
  }

  boolean declinedBy(AgentSession session) {
    return declinedBy.contains(session.token());
  }

  void declined(AgentSession session) {
    declinedBy.add(session.token());
  }
}
