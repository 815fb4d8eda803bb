package org.ccphone.call.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.ccphone.agent.AgentSession;
import org.ccphone.agent.AgentState;
import org.ccphone.agent.Presence;
import org.ccphone.media.AgentMediaLeg;
import org.ccphone.media.CallMedia;
import org.ccphone.media.ConsultLeg;
import org.ccphone.media.ConsultParty;
import org.ccphone.media.IceCandidate;
import org.ccphone.media.OutsideMedia;
import org.ccphone.tenant.Variable;
import org.ccphone.media.MonitorLeg;

/**
 * What a call's event decided must be done, for the engine's services to carry out. Each kind says
 * who does it: the caller's side (SIP), the agent's phone, the media, the queues and presence, the
 * call's end, or its timers. An effect whose work completes later names the event it answers with
 * (for instance {@link Media.AttachCall} with {@link Call#mediaAttached} or {@link Call#mediaFailed}).
 */
public sealed interface Effect {

  /** A line for the server's log: what the call did and why. */
  record Note(String line) implements Effect {}

  /** To the caller, over SIP. */
  sealed interface Sip extends Effect {}

  /** 180 Ringing while the caller waits. */
  record Ringing() implements Sip {}

  /** The call's row (AgentId 0) is written, then the final refusal (or the 302 to {@code redirectTo}) goes. */
  record EndUnanswered(Map<Variable, Object> row, int status, String redirectTo) implements Sip {}

  /** The 200 OK with our answer; then {@link Call#accepted} or {@link Call#acceptFailed}. */
  record Accept(AgentSegment segment, String sdp, Map<String, String> headers) implements Sip {}

  /** Our BYE, once the row owed is durable and never before the ACK: then {@link Call#byeDue}. */
  record ByeWhenStored() implements Sip {}

  /** Our BYE now (the call is over for us whatever its answer). */
  record Bye() implements Sip {}

  /** The final response to the caller's request in hand. */
  record Respond(int status) implements Sip {}

  /** The 200 to the caller's BYE, once the row owed is durable. */
  record RespondWhenStored(int status) implements Sip {}

  /** 200 to a session refresh with the session timer's headers; {@code sdp} is the session (re-INVITE) or null (UPDATE). */
  record AnswerRefresh(String sdp, Map<String, String> headers) implements Sip {}

  /** A request in the caller's dialog that proves it alive (OPTIONS, our UPDATE): then {@link Call#probeAnswered}. */
  record Probe(Timer timer, String method, Map<String, String> headers) implements Sip {}

  /** Our INVITE with this offer through the tenant's trunk: then {@link Call#dialProgress}, {@link Call#dialAnswered} or {@link Call#dialFailed}. */
  record PlaceCall(String offer) implements Sip {}

  /** The INVITE of an outbound call is given up: CANCEL (a 2xx crossing it is hung up by the adapter). */
  record CancelDial() implements Sip {}

  /** REFER in the caller's dialog (the IVR takes the call to {@code referTo}): then {@link Call#referAnswered}. */
  record Refer(AgentSegment segment, String referTo) implements Sip {}

  /** Our INVITE to the outside party of a transfer, with this offer: then {@link Call#outsideAnswered} or {@link Call#outsideFailed}. */
  record PlaceOutside(String offer) implements Sip {}

  /** The outside party's INVITE is given up (CANCEL). */
  record CancelOutside() implements Sip {}

  /** BYE to the outside party. */
  record ByeOutside() implements Sip {}

  /** The agent's keypad digits, one INFO each. */
  record SendDtmf(AgentSession agent, String digits) implements Sip {}

  /** To the agent's phones. */
  sealed interface Phone extends Effect {}

  /** A frame for a supervisor's page (the one monitoring the call, not its other tabs). */
  record ToPage(SupervisorPage page, String frame) implements Phone {}

  /** The supervisor's endpoint's offer, with the relay its browser is to use. */
  record MonitorOffer(Monitor monitor, String sdp) implements Phone {}

  /** A frame of the phone protocol (docs/phone-protocol.md). */
  record Tell(AgentSession agent, String frame) implements Phone {}

  /** The offer frame, with the ICE servers of the phone when it carries its own {@code sdp}. */
  record OfferToPhone(AgentSegment segment, String sdp) implements Phone {}

  /** A consultation rings at the consulted agent: the offer frame with the consulting agent and the endpoint's {@code sdp}. */
  record ConsultToPhone(AgentSegment target, String sdp, AgentSession from) implements Phone {}

  /** The protocol's error frame. */
  record PhoneError(AgentSession agent, String code, String message) implements Phone {}

  /** To the media plane. */
  sealed interface Media extends Effect {}

  /** A supervisor's endpoint in the call's media: then {@link Monitoring#legOpened} or {@link Monitoring#mediaFailed}. */
  record OpenMonitor(CallMedia media, Monitor monitor) implements Media {}

  /** The supervisor's browser's answer, then its mode: {@link Monitoring#connected} or {@link Monitoring#mediaFailed}. */
  record ConnectMonitor(Monitor monitor, String browserAnswer) implements Media {}

  /** Who hears the supervisor now; a failure: {@link Monitoring#mediaFailed}. */
  record HearMonitor(Monitor monitor, MonitorMode mode) implements Media {}

  /** The supervisor's endpoint goes; the call's own links are as before. */
  record ReleaseMonitor(MonitorLeg leg) implements Media {}

  record AddMonitorCandidate(MonitorLeg leg, IceCandidate candidate) implements Media {}

  /** A supervisor's time in a call started or ended ({@code reason}): logged (who, which call, when) and counted. */
  record MonitorLogged(Monitor monitor, boolean started, String reason) implements Effect {}

  /** A leg for this offer: then {@link Call#agentLegOpened} or {@link Call#agentLegFailed}. */
  record OpenAgentLeg(AgentSegment segment) implements Media {}

  /** The parked call's leg renewed for this agent's browser: then {@link Call#parkedLegRenewed} or {@link Call#parkedLegFailed}. */
  record RenewParkedLeg(AgentSegment segment) implements Media {}

  /** The call's media attached to the agent's leg (after the browser's answer, when not null): then {@link Call#mediaAttached}. */
  record AttachCall(AgentSegment segment, String browserAnswer) implements Media {}

  /** The browser's answer to the parked leg, then its media resumed: then {@link Call#parkedResumed}. */
  record ResumeParked(AgentSegment segment, ParkedMedia parked, String browserAnswer) implements Media {}

  /** Lets go of media (either may be null); a leg that is an agent's standing one is not closed. */
  record Release(AgentMediaLeg leg, CallMedia media) implements Media {}

  /** The media's loss is watched: {@link Call#mediaLost}. */
  record WatchMedia(CallMedia media) implements Media {}

  /** The recording is set up beside the 200 OK. */
  record StartRecording(AgentSegment segment, String name) implements Media {}

  /** Once the recording set up beside the 200 OK is done: {@link Call#recordingStarted} or {@link Call#recordingFailed}. */
  record AwaitRecording(AgentSegment segment) implements Media {}

  /** An outbound call's media attached to the agent's standing leg, our offer made: then {@link Call#dialMediaReady} or {@link Call#dialMediaFailed}. */
  record PrepareDial(AgentSegment segment) implements Media {}

  /** Music on hold for the caller, or the conversation again. */
  record HoldMedia(AgentSegment segment, boolean on, Holder by) implements Media {}

  /** An endpoint for the outside party beside the caller's: then {@link Call#outsideMediaReady} or {@link Call#outsideFailed}. */
  record OpenOutside(CallMedia media) implements Media {}

  /** The call's recording is finished now (its file written), its media staying. */
  record FinishRecording(CallMedia media) implements Media {}

  /** The outside party's endpoint goes. */
  record ReleaseOutside(OutsideMedia outside) implements Media {}

  /** The outside party's answer: the caller and it connected. */
  record ConnectOutside(OutsideMedia outside, String sdp) implements Media {}

  /** The caller hears music on hold while its call, handed off by its agent, finds its next one. */
  record MusicForCaller(CallMedia media) implements Media {}

  /** The caller's answer of a late offer (in its ACK): {@link Call#callerAnswerFailed} when refused. */
  record TakeCallerAnswer(AgentSegment segment, String sdp) implements Media {}

  /** The agent pauses or resumes the recording: then {@link Call#recordingPaused}. */
  record PauseRecording(AgentSegment segment, boolean pause) implements Media {}

  /** The call's leg renewed for the agent's rejoining browser, once the music is on. */
  record RenewForRejoin(AgentSegment segment) implements Media {}

  /** One of the browser's ICE candidates for the call's leg. */
  record AddBrowserCandidate(AgentMediaLeg leg, IceCandidate candidate) implements Media {}

  /** The agent's browser is gone but its standing leg carries its connected call: kept, not ready for calls. */
  record StandingIdle(AgentSession agent) implements Media {}

  /** The agent's browser is gone: its standing leg is closed. */
  record CloseStanding(AgentSession agent) implements Media {}

  /** The agent's standing leg leaves the agent with the call (it moves on). */
  record HandOverStanding(AgentSession agent, AgentMediaLeg leg) implements Media {}

  /** An endpoint for the consulted agent's browser beside the caller's: then {@link Consulting#legOpened} or {@link Consulting#legFailed}. */
  record OpenConsult(CallMedia media, AgentSegment target) implements Media {}

  /** The consulted browser's answer, then it and the consulting agent connected: {@link Consulting#connected} or {@link Consulting#connectFailed}. */
  record ConnectConsult(ConsultLeg leg, String browserAnswer, AgentSegment target) implements Media {}

  /** The caller, the agent and the consulted agent mixed: then {@link Consulting#conferenced} or {@link Consulting#conferenceFailed}. */
  record ConferenceMedia(ConsultParty leg, AgentSegment target) implements Media {}

  /** The outside number's answer, then it and the consulting agent connected: {@link NumberConsulting#connected} or {@link NumberConsulting#connectFailed}. */
  record ConnectOutsideConsult(OutsideMedia outside, String sdp) implements Media {}

  /** The consulted agent's endpoint takes the caller and the leg; the consulting agent's goes. */
  record TakeCallMedia(ConsultParty leg) implements Media {}

  /** The consulted agent's endpoint goes; with {@code resume}, that segment's agent and the caller talk again (then {@link Call#holdDone}). */
  record ReleaseConsult(ConsultParty leg, AgentSegment resume) implements Media {}

  /** One of the consulted browser's ICE candidates. */
  record AddConsultCandidate(ConsultLeg leg, IceCandidate candidate) implements Media {}

  /** To the queues, the agents' presence and the day's figures. */
  sealed interface Routing extends Effect {}

  /** Into the tenant's queue, last or (back from an offer) first. */
  record Enqueue(boolean atHead) implements Routing {}

  record Dequeue() implements Routing {}

  /** The tenant's waiting calls are offered again. */
  record Dispatch() implements Routing {}

  /** The call is at this agent (ringing or connected); no other is offered to it. */
  record Track(AgentSession agent) implements Routing {}

  record Untrack(AgentSession agent) implements Routing {}

  /** The offer is over: the agent is READY again, or AWAY when it let too many ring out. */
  record OfferOver(AgentSession agent, boolean rangOut) implements Routing {}

  /** A consultation is over for the agent consulted, before it took the call: READY again (AWAY after too many missed). */
  record ConsultOver(AgentSession agent, boolean rangOut) implements Routing {}

  /** The agent took the call: ON_PHONE, its misses in a row start again. */
  record OnThePhone(AgentSession agent) implements Routing {}

  /** The agent's phone went while the call rang (back to {@code state}). */
  record PhoneGone(AgentSession agent, AgentState state) implements Routing {}

  /** The agent's outbound call never connected: back to the presence it dialed from. */
  record DialOver(AgentSession agent, Presence before) implements Routing {}

  /** The agent's talk is over: wrap-up (or BUSY when its phone is gone for good). */
  record TalkOver(AgentSession agent, boolean phoneGone) implements Routing {}

  /** A figure of the day. */
  record Count(Figure figure, AgentSession agent, Instant since, Instant at) implements Routing {}

  /** The figures a call counts in. */
  enum Figure { QUEUED, OFFERED, ANSWERED, ABANDONED, OVERFLOWED }

  /** To the end of the call and its rows. */
  sealed interface Ending extends Effect {}

  /** The segment's Call End row, written once its recording stopped (bounded) and its media released. */
  record SegmentOver(AgentSegment segment, Map<Variable, Object> row, CallMedia media, boolean stopRecording)
      implements Ending {}

  /** Nothing more is owed before our BYE or the caller's 200. */
  record NoRowOwed() implements Ending {}

  /** The call leaves the calls in progress: nothing more will be sent or received. */
  record Closed() implements Ending {}

  /** A recording failed: the tenant's health, the metrics and the agent's phone say so; the call goes on. */
  record RecordingFailed(AgentSession agent, String why) implements Ending {}

  /** To the call's timers. */
  sealed interface Timing extends Effect {}

  /** Starts {@code timer} (replacing one of its kind): it fires as {@link Call#timerFired}. */
  record StartTimer(Timer timer, Duration delay, AgentSegment segment) implements Timing {}

  record CancelTimer(Timer timer) implements Timing {}

  /** The call is over: all its timers stop. */
  record Ended() implements Timing {}
}
