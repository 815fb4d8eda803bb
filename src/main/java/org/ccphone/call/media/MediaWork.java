package org.ccphone.call.media;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.logging.Logger;
import org.ccphone.call.AgentPhones;
import org.ccphone.call.CallEvents;
import org.ccphone.call.RoutingThread;
import org.ccphone.call.model.AgentSegment;
import org.ccphone.call.model.Call;
import org.ccphone.call.model.Effect;
import org.ccphone.call.model.Holder;
import org.ccphone.call.model.SessionTimer;
import org.ccphone.media.AgentMediaLeg;
import org.ccphone.media.CallMedia;
import org.ccphone.media.OutsideMedia;
import org.ccphone.media.IceCandidate;
import org.ccphone.media.MediaPlane;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Carries out what calls decide about their media: agents' legs opened, renewed and answered, the
 * call attached, held, recorded and released. Each piece of work is bounded by the media timeout,
 * and its result goes back to the call as its next event.
 */
@ApplicationScoped
public class MediaWork {
  private static final Logger LOG = Logger.getLogger(MediaWork.class.getName());
  private static final CompletionStage<Void> DONE = CompletableFuture.completedFuture(null);

  @Inject RoutingThread routing;
  @Inject Instance<MediaPlane> planes;
  @Inject StandingLegs standingLegs;
  @Inject AgentPhones phones;
  @Inject ConsultationMedia consultations;
  @Inject MonitorMedia monitors;

  @Inject
  @ConfigProperty(name = "callcenter.media.timeoutSeconds", defaultValue = "10")
  int mediaTimeoutSeconds;

  @Inject
  @ConfigProperty(name = "callcenter.calls.sessionExpiresSeconds", defaultValue = "1800")
  int sessionExpiresSeconds;

  /** The recording being set up beside each 200 OK; the music put on when each segment's phone was lost. */
  private final Map<AgentSegment, CompletionStage<Void>> recordingStarts = new WeakHashMap<>();
  private final Map<AgentSegment, CompletionStage<Void>> musicOn = new WeakHashMap<>();

  public void carryOut(Call call, Effect.Media work, CallEvents back) {
    if (work instanceof Effect.OpenAgentLeg open) {
      openLeg(call, open.segment(), back);
    } else if (work instanceof Effect.RenewParkedLeg renew) {
      AgentSegment segment = renew.segment();
      routing.when(segment.agentLeg().renew(candidateTo(call, segment, back)), timeout(), (sdp, failure) ->
          back.decide(call, c -> failure != null ? c.parkedLegFailed(segment, failure.getMessage(), Instant.now())
              : c.parkedLegRenewed(segment, sdp, Instant.now())));
    } else if (work instanceof Effect.PrepareDial prepare) {
      AgentSegment segment = prepare.segment();
      routing.when(segment.agentLeg().attachCall(call.key(), null), timeout(), (media, failure) -> back.decide(call,
          c -> failure != null ? c.dialMediaFailed(segment, Failures.why(failure), Instant.now())
              : c.dialMediaReady(segment, media, media.sipAnswer(), Instant.now())), CallMedia::release);
    } else if (work instanceof Effect.AttachCall attach) {
      attach(call, attach, back);
    } else if (work instanceof Effect.ResumeParked resume) {
      AgentSegment segment = resume.segment();
      var resumed = resume.parked().leg().browserAnswer(resume.browserAnswer()).thenCompose(v -> resume.parked().media().resume());
      routing.when(resumed, timeout(), (v, failure) -> back.decide(call, c -> failure != null
          ? c.parkedResumeFailed(segment, failure.getMessage(), Instant.now()) : c.parkedResumed(segment, Instant.now())));
    } else if (work instanceof Effect.Release release) {
      if (release.media() != null) {
        release.media().release();
      }
      if (release.leg() != null) {
        release.leg().close();
      }
    } else if (work instanceof Effect.WatchMedia watch) {
      CallMedia media = watch.media();
      media.lost().thenAccept(why -> back.on(call, c -> c.mediaLost(media, why, Instant.now())));
    } else if (work instanceof Effect.StartRecording start) {
      recordingStarts.put(start.segment(), start.segment().media().startRecording(start.name()));
    } else if (work instanceof Effect.AwaitRecording await) {
      AgentSegment segment = await.segment();
      recordingStarts(segment).whenComplete((v, failure) -> back.on(call, c -> failure != null
          ? c.recordingFailed(segment, Failures.why(failure), Instant.now()) : c.recordingStarted(segment, Instant.now())));
    } else if (work instanceof Effect.OpenOutside open) {
      routing.when(open.media().openOutside(), timeout(), (outside, failure) -> back.decide(call, c -> failure != null
          ? c.outsideFailed(0, "its media could not be set up: " + Failures.why(failure), Instant.now())
          : c.outsideMediaReady(outside, outside.offer(), Instant.now())), OutsideMedia::release);
    } else if (work instanceof Effect.ConnectOutside connect) {
      routing.when(connect.outside().connect(connect.sdp()), timeout(), (v, failure) -> {
        if (failure != null) {
          back.decide(call, c -> c.hangUpNow("media_lost", Instant.now()));
        }
      });
    } else if (work instanceof Effect.FinishRecording finish) {
      finish.media().stopRecording().whenComplete((v, failure) -> {
        if (failure != null) {
          LOG.warning("call " + call.key() + ": its recording could not be finished: " + failure.getMessage());
        }
      });
    } else if (work instanceof Effect.ReleaseOutside release) {
      release.outside().release();
    } else if (work instanceof Effect.MusicForCaller music) {
      routing.when(music.media().hold(), timeout(), (v, failure) -> {
        if (failure != null) {
          LOG.warning("call " + call.key() + ": no music while it waits for its next agent: " + failure.getMessage());
        }
      });
    } else if (work instanceof Effect.HoldMedia hold) {
      hold(call, hold, back);
    } else if (work instanceof Effect.TakeCallerAnswer answer) {
      AgentSegment segment = answer.segment();
      routing.when(segment.media().callerAnswer(answer.sdp()), timeout(), (v, failure) -> {
        if (failure != null) {
          back.decide(call, c -> c.callerAnswerFailed(segment, failure.getMessage(), Instant.now()));
        }
      });
    } else if (work instanceof Effect.PauseRecording pause) {
      pauseRecording(call, pause, back);
    } else if (work instanceof Effect.RenewForRejoin rejoin) {
      AgentSegment segment = rejoin.segment();
      standingLegs.rejoin(segment.agent(), call, segment, musicOn.getOrDefault(segment, DONE), back);
    } else if (work instanceof Effect.AddBrowserCandidate add) {
      routing.when(add.leg().addBrowserCandidate(add.candidate()), timeout(), (v, failure) -> {
        if (failure != null) {
          LOG.fine("a candidate of call " + call.key() + " was refused: " + failure.getMessage());
        }
      });
    } else if (work instanceof Effect.StandingIdle idle) {
      standingLegs.idle(idle.agent());
    } else if (work instanceof Effect.CloseStanding close) {
      standingLegs.close(close.agent());
    } else if (work instanceof Effect.HandOverStanding handOver) {
      standingLegs.handOver(handOver.agent(), handOver.leg());
    } else if (!monitors.carryOut(call, work, back)) {
      consultations.carryOut(call, work, back);
    }
  }

  /** The recording being set up beside the segment's 200 OK (done at once for a call not recorded). */
  public CompletionStage<Void> recordingStarts(AgentSegment segment) {
    return recordingStarts.getOrDefault(segment, DONE);
  }

  private void openLeg(Call call, AgentSegment segment, CallEvents back) {
    String name = segment.agent().appId() + "/" + segment.agent().agent().agentId(); // how the plane names it
    routing.when(planes.get().openAgentLeg(name, candidateTo(call, segment, back)), timeout(), (leg, failure) ->
        back.decide(call, c -> failure != null ? c.agentLegFailed(segment, failure.getMessage(), Instant.now())
            : c.agentLegOpened(segment, leg, leg.browserOffer(), Instant.now())), AgentMediaLeg::close);
  }

  /** A standing leg is connected already; a leg opened for this offer takes the browser's answer first. */
  private void attach(Call call, Effect.AttachCall attach, CallEvents back) {
    AgentSegment segment = attach.segment();
    AgentMediaLeg leg = segment.agentLeg();
    String sipOffer = call.leg().offer();
    CompletionStage<CallMedia> attached = attach.browserAnswer() == null ? leg.attachCall(call.key(), sipOffer)
        : leg.browserAnswer(attach.browserAnswer()).thenCompose(v -> leg.attachCall(call.key(), sipOffer));
    routing.when(attached, timeout(), (media, failure) -> {
      if (failure != null) {
        back.decide(call, c -> c.mediaFailed(segment, failure.getMessage(), Instant.now()));
        return;
      }
      SessionTimer timer = SessionTimer.negotiate(call.leg().inviteHeader("Supported"), call.leg().inviteHeader("Require"),
          call.leg().inviteHeader("Session-Expires"), sessionExpiresSeconds).orElse(null);
      back.decide(call, c -> c.mediaAttached(segment, media, media.sipAnswer(), timer, Instant.now()));
    }, CallMedia::release);
  }

  private void hold(Call call, Effect.HoldMedia hold, CallEvents back) {
    AgentSegment segment = hold.segment();
    CompletionStage<Void> done = hold.on() ? segment.media().hold() : segment.media().resume();
    if (hold.by() == Holder.LOST_PHONE && hold.on()) {
      musicOn.put(segment, done); // a rejoining browser's endpoint is made after it
    }
    routing.when(done, timeout(), (v, failure) -> back.decide(call, c -> failure != null
        ? c.holdFailed(segment, hold.on(), hold.by(), failure.getMessage(), Instant.now())
        : c.holdDone(segment, hold.on(), hold.by(), Instant.now())));
  }

  private void pauseRecording(Call call, Effect.PauseRecording pause, CallEvents back) {
    AgentSegment segment = pause.segment();
    CallMedia media = segment.media();
    routing.when(pause.pause() ? media.pauseRecording() : media.resumeRecording(), timeout(), (v, failure) -> {
      if (failure != null) {
        phones.sendError(segment.agent(), "recording_failed", (pause.pause() ? "pause" : "resume") + " failed: " + failure.getMessage());
      } else {
        back.decide(call, c -> c.recordingPaused(segment, pause.pause()));
      }
    });
  }

  /** The media plane's candidates for the call's leg go to the call, which sends them on while the leg is its agent's. */
  private static java.util.function.Consumer<IceCandidate> candidateTo(Call call, AgentSegment segment, CallEvents back) {
    return candidate -> back.on(call, c -> c.planeCandidate(segment, candidate));
  }

  private Duration timeout() {
    return Duration.ofSeconds(mediaTimeoutSeconds);
  }
}
