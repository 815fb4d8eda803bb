package org.ccphone.call.media;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.logging.Logger;
import org.ccphone.call.CallEvents;
import org.ccphone.call.RoutingThread;
import org.ccphone.call.model.AgentSegment;
import org.ccphone.call.model.Call;
import org.ccphone.call.model.Effect;
import org.ccphone.call.model.Holder;
import org.ccphone.media.ConsultLeg;
import org.ccphone.media.OutsideMedia;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Carries out what a consultation decides about its media: the consulted agent's endpoint made
 * beside the caller's, answered and connected to the consulting agent, mixed into a conference,
 * given the caller, or let go. Each step is bounded by the media timeout; its result goes back to
 * the call.
 */
@ApplicationScoped
public class ConsultationMedia {
  private static final Logger LOG = Logger.getLogger(ConsultationMedia.class.getName());

  @Inject RoutingThread routing;

  @Inject
  @ConfigProperty(name = "callcenter.media.timeoutSeconds", defaultValue = "10")
  int mediaTimeoutSeconds;

  void carryOut(Call call, Effect.Media work, CallEvents back) {
    if (work instanceof Effect.OpenConsult open) {
      AgentSegment target = open.target();
      routing.when(open.media().openConsult(candidate -> back.on(call, c -> c.planeCandidate(target, candidate))), timeout(),
          (leg, failure) -> back.decide(call, c -> failure != null
              ? c.consulting().legFailed(target, Failures.why(failure), Instant.now())
              : c.consulting().legOpened(target, leg, leg.browserOffer(), Instant.now())), ConsultLeg::release);
    } else if (work instanceof Effect.ConnectConsult connect) {
      AgentSegment target = connect.target();
      ConsultLeg leg = connect.leg();
      routing.when(leg.browserAnswer(connect.browserAnswer()).thenCompose(v -> leg.talkWithAgent()), timeout(),
          (v, failure) -> back.decide(call, c -> failure != null
              ? c.consulting().connectFailed(target, Failures.why(failure), Instant.now())
              : c.consulting().connected(target, Instant.now())));
    } else if (work instanceof Effect.ConnectOutsideConsult connect) {
      OutsideMedia outside = connect.outside();
      routing.when(outside.answered(connect.sdp()).thenCompose(v -> outside.talkWithAgent()), timeout(),
          (v, failure) -> back.decide(call, c -> failure != null
              ? c.consulting().numberConnectFailed(outside, Failures.why(failure), Instant.now())
              : c.consulting().numberConnected(outside, Instant.now())));
    } else if (work instanceof Effect.ConferenceMedia conference) {
      AgentSegment target = conference.target();
      routing.when(conference.leg().conference(), timeout(), (v, failure) -> back.decide(call, c -> failure != null
          ? c.consulting().conferenceFailed(target, Failures.why(failure), Instant.now())
          : c.consulting().conferenced(target, Instant.now())));
    } else if (work instanceof Effect.TakeCallMedia take) {
      routing.when(take.leg().takeCall(), timeout(), (v, failure) -> {
        if (failure != null) {
          back.decide(call, c -> c.hangUpNow("media_lost", Instant.now()));
        }
      });
    } else if (work instanceof Effect.ReleaseConsult release) {
      AgentSegment resume = release.resume();
      CompletionStage<Void> released = release.leg().release().exceptionally(failure -> {
        LOG.fine("call " + call.key() + ": the consulted party's media could not be released: " + failure.getMessage());
        return null;
      });
      if (resume == null) {
        return;
      }
      // Back to the caller once the consulted endpoint is gone, so nothing of it reaches the agent after.
      routing.when(released.thenCompose(v -> resume.media() == null ? CompletableFuture.completedFuture(null) : resume.media().resume()),
          timeout(), (v, failure) -> back.decide(call, c -> failure != null
              ? c.holdFailed(resume, false, Holder.AGENT, Failures.why(failure), Instant.now())
              : c.holdDone(resume, false, Holder.AGENT, Instant.now())));
    } else if (work instanceof Effect.AddConsultCandidate add) {
      routing.when(add.leg().addBrowserCandidate(add.candidate()), timeout(), (v, failure) -> {
        if (failure != null) {
          LOG.fine("a candidate of call " + call.key() + " was refused: " + failure.getMessage());
        }
      });
    }
  }

  private Duration timeout() {
    return Duration.ofSeconds(mediaTimeoutSeconds);
  }
}
