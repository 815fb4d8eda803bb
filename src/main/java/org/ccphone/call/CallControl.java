package org.ccphone.call;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.ccphone.sip.ra.api.SipOutcome;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ccphone.agent.AgentSession;
import org.ccphone.agent.AgentState;
import org.ccphone.agent.PresenceService;
import org.ccphone.media.AgentMediaLeg;
import org.ccphone.media.CallMedia;
import org.ccphone.media.SipOffers;
import org.ccphone.sip.ra.api.CallCancelledException;
import org.ccphone.sip.ra.api.DialogEvent;
import org.ccphone.sip.ra.api.InboundRequest;
import org.ccphone.sip.ra.api.OutboundRequest;
import org.ccphone.sip.ra.api.SipReply;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A call from the agent's answer to its end, on the routing thread: the media attached, the 200 OK,
 * the caller's ACK, hang-ups from either side (our BYE never before the ACK), the dialog's events.
 */
@ApplicationScoped
public class CallControl {
  private static final Logger LOG = Logger.getLogger(CallControl.class.getName());
  /** Longer than any SIP transaction (64*T1): the stack's own timeout answers first. */
  static final Duration SIP_TIMEOUT = Duration.ofSeconds(40);

  @Inject RoutingThread routing;
  @Inject CallRouter router;
  @Inject CallEnds ends;
  @Inject CallLiveness liveness;
  @Inject PresenceService presence;
  @Inject RecordingFailures recordingFailures;
  @Inject StandingLegs standingLegs;
  @Inject org.ccphone.figures.DailyFigures figures;

  /** How long a call whose agent's phone was lost waits for it on music before it moves to another agent. */
  @Inject
  @ConfigProperty(name = "callcenter.calls.rejoinSeconds", defaultValue = "15")
  int rejoinSeconds;

  /** How long a call's Call End row waits for its recording's file to be finished. */
  @Inject
  @ConfigProperty(name = "callcenter.media.recordingStopSeconds", defaultValue = "10")
  int recordingStopSeconds;

  @Inject
  @ConfigProperty(name = "callcenter.calls.sessionExpiresSeconds", defaultValue = "1800")
  int sessionExpiresSeconds;

  /** The agent answers with its browser's answer: the media is attached, then the 200 OK goes. */
  void answered(AgentSession agent, String callKey, Call call, String browserAnswer) {
    if (call == null || !call.answering(agent)) {
      router.phones().sendError(agent, "no_such_offer", "no call " + callKey + " is ringing at this phone");
      return;
    }
    AgentSegment segment = call.segment();
    if (call.parked() != null) {
      answeredMoved(agent, call, segment, browserAnswer);
      return;
    }
    AgentMediaLeg leg = segment.agentLeg();
    if (leg == null || (!segment.standing() && (browserAnswer == null || browserAnswer.isBlank()))) {
      router.phones().sendError(agent, "bad_answer", "the answer to call " + callKey + " needs its sdp");
      return;
    }
    // A standing leg is connected already; a leg opened for this offer takes the browser's answer first.
    var attached = segment.standing() ? leg.attachCall(call.key(), call.leg().offer())
        : leg.browserAnswer(browserAnswer).thenCompose(v -> leg.attachCall(call.key(), call.leg().offer()));
    routing.when(attached, router.mediaTimeout(), (media, failure) -> mediaAttached(call, segment, media, failure),
        CallMedia::release);
  }

  /**
   * The next agent answers a call that moved (its first agent's phone was lost): the browser's answer
   * goes to the endpoint renewed for it where the caller's media are, the music stops, and the call is
   * connected again; the caller's dialog does not change, so no SIP is sent.
   */
  private void answeredMoved(AgentSession agent, Call call, AgentSegment segment, String browserAnswer) {
    if (browserAnswer == null || browserAnswer.isBlank()) {
      router.phones().sendError(agent, "bad_answer", "the answer to call " + call.key() + " needs its sdp");
      return;
    }
    ParkedMedia parked = call.parked();
    var resumed = parked.leg().browserAnswer(browserAnswer).thenCompose(v -> parked.media().resume());
    routing.when(resumed, router.mediaTimeout(), (v, failure) -> {
      if (call.segment() != segment || call.stage() != Call.Stage.ANSWERING) {
        return;
      }
      if (failure != null) {
        LOG.log(Level.WARNING, "the media of call " + call.key() + " could not reach its next agent", failure);
        router.phones().sendError(agent, "bad_answer", "the answer could not be connected: " + failure.getMessage());
        call.declined(agent); // not offered to this browser again
        router.withdraw(call, "failed", false);
        router.backToHead(call);
        return;
      }
      segment.takeOver(call.unpark());
      connected(call, segment);
    });
  }

  /** One of the browser's ICE candidates for the call's WebRTC leg; a call no longer at this phone ignores it. */
  void browserCandidate(AgentSession agent, Call call, org.ccphone.media.IceCandidate candidate) {
    AgentSegment segment = call == null ? null : call.segment();
    if (segment == null || segment.agent() != agent || segment.agentLeg() == null) {
      return;
    }
    routing.when(segment.agentLeg().addBrowserCandidate(candidate), router.mediaTimeout(), (v, failure) -> {
      if (failure != null) {
        LOG.fine("a candidate of call " + call.key() + " was refused: " + failure.getMessage());
      }
    });
  }

  private void mediaAttached(Call call, AgentSegment segment, CallMedia media, Throwable failure) {
    if (call.segment() != segment || call.stage() != Call.Stage.ANSWERING) {
      if (media != null) {
        media.release(); // the caller hung up meanwhile
      }
      return;
    }
    if (failure != null) {
      LOG.log(Level.WARNING, "media plane refused the answer to call " + call.key(), failure);
      router.phones().sendError(segment.agent(), "bad_answer", "the answer could not be connected: " + failure.getMessage());
      router.withdraw(call, "failed", false);
      router.backToHead(call);
      return;
    }
    segment.media(media);
    media.lost().thenAccept(why -> routing.execute(() -> mediaLost(call, media, why)));
    if (call.data().record()) {
      // Set up beside the 200 OK, not after it: the file then starts with the talk (TalkTime within 1 s).
      segment.recordingStarts(media.startRecording(call.data().callId()));
    }
    Optional<SessionTimer> timer = SessionTimer.negotiate(call.leg().inviteHeader("Supported"),
        call.leg().inviteHeader("Require"), call.leg().inviteHeader("Session-Expires"), sessionExpiresSeconds);
    call.okSent(media.sipAnswer(), timer.orElse(null));
    Map<String, String> headers = timer.map(SessionTimer::answerHeaders).orElse(Map.of());
    routing.when(call.leg().accept(media.sipAnswer(), headers), SIP_TIMEOUT, (v, sendFailure) -> {
      if (call.segment() != segment || call.stage() != Call.Stage.ANSWERING) {
        return;
      }
      if (sendFailure != null) {
        // The caller cancelled first (487), or the 200 OK could not leave (500): the INVITE still gets its final answer.
        boolean cancelled = sendFailure instanceof CallCancelledException
            || sendFailure.getCause() instanceof CallCancelledException;
        LOG.info("call " + call.key() + " not answered: " + sendFailure.getMessage());
        router.withdraw(call, "caller_hung_up", false);
        router.refuse(call, cancelled ? 487 : 500);
      } else {
        connected(call, segment);
      }
    });
  }

  private void connected(Call call, AgentSegment segment) {
    AgentSession agent = segment.agent();
    call.connected(Instant.now());
    router.answeredBy(agent);
    presence.answered(agent);
    router.phones().send(agent, CallFrames.connected(call));
    if (segment.talkNumber() == 1 && call.queuedAt() != null) {
      figures.answered(call.appId(), call.data().skills(), agent.agent().agentId(), call.queuedAt(), segment.connectedAt());
    }
    if (segment.talkNumber() > 1) {
      return; // a call that moved: its liveness checks and its recording go on from its first agent
    }
    liveness.connected(call);
    segment.recordingStarts().whenComplete((v, failure) -> routing.execute(() -> {
      if (!call.data().record() || call.segment() != segment || call.stage() != Call.Stage.CONNECTED) {
        return; // over already: its end stopped (or discarded) the recording
      }
      if (failure != null) {
        recordingFailed(call, segment, failure);
      } else {
        LOG.fine("call " + call.key() + ": recording as " + call.data().callId() + ", "
            + java.time.Duration.between(segment.connectedAt(), Instant.now()).toMillis() + " ms after the 200 OK");
        segment.recording(true);
      }
    }));
  }

  /** The caller's ACK of our 200 OK: a hang-up that waited for it goes now; liveness checks start. */
  void acked(Call call, String sdp) {
    if (!call.ack()) {
      return;
    }
    AgentSegment segment = call.segment();
    if (sdp != null && !sdp.isBlank() && segment != null && segment.media() != null && call.leg().offer() == null) {
      // A late offer: the ACK carries the caller's answer to the G.711 offer of our 200 OK.
      routing.when(segment.media().callerAnswer(sdp), router.mediaTimeout(), (v, failure) -> {
        if (failure != null && call.segment() == segment) {
          LOG.log(Level.WARNING, "the caller's answer in the ACK of call " + call.key() + " was refused", failure);
          hangUp(call, "failed");
        }
      });
    }
    call.refreshed(Instant.now());
    if (call.stage() == Call.Stage.HANGING_UP) {
      byeWhenStored(call);
    } else if (call.stage() == Call.Stage.CONNECTED) {
      liveness.acked(call);
    }
  }

  /** The agent hangs up its connected call. */
  void agentHungUp(AgentSession agent, String callKey, Call call) {
    if (call == null || call.stage() != Call.Stage.CONNECTED || call.agent() != agent) {
      router.phones().sendError(agent, "no_such_call", "no call " + callKey + " is connected at this phone");
      return;
    }
    hangUp(call, "agent_hung_up");
  }

  /**
   * The server ends a connected call: the agent's side at once (wrap-up, the segment's row), the
   * caller with a BYE once the row is durable, and never before the caller's ACK.
   */
  void hangUp(Call call, String reason) {
    if (call.waitingAgain()) {
      // Its agent's part and row are done; the caller, on music, gets our BYE.
      LOG.info("call " + call.key() + " hung up while waiting for another agent: " + reason);
      router.abandoned(call, reason);
      call.hangingUp(CompletableFuture.completedFuture(null));
      if (call.acked()) {
        byeWhenStored(call);
      }
      return;
    }
    if (call.stage() != Call.Stage.CONNECTED) {
      return;
    }
    call.hangingUp(segmentOver(call, reason));
    if (call.acked()) {
      byeWhenStored(call);
    }
  }

  /**
   * CANCEL or BYE from the caller (the CANCEL was answered 200 already). A connected call ends and
   * the BYE's 200 goes once the segment's row is durable; one not yet answered gets 487 after its row.
   */
  void callerGone(Call call, InboundRequest request) {
    boolean bye = "BYE".equals(request.method());
    if (!bye && call.okSent()) {
      return; // a CANCEL after our 200 OK changes nothing: the caller ACKs and hangs up with BYE
    }
    if (call.waitingAgain()) {
      router.abandoned(call, "caller_hung_up"); // its agents' rows are written; the wait for the next writes none
      call.ended();
      ends.thenTell(call, CompletableFuture.completedFuture(null), () -> request.respond(200));
      return;
    }
    switch (call.stage()) {
      case CONNECTED -> {
        CompletionStage<Void> stored = segmentOver(call, "caller_hung_up");
        call.ended();
        ends.thenTell(call, stored, () -> request.respond(200));
      }
      case HANGING_UP -> {
        call.ended(); // our BYE is no longer needed; the 200 waits for the row as any other
        ends.thenTell(call, call.rowStored(), () -> request.respond(200));
      }
      case ENDED -> {
        if (bye) {
          request.respond(200);
        }
      }
      default -> {
        if (bye) {
          request.respond(200);
        }
        router.abandoned(call);
        router.refuse(call, 487);
      }
    }
  }

  /**
   * The media server this call's media lived on died or restarted: the caller hears nothing any
   * more, so the call ends (BYE, `callEnded` with `media_lost`, its row). A call whose 200 OK is on
   * its way is looked at again once it connected.
   */
  void mediaLost(Call call, CallMedia media, String why) {
    boolean ours = (call.segment() != null && call.segment().media() == media)
        || (call.parked() != null && call.parked().media() == media);
    if (!ours) {
      return;
    }
    if (call.stage() == Call.Stage.CONNECTED || call.waitingAgain()) {
      LOG.warning("call " + call.key() + " lost its media (" + why + "); hanging up");
      hangUp(call, "media_lost");
    } else if (call.stage() == Call.Stage.ANSWERING) {
      routing.schedule(() -> mediaLost(call, media, why), java.time.Duration.ofMillis(500));
    }
  }

  /**
   * The agent's last phone connection dropped: a call still ringing goes to another agent; a
   * connected one waits for the phone on music (a lost phone does not drop the caller).
   */
  void connectionLost(Call call) {
    if (call.stage() == Call.Stage.RINGING || (call.stage() == Call.Stage.ANSWERING && !call.okSent())) {
      router.connectionLost(call);
    } else if (call.stage() == Call.Stage.CONNECTED) {
      phoneLost(call);
    }
  }

  /**
   * The caller hears music on hold, counted as hold for the call and as OnPhoneTime for the agent,
   * who has {@code callcenter.calls.rejoinSeconds} to come back (its phone asks for media again)
   * before the call moves to another agent.
   */
  private void phoneLost(Call call) {
    AgentSegment segment = call.segment();
    if (segment.phoneLost()) {
      return;
    }
    LOG.info("call " + call.key() + ": the phone of agent " + segment.agent().agent().agentId()
        + " is lost; the caller is on music for up to " + rejoinSeconds + " s");
    segment.hold(AgentSegment.Holder.LOST_PHONE, true, Instant.now());
    CompletionStage<Void> music = segment.agentHolds() ? CompletableFuture.completedFuture(null) : segment.media().hold();
    music.whenComplete((v, failure) -> {
      if (failure != null) {
        LOG.warning("call " + call.key() + ": no music while its agent's phone is lost: " + failure.getMessage());
      }
    });
    segment.waitForPhone(routing.schedule(() -> rejoinOver(call, segment), Duration.ofSeconds(rejoinSeconds)), music);
  }

  /**
   * The agent's phone asks for media during its connected call (it was reloaded, or came back): a
   * new endpoint for this browser where the call's media are, once the music is on. Completes with
   * its offer; {@link #rejoined} follows the browser's answer.
   */
  CompletionStage<String> rejoin(Call call, java.util.function.Consumer<org.ccphone.media.IceCandidate> toBrowser) {
    AgentSegment segment = call.segment();
    phoneLost(call); // a reload whose new socket came before the old one's close was noticed
    return segment.musicOn().handle((v, failure) -> null).thenCompose(v -> segment.agentLeg().renew(toBrowser));
  }

  /** The rejoining browser answered: the call is its agent's again (resumed unless the agent holds it). */
  void rejoined(Call call, AgentSegment segment) {
    if (call.segment() != segment || call.stage() != Call.Stage.CONNECTED || !segment.phoneLost()) {
      return;
    }
    segment.stopWaitingForPhone();
    AgentSession agent = segment.agent();
    CompletionStage<Void> back = segment.agentHolds() ? CompletableFuture.completedFuture(null) : segment.media().resume();
    routing.when(back, router.mediaTimeout(), (v, failure) -> {
      if (call.segment() != segment || call.stage() != Call.Stage.CONNECTED) {
        return;
      }
      if (failure != null) {
        LOG.log(Level.WARNING, "call " + call.key() + ": the rejoined phone could not be connected", failure);
        router.phones().sendError(agent, "media_failed", "the call could not be connected again: " + failure.getMessage());
        hangUp(call, "failed");
        return;
      }
      segment.hold(AgentSegment.Holder.LOST_PHONE, false, Instant.now());
      LOG.info("call " + call.key() + ": agent " + agent.agent().agentId() + " rejoined");
      router.phones().send(agent, CallFrames.rejoined(call, agent.agent().agentId(), segment.connectedAt(), segment.agentHolds()));
    });
  }

  /** The phone did not come back in time: the call moves on. */
  private void rejoinOver(Call call, AgentSegment segment) {
    if (call.segment() == segment && call.stage() == Call.Stage.CONNECTED && segment.phoneLost()) {
      LOG.info("call " + call.key() + ": the phone of agent " + segment.agent().agent().agentId()
          + " did not come back within " + rejoinSeconds + " s; the call goes to another agent");
      moveOn(call, "connection_lost");
    }
  }

  /**
   * The call leaves its agent for the head of its queue, the caller on music: the agent's segment
   * ends (its row is written), the call's media go with the call to the next agent who answers.
   */
  void moveOn(Call call, String reason) {
    AgentSegment segment = call.segment();
    standingLegs.handOver(segment.agent(), segment.agentLeg());
    ParkedMedia parked = segment.handOver();
    segmentOver(call, reason);
    call.park(parked);
    call.offerWithdrawn();
    router.backToHead(call);
  }

  /** The stack's word on the caller's dialog. */
  void dialogEvent(Call call, DialogEvent.Kind kind) {
    switch (kind) {
      case ACK_NOT_RECEIVED -> {
        LOG.info("call " + call.key() + ": the caller never ACKed the 200 OK; hanging up");
        hangUp(call, "no_ack");
        if (call.stage() == Call.Stage.HANGING_UP) {
          byeWhenStored(call);
        }
      }
      case TERMINATED -> {
        if (call.waitingAgain()) {
          router.abandoned(call, "caller_hung_up");
          ends.closed(call);
          return;
        }
        if (call.stage() == Call.Stage.CONNECTED) {
          segmentOver(call, "caller_lost");
        }
        if (call.stage() == Call.Stage.CONNECTED || call.stage() == Call.Stage.HANGING_UP) {
          ends.closed(call);
        }
      }
      default -> LOG.fine("call " + call.key() + ": " + kind);
    }
  }

  /** A re-INVITE or UPDATE in the caller's dialog: a session refresh, answered with the session as it is. */
  void refresh(Call call, InboundRequest request) {
    if (call.stage() != Call.Stage.CONNECTED && !call.waitingAgain()) {
      // Still being answered: "request pending" (RFC 3261 section 14.2); over: no such call.
      request.respond(call.stage() == Call.Stage.ANSWERING ? 491 : 481);
      return;
    }
    SipReply ok = SipReply.of(200);
    if (call.sessionTimer() != null) {
      for (var h : call.sessionTimer().answerHeaders().entrySet()) {
        ok = ok.with(h.getKey(), h.getValue());
      }
    }
    call.refreshed(Instant.now());
    if ("INVITE".equals(request.method())) {
      String offer = request.body();
      if (offer != null && !offer.isBlank()) {
        // The caller holds (sendonly, inactive) or resumes: the same session, the matching direction.
        SipOffers.Direction offered = SipOffers.direction(offer);
        callerHolds(call, offered == SipOffers.Direction.SENDONLY || offered == SipOffers.Direction.INACTIVE);
        call.sipAnswer(SipOffers.answering(call.sipAnswer(), offered));
      }
      request.accept(ok.withSdp(call.sipAnswer()));
    } else {
      request.respond(ok);
    }
  }

  private void callerHolds(Call call, boolean on) {
    AgentSegment segment = call.segment();
    if (call.stage() == Call.Stage.CONNECTED && segment.callerHolds() != on) {
      segment.hold(AgentSegment.Holder.CALLER, on, Instant.now());
      router.phones().send(segment.agent(), CallFrames.hold(call, on, "caller"));
    }
  }

  /**
   * The agent holds (the caller hears music on hold, the agent nothing) or resumes its connected
   * call; answered by {@code held} or {@code resumed} once the media did it.
   */
  void agentHolds(AgentSession agent, String callKey, Call call, boolean on) {
    if (call == null || call.stage() != Call.Stage.CONNECTED || call.agent() != agent) {
      router.phones().sendError(agent, "no_such_call", "no call " + callKey + " is connected at this phone");
      return;
    }
    AgentSegment segment = call.segment();
    if (segment.agentHolds() == on) {
      router.phones().send(agent, CallFrames.hold(call, on, "agent"));
      return;
    }
    if (segment.phoneLost()) {
      // Rejoining: the caller is on music already; the agent's choice decides what the rejoin does.
      segment.hold(AgentSegment.Holder.AGENT, on, Instant.now());
      router.phones().send(agent, CallFrames.hold(call, on, "agent"));
      return;
    }
    CallMedia media = segment.media();
    routing.when(on ? media.hold() : media.resume(), router.mediaTimeout(), (v, failure) -> {
      if (call.segment() != segment || call.stage() != Call.Stage.CONNECTED) {
        return;
      }
      if (failure != null) {
        LOG.log(Level.WARNING, (on ? "hold" : "resume") + " of call " + call.key() + " failed", failure);
        router.phones().sendError(agent, "hold_failed", (on ? "hold" : "resume") + " failed: " + failure.getMessage());
        return;
      }
      segment.hold(AgentSegment.Holder.AGENT, on, Instant.now());
      router.phones().send(agent, CallFrames.hold(call, on, "agent"));
    });
  }

  /** The agent's part of a connected call is over: it goes to wrap-up, its phone is told, the row is written. */
  private CompletionStage<Void> segmentOver(Call call, String reason) {
    AgentSegment segment = call.segment();
    AgentSession agent = segment.agent();
    router.agentFreed(agent, call);
    router.phones().send(agent, CallFrames.callEnded(call, reason));
    if ("connection_lost".equals(reason) && !agent.hasConnection()) {
      presence.callLost(agent, AgentState.BUSY);
    } else {
      presence.callEnded(agent);
    }
    CompletionStage<Void> recorded = CompletableFuture.completedFuture(null);
    CallMedia media = segment.media();
    if (media != null) {
      // The row waits for the recording's file (bounded); the media goes once the file is finished.
      // A recording still being set up is stopped once it started; one that never started has nothing to stop.
      CompletionStage<Void> stopped = segment.recording() || call.data().record()
          ? segment.recordingStarts().handle((v, failure) -> null)
              .thenCompose(v -> media.stopRecording()).toCompletableFuture().orTimeout(recordingStopSeconds, TimeUnit.SECONDS)
          : CompletableFuture.completedFuture(null);
      recorded = stopped.handle((v, failure) -> {
        if (failure != null) {
          recordingFailed(call, segment, failure);
        }
        media.release();
        return null;
      });
    }
    return ends.segmentOver(call, segment, recorded);
  }

  /** A recording failed: the call goes on; the agent's phone, the tenant's health and the metrics say so. */
  private void recordingFailed(Call call, AgentSegment segment, Throwable failure) {
    Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
        ? failure.getCause() : failure;
    String why = cause instanceof java.util.concurrent.TimeoutException
        ? "the recording was not finished within " + recordingStopSeconds + " s" : cause.getMessage();
    LOG.warning("call " + call.key() + ": recording failed: " + why);
    recordingFailures.failed(call.appId(), why);
    router.phones().sendError(segment.agent(), "recording_failed", "the call is not recorded: " + why);
  }

  /** An INFO from the caller: answered 200 while the call lives; a keypad digit in it goes to the agent's phone. */
  void callerInfo(Call call, InboundRequest request) {
    if (!call.live()) {
      request.respond(481);
      return;
    }
    request.respond(200);
    Optional<Character> digit = Dtmf.digit(request.header("Content-Type"), request.body());
    if (digit.isPresent() && call.stage() == Call.Stage.CONNECTED) {
      router.phones().send(call.agent(), CallFrames.dtmf(call, digit.get()));
    }
  }

  /**
   * The agent's keypad digits (an IVR after a transfer, a conference bridge): one SIP INFO each,
   * one after another, as the media server does not carry RFC 4733 events; answered by
   * {@code dtmfSent} once every INFO got its 2xx, or an error.
   */
  void agentDtmf(AgentSession agent, String callKey, Call call, String digits) {
    if (call == null || call.stage() != Call.Stage.CONNECTED || call.agent() != agent) {
      router.phones().sendError(agent, "no_such_call", "no call " + callKey + " is connected at this phone");
      return;
    }
    if (!Dtmf.validDigits(digits)) {
      router.phones().sendError(agent, "bad_field", "digits: 1 to 32 of 0-9, *, #, A-D");
      return;
    }
    CompletionStage<SipOutcome> sent = CompletableFuture.completedFuture(null);
    for (char digit : digits.toCharArray()) {
      OutboundRequest info = OutboundRequest.of("INFO").withBody(Dtmf.RELAY, Dtmf.relayBody(digit));
      sent = sent.thenCompose(previous -> previous != null && !previous.success()
          ? CompletableFuture.completedFuture(previous) : call.leg().request(info));
    }
    routing.when(sent, SIP_TIMEOUT.multipliedBy(digits.length()), (outcome, failure) -> {
      if (failure != null || !outcome.success()) {
        router.phones().sendError(agent, "dtmf_failed", "the digits did not reach the caller: "
            + (failure != null ? failure.getMessage() : outcome.status() + " " + outcome.reason()));
      } else {
        router.phones().send(agent, CallFrames.dtmfSent(call, digits));
      }
    });
  }

  /** The agent pauses (card numbers) or resumes its call's recording; answered by {@code recording}. */
  void pauseRecording(AgentSession agent, String callKey, Call call, boolean pause) {
    if (call == null || call.stage() != Call.Stage.CONNECTED || call.agent() != agent || !call.segment().recording()) {
      router.phones().sendError(agent, "not_recording", "call " + callKey + " is not being recorded at this phone");
      return;
    }
    AgentSegment segment = call.segment();
    CallMedia media = segment.media();
    routing.when(pause ? media.pauseRecording() : media.resumeRecording(), router.mediaTimeout(), (v, failure) -> {
      if (failure != null) {
        router.phones().sendError(agent, "recording_failed", (pause ? "pause" : "resume") + " failed: " + failure.getMessage());
      } else if (call.segment() == segment) {
        router.phones().send(agent, CallFrames.recording(call, pause));
      }
    });
  }


  /** The server is stopping after its drain time: connected calls are hung up, an ACK is no longer awaited. */
  void hangUpNow(Call call, String reason) {
    hangUp(call, reason);
    if (call.stage() == Call.Stage.HANGING_UP) {
      byeWhenStored(call);
    }
  }

  private void byeWhenStored(Call call) {
    ends.thenTell(call, call.rowStored(), () -> bye(call));
  }

  /** Our BYE to the caller (once); the call is over for us whatever the answer. */
  private CompletionStage<?> bye(Call call) {
    if (call.stage() == Call.Stage.ENDED) {
      return CompletableFuture.completedFuture(null); // the caller hung up meanwhile
    }
    call.ended();
    CompletionStage<SipOutcome> sent = call.leg().request(OutboundRequest.of("BYE"));
    routing.when(sent, SIP_TIMEOUT, (outcome, failure) -> {
      if (failure != null || !outcome.success()) {
        LOG.fine("call " + call.key() + ": BYE ended with " + (failure != null ? failure : outcome.status()));
      }
    });
    return sent;
  }
}
