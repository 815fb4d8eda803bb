package org.ccphone.call;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;
import org.ccphone.sip.ra.api.OutboundRequest;
import org.ccphone.sip.ra.api.SipOutcome;

/**
 * Keeps a connected call honest: a caller that vanished (crashed, lost its network, lost our BYE)
 * must not leave its agent ON_PHONE. With RFC 4028 session timers when the caller supports them,
 * otherwise with in-dialog OPTIONS at the tenant's interval; and a maximum call duration as the
 * last guard. Runs on the routing thread.
 */
@ApplicationScoped
class CallLiveness {
  private static final Logger LOG = Logger.getLogger(CallLiveness.class.getName());

  @Inject RoutingThread routing;
  @Inject CallRouter router;
  @Inject CallControl control;

  /** At the 200 OK: the maximum duration starts. */
  void connected(Call call) {
    int max = router.handling(call).maxCallSeconds();
    call.timer(routing.schedule(() -> {
      LOG.info("call " + call.key() + " reached the maximum call duration of " + max + " s");
      control.hangUp(call, "max_duration");
    }, Duration.ofSeconds(max)));
  }

  /** At the caller's ACK: the dialog is confirmed, its liveness is watched from now. */
  void acked(Call call) {
    SessionTimer timer = call.sessionTimer();
    if (timer == null) {
      keepAlive(call);
    } else if (timer.callerRefreshes()) {
      expectRefresh(call, timer);
    } else {
      refreshOurselves(call, timer);
    }
  }

  /** In-dialog OPTIONS every interval; no answer (or 481) means the caller is gone. */
  private void keepAlive(Call call) {
    Duration every = Duration.ofSeconds(router.handling(call).keepAliveSeconds());
    call.timer(routing.schedule(() -> probe(call, OutboundRequest.of("OPTIONS"), () -> keepAlive(call)), every));
  }

  /** The caller refreshes: nothing by the check time after the last refresh ends the call. */
  private void expectRefresh(Call call, SessionTimer timer) {
    Instant due = call.refreshedAt().plus(timer.checkAfter());
    Duration wait = Duration.between(Instant.now(), due);
    call.timer(routing.schedule(() -> {
      if (!call.live()) {
        return; // a call waiting for another agent stays watched
      }
      if (!Instant.now().isBefore(call.refreshedAt().plus(timer.checkAfter()))) {
        LOG.info("call " + call.key() + ": the caller's session expired without a refresh");
        control.hangUp(call, "session_expired");
      } else {
        expectRefresh(call, timer);
      }
    }, wait.isNegative() ? Duration.ZERO : wait));
  }

  /** We refresh (the caller asked refresher=uas): an UPDATE at half the interval. */
  private void refreshOurselves(Call call, SessionTimer timer) {
    OutboundRequest update = OutboundRequest.of("UPDATE");
    for (var h : timer.answerHeaders().entrySet()) {
      update = update.with(h.getKey(), h.getValue());
    }
    OutboundRequest refresh = update;
    call.timer(routing.schedule(() -> probe(call, refresh, () -> refreshOurselves(call, timer)), timer.checkAfter()));
  }

  private void probe(Call call, OutboundRequest request, Runnable again) {
    if (!call.live()) {
      return; // a call waiting for another agent after its phone was lost stays watched
    }
    routing.when(call.leg().request(request), CallControl.SIP_TIMEOUT, (outcome, failure) -> {
      if (!call.live()) {
        return;
      }
      if (failure != null || gone(outcome)) {
        LOG.info("call " + call.key() + ": the caller did not answer " + request.method() + " ("
            + (failure != null ? failure.getMessage() : outcome.status() + " " + outcome.reason()) + ")");
        control.hangUp(call, "caller_lost");
      } else {
        again.run();
      }
    });
  }

  /** No answer at all, or the caller no longer knows the call (RFC 4028 and RFC 3261 both read 408 and 481 so). */
  private static boolean gone(SipOutcome outcome) {
    return outcome.status() == 408 || outcome.status() == 481 || (outcome.local() && !outcome.success());
  }
}
