package org.ccphone.call.engine;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.logging.Logger;
import org.ccphone.call.AgentPhones;
import org.ccphone.call.CallEvents;
import org.ccphone.call.RoutingThread;
import org.ccphone.call.end.CallEnds;
import org.ccphone.call.model.Call;
import org.ccphone.call.model.CallFrames;
import org.ccphone.call.model.Dtmf;
import org.ccphone.call.model.Effect;
import org.ccphone.sip.ra.api.CallCancelledException;
import org.ccphone.sip.ra.api.InboundRequest;
import org.ccphone.sip.ra.api.OutboundRequest;
import org.ccphone.sip.ra.api.SipOutcome;
import org.ccphone.sip.ra.api.SipReply;

/**
 * Speaks to the caller over SIP for its call: ringing, final answers once the row is durable, the
 * 200 OK, our BYE, answers to the caller's requests, liveness probes and keypad digits. Every send
 * is asynchronous; what comes back goes to the call as its next event.
 */
@ApplicationScoped
public class SipWork {
  private static final Logger LOG = Logger.getLogger(SipWork.class.getName());
  /** Longer than any SIP transaction (64*T1): the stack's own timeout answers first. */
  static final Duration SIP_TIMEOUT = Duration.ofSeconds(40);

  @Inject RoutingThread routing;
  @Inject CallEnds ends;
  @Inject AgentPhones phones;

  public void carryOut(Call call, Effect.Sip work, InboundRequest request, CallEvents back) {
    if (work instanceof Effect.Ringing) {
      logFailure(call, "180", call.leg().ringing());
    } else if (work instanceof Effect.EndUnanswered end) {
      ends.thenTell(call, ends.write(call, end.row()), () -> end.redirectTo() != null
          ? logFailure(call, "302", call.leg().redirect(end.redirectTo()))
          : logFailure(call, String.valueOf(end.status()), call.leg().refuse(end.status())));
    } else if (work instanceof Effect.Accept accept) {
      routing.when(call.leg().accept(accept.sdp(), accept.headers()), SIP_TIMEOUT, (v, failure) -> {
        if (failure == null) {
          back.decide(call, c -> c.accepted(accept.segment(), Instant.now()));
        } else {
          boolean cancelled = failure instanceof CallCancelledException || failure.getCause() instanceof CallCancelledException;
          back.decide(call, c -> c.acceptFailed(accept.segment(), cancelled, failure.getMessage(), Instant.now()));
        }
      });
    } else if (work instanceof Effect.ByeWhenStored) {
      ends.whenStored(call, ends.owed(call), () -> back.decide(call, c -> c.byeDue(Instant.now())));
    } else if (work instanceof Effect.Bye) {
      bye(call);
    } else if (work instanceof Effect.Respond respond) {
      respond(call, request, r -> r.respond(respond.status()));
    } else if (work instanceof Effect.RespondWhenStored respond) {
      ends.thenTell(call, ends.owed(call), () -> respond(call, request, r -> r.respond(respond.status())));
    } else if (work instanceof Effect.AnswerRefresh refresh) {
      SipReply ok = SipReply.of(200);
      for (var h : refresh.headers().entrySet()) {
        ok = ok.with(h.getKey(), h.getValue());
      }
      SipReply answer = ok;
      respond(call, request, r -> refresh.sdp() == null ? r.respond(answer) : r.accept(answer.withSdp(refresh.sdp())));
    } else if (work instanceof Effect.Probe probe) {
      probe(call, probe, back);
    } else if (work instanceof Effect.SendDtmf dtmf) {
      sendDtmf(call, dtmf);
    } else if (work instanceof Effect.PlaceCall place) {
      place(call, place, back);
    } else if (work instanceof Effect.Refer refer) {
      OutboundRequest referral = OutboundRequest.of("REFER").with("Refer-To", "<" + refer.referTo() + ">");
      routing.when(call.leg().request(referral), SIP_TIMEOUT, (outcome, failure) -> back.decide(call, c -> failure != null
          ? c.referAnswered(refer.segment(), 500, failure.getMessage(), Instant.now())
          : c.referAnswered(refer.segment(), outcome.status(), outcome.reason(), Instant.now())));
    } else if (work instanceof Effect.PlaceOutside place) {
      routing.when(call.outside().place(place.offer(), progress -> { }), SIP_TIMEOUT.multipliedBy(2), (outcome, failure) -> {
        if (failure == null && outcome.success()) {
          back.decide(call, c -> c.outsideAnswered(outcome.body(), Instant.now()));
        } else {
          call.outside().cancel();
          back.decide(call, c -> c.outsideFailed(failure != null ? 500 : outcome.status(),
              failure != null ? failure.getMessage() : outcome.reason(), Instant.now()));
        }
      });
    } else if (work instanceof Effect.CancelOutside) {
      if (call.outside() != null) {
        call.outside().cancel();
      }
    } else if (work instanceof Effect.ByeOutside) {
      if (call.outside() != null) {
        logFailure(call, "BYE to the outside party", call.outside().request(OutboundRequest.of("BYE")));
      }
    } else if (work instanceof Effect.CancelDial) {
      call.leg().cancel();
    }
  }

  private static CompletionStage<?> respond(Call call, InboundRequest request,
      java.util.function.Function<InboundRequest, CompletionStage<?>> answer) {
    if (request == null) {
      LOG.warning("call " + call.key() + ": an answer was decided with no request to answer");
      return CompletableFuture.completedFuture(null);
    }
    return answer.apply(request);
  }

  /**
   * An outbound call's INVITE: its progress and its final answer come back as the call's events. Its
   * bound covers a digest challenge answered (two INVITE transactions of 64*T1 at most).
   */
  private void place(Call call, Effect.PlaceCall place, CallEvents back) {
    CompletionStage<SipOutcome> placed = call.leg().place(place.offer(),
        progress -> back.on(call, c -> c.dialProgress(progress.status(), progress.body(), Instant.now())));
    routing.when(placed, SIP_TIMEOUT.multipliedBy(2), (outcome, failure) -> {
      if (failure != null) {
        call.leg().cancel();
        back.decide(call, c -> c.dialFailed(500, failure.getMessage(), Instant.now()));
      } else if (outcome.success()) {
        back.decide(call, c -> c.dialAnswered(outcome.body(), Instant.now()));
      } else {
        back.decide(call, c -> c.dialFailed(outcome.status(), outcome.reason(), Instant.now()));
      }
    });
  }

  /** Our BYE (once); the call leaves the calls in progress whatever the answer. */
  private void bye(Call call) {
    CompletionStage<SipOutcome> sent = call.leg().request(OutboundRequest.of("BYE"));
    sent.whenComplete((outcome, failure) -> ends.closed(call));
    routing.when(sent, SIP_TIMEOUT, (outcome, failure) -> {
      if (failure != null || !outcome.success()) {
        LOG.fine("call " + call.key() + ": BYE ended with " + (failure != null ? failure : outcome.status()));
      }
    });
  }

  /** A liveness probe: no answer, 408 or 481 means the caller is gone (RFC 4028 and RFC 3261 both read them so). */
  private void probe(Call call, Effect.Probe probe, CallEvents back) {
    OutboundRequest request = OutboundRequest.of(probe.method());
    for (Map.Entry<String, String> h : probe.headers().entrySet()) {
      request = request.with(h.getKey(), h.getValue());
    }
    routing.when(call.leg().request(request), SIP_TIMEOUT, (outcome, failure) -> {
      boolean gone = failure != null || outcome.status() == 408 || outcome.status() == 481
          || (outcome.local() && !outcome.success());
      String why = probe.method() + " " + (failure != null ? failure.getMessage() : outcome.status() + " " + outcome.reason());
      back.decide(call, c -> c.probeAnswered(probe.timer(), gone, why, Instant.now()));
    });
  }

  /**
   * The agent's keypad digits: one SIP INFO each, one after another, as the media server does not
   * carry RFC 4733 events; the phone gets {@code dtmfSent} once every INFO got its 2xx, or an error.
   */
  private void sendDtmf(Call call, Effect.SendDtmf dtmf) {
    String digits = dtmf.digits();
    CompletionStage<SipOutcome> sent = CompletableFuture.completedFuture(null);
    for (char digit : digits.toCharArray()) {
      OutboundRequest info = OutboundRequest.of("INFO").withBody(Dtmf.RELAY, Dtmf.relayBody(digit));
      sent = sent.thenCompose(previous -> previous != null && !previous.success()
          ? CompletableFuture.completedFuture(previous) : call.leg().request(info));
    }
    routing.when(sent, SIP_TIMEOUT.multipliedBy(digits.length()), (outcome, failure) -> {
      if (failure != null || !outcome.success()) {
        phones.sendError(dtmf.agent(), "dtmf_failed", "the digits did not reach the caller: "
            + (failure != null ? failure.getMessage() : outcome.status() + " " + outcome.reason()));
      } else {
        phones.send(dtmf.agent(), CallFrames.dtmfSent(call, digits));
      }
    });
  }

  /** A send that fails is logged; the call's own timers and events decide what follows. */
  private static CompletionStage<?> logFailure(Call call, String what, CompletionStage<?> send) {
    send.whenComplete((v, failure) -> {
      if (failure != null) {
        LOG.fine("call " + call.key() + ": cannot send " + what + ": " + failure.getMessage());
      }
    });
    return send;
  }
}
