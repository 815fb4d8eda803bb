package org.ccphone.call.media;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;
import org.ccphone.call.CallEvents;
import org.ccphone.call.RoutingThread;
import org.ccphone.call.model.Call;
import org.ccphone.call.model.Effect;
import org.ccphone.call.model.Monitor;
import org.ccphone.media.MonitorLeg;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Carries out what a call decides about its supervisors' media: a supervisor's endpoint made in the
 * call's media, answered and set to its mode, changed, or let go. Each step is bounded by the media
 * timeout; a failure goes back to the call, which lets that supervisor go and goes on.
 */
@ApplicationScoped
public class MonitorMedia {
  private static final Logger LOG = Logger.getLogger(MonitorMedia.class.getName());

  @Inject RoutingThread routing;

  @Inject
  @ConfigProperty(name = "callcenter.media.timeoutSeconds", defaultValue = "10")
  int mediaTimeoutSeconds;

  /** False when the work is not a supervisor's. */
  boolean carryOut(Call call, Effect.Media work, CallEvents back) {
    if (work instanceof Effect.OpenMonitor open) {
      Monitor monitor = open.monitor();
      routing.when(open.media().openMonitor(candidate -> back.on(call, c -> c.monitoring().planeCandidate(monitor, candidate))),
          timeout(), (leg, failure) -> back.decide(call, c -> failure != null
              ? c.monitoring().mediaFailed(monitor, Failures.why(failure), Instant.now())
              : c.monitoring().legOpened(monitor, leg, leg.browserOffer(), Instant.now())), MonitorLeg::release);
    } else if (work instanceof Effect.ConnectMonitor connect) {
      Monitor monitor = connect.monitor();
      MonitorLeg leg = monitor.leg();
      // The mode as it is once the answer is in: a change meanwhile is applied after it, in order.
      var connected = leg.browserAnswer(connect.browserAnswer())
          .thenCompose(v -> leg.heardBy(monitor.mode().agentHears(), monitor.mode().callerHears()));
      routing.when(connected, timeout(), (v, failure) -> back.decide(call, c -> failure != null
          ? c.monitoring().mediaFailed(monitor, Failures.why(failure), Instant.now())
          : c.monitoring().connected(monitor, Instant.now())));
    } else if (work instanceof Effect.HearMonitor hear) {
      Monitor monitor = hear.monitor();
      routing.when(monitor.leg().heardBy(hear.mode().agentHears(), hear.mode().callerHears()), timeout(), (v, failure) -> {
        if (failure != null) {
          back.decide(call, c -> c.monitoring().mediaFailed(monitor, Failures.why(failure), Instant.now()));
        }
      });
    } else if (work instanceof Effect.ReleaseMonitor release) {
      release.leg().release().whenComplete((v, failure) -> {
        if (failure != null) {
          LOG.fine("call " + call.key() + ": a supervisor's media could not be released: " + failure.getMessage());
        }
      });
    } else if (work instanceof Effect.AddMonitorCandidate add) {
      routing.when(add.leg().addBrowserCandidate(add.candidate()), timeout(), (v, failure) -> {
        if (failure != null) {
          LOG.fine("a supervisor's candidate for call " + call.key() + " was refused: " + failure.getMessage());
        }
      });
    } else {
      return false;
    }
    return true;
  }

  private Duration timeout() {
    return Duration.ofSeconds(mediaTimeoutSeconds);
  }
}
