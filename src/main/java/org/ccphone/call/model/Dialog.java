package org.ccphone.call.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.ccphone.media.SipOffers;

/**
 * The caller's SIP dialog as the call sees it: our 200 OK and the caller's ACK, the caller's
 * hang-up (CANCEL or BYE), session refreshes and holds by re-INVITE, INFO, the stack's word on the
 * dialog, and the liveness checks of a connected call (RFC 4028 session timers, or in-dialog
 * OPTIONS): a caller that vanished must not leave its agent ON_PHONE.
 */
final class Dialog {
  private final Call call;
  /** The INVITE had no offer: ours goes in the 200 OK, the caller's answer in the ACK. */
  private final boolean lateOffer;
  private boolean okSent;
  private boolean acked;
  private SessionTimer sessionTimer;
  private String sipAnswer;
  /** The caller's last sign of life in the dialog (ACK, session refresh). */
  private Instant refreshedAt;

  Dialog(Call call, boolean lateOffer) {
    this.call = call;
    this.lateOffer = lateOffer;
  }

  boolean okSent() { return okSent; }
  boolean acked() { return acked; }

  /** The 200 OK is asked for: from here a CANCEL can no longer end the call (RFC 3261 section 9.2). */
  void okSent(String answer, SessionTimer timer) {
    okSent = true;
    sipAnswer = answer;
    sessionTimer = timer;
  }

  /**
   * The callee answered our INVITE (the adapter ACKed its 200): the dialog is confirmed, keeps our
   * offer as its session, and its liveness is watched from now.
   */
  void answeredOurs(String offer, Effects e, Instant now) {
    okSent = true;
    acked = true;
    sipAnswer = offer;
    refreshedAt = now;
    watch(e);
  }

  /** The caller's ACK of our 200 OK: a hang-up that waited for it goes now; liveness checks start. */
  Decision acked(String sdp, Instant now) {
    if (acked) {
      return Decision.nothing();
    }
    acked = true;
    refreshedAt = now;
    Effects e = call.effects();
    AgentSegment segment = call.segment;
    if (lateOffer && sdp != null && !sdp.isBlank() && segment != null && segment.media() != null) {
      e.add(new Effect.TakeCallerAnswer(segment, sdp)); // the answer to the G.711 offer of our 200 OK
    }
    if (call.stage == Stage.HANGING_UP) {
      e.add(new Effect.ByeWhenStored());
    } else if (call.stage == Stage.CONNECTED) {
      watch(e);
    }
    return e.done();
  }

  /** The dialog is confirmed: its liveness is watched from now. */
  private void watch(Effects e) {
    if (sessionTimer == null) {
      e.add(new Effect.StartTimer(Timer.KEEP_ALIVE, call.rules().keepAlive(), null));
    } else if (sessionTimer.callerRefreshes()) {
      e.add(new Effect.StartTimer(Timer.SESSION_CHECK, sessionTimer.checkAfter(), null));
    } else {
      e.add(new Effect.StartTimer(Timer.SESSION_REFRESH, sessionTimer.checkAfter(), null));
    }
  }

  Decision callerAnswerFailed(AgentSegment of, String why, Instant now) {
    if (of == null || call.segment != of) {
      return Decision.nothing();
    }
    Effects e = call.effects().add(new Effect.Note("the caller's answer in the ACK of call " + call.key() + " was refused: " + why));
    Moves.hangUp(e, "failed", now);
    return e.done();
  }

  /**
   * CANCEL or BYE from the caller (the CANCEL was answered 200 already). A connected call ends and
   * the BYE's 200 goes once the segment's row is durable; one not yet answered gets 487 after its row.
   */
  Decision callerGone(boolean bye, Instant now) {
    if (!bye && okSent) {
      return Decision.nothing(); // a CANCEL after our 200 OK changes nothing: the caller ACKs and hangs up with BYE
    }
    Effects e = call.effects();
    if (call.waitingAgain()) {
      Moves.abandoned(e, "caller_hung_up", now); // its agents' rows are written; the wait for the next writes none
      Moves.ended(e);
      return e.add(new Effect.NoRowOwed()).add(new Effect.RespondWhenStored(200)).done();
    }
    switch (call.stage) {
      case CONNECTED -> {
        Moves.segmentOver(e, "caller_hung_up", now);
        Moves.ended(e);
        e.add(new Effect.RespondWhenStored(200));
      }
      case HANGING_UP -> {
        Moves.ended(e); // our BYE is no longer needed; the 200 waits for the row as any other
        e.add(new Effect.RespondWhenStored(200));
      }
      case ENDED -> {
        if (bye) {
          e.add(new Effect.Respond(200));
        }
      }
      default -> {
        if (bye) {
          e.add(new Effect.Respond(200));
        }
        Moves.abandoned(e, "caller_hung_up", now);
        Moves.refuse(e, 487, now);
      }
    }
    return e.done();
  }

  /** The stack ended the dialog: nothing more will be sent or received. */
  Decision terminated(Instant now) {
    Effects e = call.effects();
    if (call.waitingAgain()) {
      Moves.abandoned(e, "caller_hung_up", now);
    } else if (call.stage == Stage.CONNECTED) {
      Moves.segmentOver(e, "caller_lost", now);
    } else if (call.stage != Stage.HANGING_UP) {
      return Decision.nothing();
    }
    Moves.ended(e);
    return e.add(new Effect.Closed()).done();
  }

  Decision ackNotReceived(Instant now) {
    Effects e = call.effects().add(new Effect.Note("call " + call.key() + ": the caller never ACKed the 200 OK; hanging up"));
    Moves.hangUp(e, "no_ack", now);
    if (call.stage == Stage.HANGING_UP && !acked) {
      e.add(new Effect.ByeWhenStored()); // no ACK is awaited any more (with one, the hang-up asked for it)
    }
    return e.done();
  }

  /** A re-INVITE or UPDATE in the caller's dialog: a session refresh, answered with the session as it is. */
  Decision refresh(String method, String offer, Instant now) {
    if (call.stage != Stage.CONNECTED && !call.waitingAgain()) {
      // Still being answered: "request pending" (RFC 3261 section 14.2); over: no such call.
      return Decision.of(List.of(new Effect.Respond(call.stage == Stage.ANSWERING ? 491 : 481)));
    }
    refreshedAt = now;
    Effects e = call.effects();
    Map<String, String> headers = sessionTimer == null ? Map.of() : sessionTimer.answerHeaders();
    if (!"INVITE".equals(method)) {
      return e.add(new Effect.AnswerRefresh(null, headers)).done();
    }
    if (offer != null && !offer.isBlank()) {
      // The caller holds (sendonly, inactive) or resumes: the same session, the matching direction.
      SipOffers.Direction offered = SipOffers.direction(offer);
      callerHolds(e, offered == SipOffers.Direction.SENDONLY || offered == SipOffers.Direction.INACTIVE, now);
      sipAnswer = SipOffers.answering(sipAnswer, offered);
    }
    return e.add(new Effect.AnswerRefresh(sipAnswer, headers)).done();
  }

  private void callerHolds(Effects e, boolean on, Instant now) {
    AgentSegment segment = call.segment;
    if (call.stage == Stage.CONNECTED && segment.callerHolds() != on) {
      segment.hold(Holder.CALLER, on, now);
      e.add(new Effect.Tell(segment.agent(), CallFrames.hold(call, on, "caller")));
    }
  }

  /** An INFO from the caller: answered 200 while the call lives; a keypad digit in it goes to the agent's phone. */
  Decision callerInfo(Character digit) {
    if (!call.live()) {
      return Decision.of(List.of(new Effect.Respond(481)));
    }
    Effects e = call.effects().add(new Effect.Respond(200));
    if (digit != null && call.stage == Stage.CONNECTED) {
      e.add(new Effect.Tell(call.agent(), CallFrames.dtmf(call, digit)));
    }
    return e.done();
  }

  /** Our BYE to the caller, its row durable (once); the call is over for us whatever the answer. */
  Decision byeDue() {
    if (call.stage != Stage.HANGING_UP) {
      return Decision.nothing(); // the caller hung up meanwhile
    }
    Effects e = call.effects();
    Moves.ended(e);
    return e.add(new Effect.Bye()).done();
  }

  /** A liveness clock of a connected call ran out. */
  Decision timerFired(Timer timer, Instant now) {
    if (!call.live() || !acked || (timer != Timer.KEEP_ALIVE && sessionTimer == null)) {
      return Decision.nothing(); // a call waiting for another agent after its phone was lost stays watched
    }
    Effects e = call.effects();
    switch (timer) {
      case KEEP_ALIVE -> e.add(new Effect.Probe(Timer.KEEP_ALIVE, "OPTIONS", Map.of()));
      case SESSION_REFRESH -> e.add(new Effect.Probe(Timer.SESSION_REFRESH, "UPDATE", sessionTimer.answerHeaders()));
      default -> {
        Instant due = refreshedAt.plus(sessionTimer.checkAfter());
        if (!now.isBefore(due)) {
          e.add(new Effect.Note("call " + call.key() + ": the caller's session expired without a refresh"));
          Moves.hangUp(e, "session_expired", now);
        } else {
          e.add(new Effect.StartTimer(Timer.SESSION_CHECK, Duration.between(now, due), null));
        }
      }
    }
    return e.done();
  }

  /** The caller answered our liveness probe, or did not ({@code gone}: no answer, 408 or 481). */
  Decision probeAnswered(Timer timer, boolean gone, String why, Instant now) {
    if (!call.live() || !acked || (timer != Timer.KEEP_ALIVE && sessionTimer == null)) {
      return Decision.nothing();
    }
    Effects e = call.effects();
    if (gone) {
      e.add(new Effect.Note("call " + call.key() + ": the caller did not answer (" + why + ")"));
      Moves.hangUp(e, "caller_lost", now);
    } else {
      e.add(new Effect.StartTimer(timer, timer == Timer.KEEP_ALIVE ? call.rules().keepAlive() : sessionTimer.checkAfter(), null));
    }
    return e.done();
  }
}
