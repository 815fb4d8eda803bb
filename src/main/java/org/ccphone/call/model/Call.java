package org.ccphone.call.model;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.ccphone.agent.AgentSession;
import org.ccphone.agent.AgentState;
import org.ccphone.agent.Presence;
import org.ccphone.media.AgentMediaLeg;
import org.ccphone.media.CallMedia;
import org.ccphone.media.IceCandidate;
import org.ccphone.media.OutsideMedia;

/**
 * One inbound call from arrival to its end: the caller's leg (one SIP dialog) and the segment of
 * the agent it rings at or is connected to. Every event of its life is a method here that looks at
 * where the call is and returns what must be done ({@link Decision}), or refuses it; it does no I/O
 * and reads no clock (the time is passed in). Changed on the routing thread only, so it needs no
 * locks; other threads read {@link #key()}, {@link #appId()} and {@link #sipCallId()} only.
 *
 * <p>The events are grouped by who brings them: the queue and its offers ({@link Offering}), the answer ({@link Answering}), the
 * connected conversation ({@link Talking}) and the caller's dialog ({@link Dialog}).
 */
public final class Call {
  private final String key = UUID.randomUUID().toString();
  private final String appId;
  private final String sipCallId;
  private final CallerLeg leg;
  private final Instant startedAt;
  private final Set<String> declinedBy = new HashSet<>();
  private final Offering offering = new Offering(this);
  private final Answering answering = new Answering(this);
  private final Talking talking = new Talking(this);
  private final Dialing dialing = new Dialing(this);
  private final Transferring transferring = new Transferring(this);
  final Consulting consulting = new Consulting(this);
  private final Monitoring monitoring = new Monitoring(this);
  /** The agent who dialed this call (an outbound call), or null for a call from the IVR. */
  private final AgentSession dialer;
  /** What the dialer was doing before it dialed: where it goes back to when the call never connects. */
  private final Presence dialedFrom;
  final Dialog dialog;
  private CallData data;
  private CallRules rules;
  Stage stage = Stage.ARRIVED;
  private Instant queuedAt;
  AgentSegment segment;
  int segments;
  /** Segments an agent talked on so far (the CallLog's Segment of the last one). */
  int talkSegments;
  /** The call's media while it waits for another agent after its agent's phone was lost; else null. */
  ParkedMedia parked;
  /** The agent a transfer sent the call to, until its offer there ends; else null. */
  AgentSession transferTo;
  /** The outside party's leg of a transfer to a number through the trunk, or null. */
  CallerLeg outside;
  /** The agent who last transferred the call, for the supervisors; else null. */
  AgentSession transferredBy;

  private Call(String appId, String sipCallId, CallerLeg leg, CallData data, boolean lateOffer, Instant startedAt,
      AgentSession dialer, Presence dialedFrom) {
    this.dialer = dialer;
    this.dialedFrom = dialedFrom;
    this.appId = appId;
    this.sipCallId = sipCallId;
    this.leg = leg;
    this.data = data;
    this.startedAt = startedAt;
    this.dialog = new Dialog(this, lateOffer);
  }

  /** A new INVITE; {@code lateOffer} when it carries no offer (ours goes in the 200 OK, the answer in the ACK). */
  public static Call arrived(String appId, String sipCallId, CallerLeg leg, CallData data, boolean lateOffer, Instant at) {
    return new Call(appId, sipCallId, leg, data, lateOffer, at, null, null);
  }

  /**
   * An agent dials out (CallType 2): {@code data} has the dialed number as Dnis and the agent's
   * CallerId as Ani; {@code before} is the presence the agent dialed from. Its Call Start runs next.
   */
  public static Call dialed(String appId, String sipCallId, CallerLeg leg, CallData data, AgentSession agent,
      Presence before, Instant at) {
    return new Call(appId, sipCallId, leg, data, false, at, agent, before);
  }

  /** The server's own key of the call (the phone protocol's "call"); the customer's is data().callId(). */
  public String key() { return key; }
  public String appId() { return appId; }
  /** The SIP Call-ID of the caller's INVITE. */
  public String sipCallId() { return sipCallId; }
  public Instant startedAt() { return startedAt; }
  public CallData data() { return data; }
  /** The caller's side, for the services that speak to it; the model never does. */
  public CallerLeg leg() { return leg; }
  /** Waiting since (first queued), or null. */
  public Instant queuedAt() { return queuedAt; }
  /** The rules taken at its Call Start (null before). */
  public CallRules rules() { return rules; }
  /** The agent it rings at or is connected to, or null. */
  public AgentSession agent() { return segment == null ? null : segment.agent(); }

  /** The agent who dialed this outbound call, or null for an inbound one. */
  public AgentSession dialer() { return dialer; }
  Presence dialedFrom() { return dialedFrom; }
  /** The contract's CallType: 1 inbound, 2 outbound. */
  public int callType() { return dialer == null ? CallData.INBOUND : CallData.OUTBOUND; }
  /** The agent a transfer sent this call to, while it is still to ring there first; else null. */
  public AgentSession transferTo() { return transferTo; }

  /** Whether this agent declined the call (it is never offered to it again). */
  public boolean declinedBy(AgentSession session) {
    return declinedBy.contains(session.token());
  }

  // ---- the events, by who brings them ----

  public Decision callStartDone(CallData answered, CallRules taken, boolean canBeTaken, Instant now) {
    return dialer != null ? Decision.nothing() : offering.callStartDone(answered, taken, canBeTaken, now);
  }
  public Decision offer(AgentSession agent, Optional<AgentMediaLeg> standing, Instant now) { return offering.offer(agent, standing, now); }
  public Decision noMediaPlane(Instant now) { return offering.noMediaPlane(now); }
  public Decision nobodyCanTake(Instant now) { return offering.nobodyCanTake(now); }
  public Decision agentLegOpened(AgentSegment of, AgentMediaLeg opened, String browserOffer, Instant now) { return offering.agentLegOpened(of, opened, browserOffer); }
  public Decision agentLegFailed(AgentSegment of, String why, Instant now) { return offering.agentLegFailed(of, why, now); }
  public Decision parkedLegRenewed(AgentSegment of, String browserOffer, Instant now) { return offering.parkedLegRenewed(of, browserOffer); }
  public Decision parkedLegFailed(AgentSegment of, String why, Instant now) { return offering.parkedLegFailed(of, why, now); }
  public Decision planeCandidate(AgentSegment of, IceCandidate candidate) { return consulting.isTarget(of) ? consulting.planeCandidate(candidate) : offering.planeCandidate(of, candidate); }
  public Decision declined(AgentSession agent, Instant now) { return consulting.isTarget(agent) ? consulting.declined(now) : offering.declined(agent, now); }
  public Decision answer(AgentSession agent, String browserAnswer, Instant now) { return consulting.isTarget(agent) ? consulting.answer(browserAnswer) : answering.answer(agent, browserAnswer); }
  public Decision mediaAttached(AgentSegment of, CallMedia media, String sipAnswer, SessionTimer timer, Instant now) { return answering.mediaAttached(of, media, sipAnswer, timer); }
  public Decision mediaFailed(AgentSegment of, String why, Instant now) { return answering.mediaFailed(of, why, now); }
  public Decision accepted(AgentSegment of, Instant now) { return answering.accepted(of, now); }
  public Decision acceptFailed(AgentSegment of, boolean cancelled, String why, Instant now) { return answering.acceptFailed(of, cancelled, why, now); }
  public Decision parkedResumed(AgentSegment of, Instant now) { return answering.parkedResumed(of, now); }
  public Decision parkedResumeFailed(AgentSegment of, String why, Instant now) { return answering.parkedResumeFailed(of, why, now); }
  public Decision phoneMoved(Instant now) { return offering.phoneMoved(now); }
  public Decision agentChanged(AgentSession agent, AgentState state, boolean hasConnection, Instant now) {
    if (!hasConnection && consultedBy(agent)) {
      return Decision.then(consulting.ends.hangsUp(agent, "connection_lost", now), () -> offering.agentChanged(agent, state, false, now));
    }
    return placing(agent) ? (hasConnection ? Decision.nothing() : dialing.agentGone(now)) : offering.agentChanged(agent, state, hasConnection, now);
  }
  public Decision loggedOut(AgentSession agent, Instant now) {
    if (consultedBy(agent)) {
      return Decision.then(consulting.ends.hangsUp(agent, "logged_out", now), () -> offering.loggedOut(agent, now));
    }
    return placing(agent) ? dialing.agentGone(now) : offering.loggedOut(agent, now);
  }
  /** The consultation's events: start, complete, cancel, conference and the media's answers. */
  public Consulting consulting() { return consulting; }
  /** The supervisors' events: start, answer, mode, stop, and the follow-up after each of the call's events. */
  public Monitoring monitoring() { return monitoring; }
  public Decision drain(Instant now) { return offering.drain(now); }
  public Decision dialStartDone(CallData answered, CallRules taken, Duration dialTimeout, Optional<AgentMediaLeg> standing, Instant now) { return dialing.callStartDone(answered, taken, dialTimeout, standing, now); }
  public Decision dialMediaReady(AgentSegment of, CallMedia media, String sipOffer, Instant now) { return dialing.mediaReady(of, media, sipOffer, now); }
  public Decision dialMediaFailed(AgentSegment of, String why, Instant now) { return dialing.mediaFailed(of, why, now); }
  public Decision dialProgress(int status, String sdp, Instant now) { return dialing.progress(status, sdp, now); }
  public Decision dialAnswered(String sdp, Instant now) { return dialing.answered(sdp, now); }
  public Decision dialFailed(int status, String reason, Instant now) { return dialing.failed(status, reason, now); }
  public Decision dialCancelled(AgentSession agent, Instant now) { return dialing.cancelled(agent, now); }

  public Decision transfer(AgentSession agent, TransferTarget target, Instant now) { return consulting.active() ? consulting.busy() : transferring.transfer(agent, target, now); }
  public Decision outsideMediaReady(OutsideMedia media, String offer, Instant now) { return consulting.onNumber() ? consulting.numbers.ready(media, offer) : transferring.outsideMediaReady(media, offer, now); }
  public Decision outsideAnswered(String sdp, Instant now) { return consulting.onNumber() ? consulting.numbers.answered(sdp) : transferring.outsideAnswered(sdp, now); }
  public Decision outsideFailed(int status, String why, Instant now) { return consulting.onNumber() ? consulting.numbers.failed(status, why, now) : transferring.outsideFailed(status, why, now); }
  public Decision outsideGone(Instant now) { return consulting.onNumber() ? consulting.numbers.gone(now) : transferring.outsideGone(now); }
  /** The outside party's side of a transfer through the trunk, for the services that speak to it; else null. */
  public CallerLeg outside() { return outside; }
  public Decision referAnswered(AgentSegment of, int status, String reason, Instant now) { return transferring.referAnswered(of, status, reason, now); }
  public Decision referNotified(int sipfragStatus, Instant now) { return transferring.referNotified(sipfragStatus, now); }

  public Decision recordingStarted(AgentSegment of, Instant now) { return talking.recordingStarted(of, now); }
  public Decision recordingFailed(AgentSegment of, String why, Instant now) { return talking.recordingFailed(of, why); }
  public Decision agentHangsUp(AgentSession agent, Instant now) { return consultedBy(agent) ? consulting.ends.hangsUp(agent, "agent_hung_up", now) : talking.agentHangsUp(agent, now); }
  public Decision agentHolds(AgentSession agent, boolean on, Instant now) { return consulting.active() ? consulting.busy() : talking.agentHolds(agent, on, now); }
  public Decision holdDone(AgentSegment of, boolean on, Holder by, Instant now) { return talking.holdDone(of, on, by, now); }
  public Decision holdFailed(AgentSegment of, boolean on, Holder by, String why, Instant now) { return talking.holdFailed(of, on, by, why, now); }
  public Decision agentDtmf(AgentSession agent, String digits) { return talking.agentDtmf(agent, digits); }
  public Decision pauseRecording(AgentSession agent, boolean pause) { return talking.pauseRecording(agent, pause); }
  public Decision recordingPaused(AgentSegment of, boolean pause) { return talking.recordingPaused(of, pause); }
  public Decision quality(AgentSession agent, VoiceQuality measured) { return talking.quality(agent, measured); }
  public Decision browserCandidate(AgentSession agent, IceCandidate candidate) { return consulting.isTarget(agent) ? consulting.candidate(candidate) : talking.browserCandidate(agent, candidate); }
  public Decision rejoinAsked(AgentSession agent, Instant now) { return talking.rejoinAsked(agent, now); }
  public Decision rejoined(AgentSegment of, Instant now) { return talking.rejoined(of, now); }
  public Decision standingPhoneGone(AgentSession agent, AgentMediaLeg standing) { return talking.standingPhoneGone(agent, standing); }
  public Decision mediaLost(CallMedia media, String why, Instant now) { return talking.mediaLost(media, why, now); }
  public Decision hangUpNow(String reason, Instant now) { return talking.hangUpNow(reason, now); }

  public Decision acked(String sdp, Instant now) { return dialog.acked(sdp, now); }
  public Decision callerAnswerFailed(AgentSegment of, String why, Instant now) { return dialog.callerAnswerFailed(of, why, now); }
  public Decision callerGone(boolean bye, Instant now) {
    if (consulting.active() || stage == Stage.AGENTS_ONLY) {
      return consulting.ends.callerLeft(bye, now);
    }
    if (bye && (stage == Stage.BRIDGING || stage == Stage.BRIDGED)) {
      return transferring.callerLeftBridge(now);
    }
    if (dialer != null && (stage == Stage.ARRIVED || stage == Stage.DIALING)) {
      return bye ? Decision.of(List.of(new Effect.Respond(481))) : Decision.nothing(); // no dialog of ours yet
    }
    return dialog.callerGone(bye, now);
  }
  public Decision dialogTerminated(Instant now) { return dialog.terminated(now); }
  public Decision ackNotReceived(Instant now) { return dialog.ackNotReceived(now); }
  public Decision refresh(String method, String offer, Instant now) { return dialog.refresh(method, offer, now); }
  public Decision callerInfo(Character digit) { return dialog.callerInfo(digit); }
  public Decision probeAnswered(Timer timer, boolean gone, String why, Instant now) { return dialog.probeAnswered(timer, gone, why, now); }
  public Decision byeDue(Instant now) { return dialog.byeDue(); }

  /** A clock of the call ran out ({@code of}: the segment it was started for, or null). */
  public Decision timerFired(Timer timer, AgentSegment of, Instant now) {
    if (rules == null) {
      return Decision.nothing(); // no clock runs before the call's Call Start is done
    }
    return switch (timer) {
      case MAX_WAIT -> offering.waitOver(now);
      case RING -> offering.rangOut(of, now);
      case DIAL -> stage == Stage.BRIDGING ? transferring.outsideRangOut(now) : consulting.onNumber() ? consulting.numbers.rangOut(now) : dialing.rangOut(of, now);
      case REFER -> transferring.referTimedOut(now);
      case CONSULT_RING -> consulting.rangOut(of, now);
      case MAX_DURATION, REJOIN, MEDIA_LOST_AGAIN -> talking.timerFired(timer, of, now);
      case KEEP_ALIVE, SESSION_CHECK, SESSION_REFRESH -> dialog.timerFired(timer, now);
    };
  }

  // ---- what the events share ----
  Effects effects() {
    return new Effects(this);
  }

  void data(CallData answered) {
    data = answered;
  }

  void rules(CallRules taken) {
    rules = taken;
  }

  /** True while the caller is still owed an answer or a conversation: not being hung up, not over. */
  boolean live() {
    return stage != Stage.ENDED && stage != Stage.HANGING_UP;
  }

  /** A consultation of this call is on, and the agent is one of its two. */
  private boolean consultedBy(AgentSession agent) {
    return consulting.active() && (consulting.isTarget(agent) || agent() == agent);
  }

  /** The agent's own outbound call, not connected yet. */
  private boolean placing(AgentSession agent) {
    return dialer != null && dialer == agent && (stage == Stage.ARRIVED || stage == Stage.DIALING);
  }

  boolean ringsAt(AgentSession agent) {
    return stage == Stage.RINGING && agent() == agent;
  }

  /** The segment of an event is still the call's, and the call is at {@code at}. */
  boolean current(AgentSegment of, Stage at) {
    return of != null && segment == of && stage == at;
  }

  boolean connectedTo(AgentSession agent) {
    return stage == Stage.CONNECTED && agent() == agent;
  }

  /** Rings, or is being answered with no 200 OK yet: it can still go to another agent. */
  boolean stillOffered() {
    return stage == Stage.RINGING || (stage == Stage.ANSWERING && !dialog.okSent());
  }

  /**
   * Answered before, and now waiting for, ringing at or being answered by another agent (its
   * agent's phone was lost for good): its dialog is confirmed, so it can no longer be redirected or
   * refused, only connected again or hung up.
   */
  boolean waitingAgain() {
    return parked != null && (stage == Stage.QUEUED || stage == Stage.RINGING || stage == Stage.ANSWERING);
  }

  void queued(Instant at) {
    stage = Stage.QUEUED;
    if (queuedAt == null) {
      queuedAt = at;
    }
  }

  void declined(AgentSession agent) {
    declinedBy.add(agent.token());
  }

  boolean waitedTooLong(Instant now) {
    return Duration.between(queuedAt, now).compareTo(rules.maxWait()) >= 0;
  }
}
