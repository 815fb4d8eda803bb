package org.ccphone.call.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ccphone.agent.AgentState;
import org.ccphone.call.model.CallLife.Point;
import org.ccphone.tenant.Variable;
import org.junit.jupiter.api.Test;

/** The paths of a call that only a server and SIPp reached before, told one by one. */
class CallLifeTest {

  private static String effects(Decision decision) {
    return CallTransitionsTest.render(decision.effects());
  }

  private static <T extends Effect> T the(Class<T> kind, Decision decision) {
    return decision.effects().stream().filter(kind::isInstance).map(kind::cast).findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind.getSimpleName() + " in " + decision));
  }

  private static Decision drain(Point point) {
    CallLife life = CallLife.at(point);
    return life.call.drain(life.now());
  }

  @Test
  void aCancelWhileTheMediaIsAttachedEndsTheCallWith487AndTheLateMediaIsReleased() {
    CallLife life = CallLife.at(Point.ANSWERING);
    Decision cancel = life.call.callerGone(false, life.now());
    assertEquals("Count(ABANDONED), Tell(offerWithdrawn), CancelTimer(RING), CancelTimer(REJOIN), Release(leg, null), "
        + "Untrack, OfferOver, Dequeue, EndUnanswered(487), Ended", effects(cancel));
    assertEquals(0, the(Effect.EndUnanswered.class, cancel).row().get(Variable.AgentId));
    Decision late = life.call.mediaAttached(life.segment, life.media, "sip-answer", null, life.now());
    assertEquals("Release(null, media)", effects(late), "the caller hung up meanwhile");
  }

  @Test
  void aCancelAfterThe200OkChangesNothingAndTheAcceptThatLostTheRaceEndsIt() {
    CallLife life = CallLife.at(Point.ANSWERING_200_SENT);
    assertEquals("-", effects(life.call.callerGone(false, life.now())), "the caller ACKs and hangs up with BYE");
    Decision lost = life.call.acceptFailed(life.segment, true, "cancelled", life.now());
    assertTrue(effects(lost).contains("Tell(offerWithdrawn)"), effects(lost));
    assertTrue(effects(lost).endsWith("EndUnanswered(487), Ended"), effects(lost));
  }

  @Test
  void aLogoutWhileThe200OkIsOnItsWayHangsTheCallUpOnceItConnectsInsteadOfOfferingItAgain() {
    CallLife life = CallLife.at(Point.ANSWERING_200_SENT);
    Decision logout = life.call.loggedOut(life.agent, life.now());
    assertEquals("Note", effects(logout), "the caller is answered: not withdrawn, not queued for another agent");
    assertEquals(Stage.ANSWERING, life.call.stage);
    Decision connected = life.call.accepted(life.segment, life.now());
    assertTrue(effects(connected).startsWith("OnThePhone, Tell(connected)"), effects(connected));
    assertTrue(effects(connected).endsWith("Untrack, Tell(callEnded), TalkOver, SegmentOver"), "hung up, its row owed: " + effects(connected));
    assertEquals(Stage.HANGING_UP, life.call.stage);
    assertEquals("ByeWhenStored", effects(life.call.acked(null, life.now())), "our BYE after the caller's ACK");
  }

  @Test
  void theAgentsHangUpBeforeTheAckSendsOurByeOnlyAfterTheAck() {
    CallLife life = CallLife.at(Point.CONNECTED);
    Decision hangUp = life.call.agentHangsUp(life.agent, life.now());
    assertEquals("Untrack, Tell(callEnded), TalkOver, SegmentOver", effects(hangUp), "no BYE before the ACK");
    assertEquals(Stage.HANGING_UP, life.call.stage);
    assertEquals("ByeWhenStored", effects(life.call.acked(null, life.now())));
    assertEquals("Ended, Release(leg, null), Bye", effects(life.call.byeDue(life.now())));
    assertEquals("-", effects(life.call.byeDue(life.now())), "once");
  }

  @Test
  void aLostPhoneThatRejoinsTakesItsCallBackAndTheMusicCountsAsHold() {
    CallLife life = CallLife.at(Point.PHONE_LOST);
    assertTrue(life.segment.onHold(), "the caller is on music");
    Decision asked = life.call.rejoinAsked(life.agent, life.now());
    assertEquals("RenewForRejoin", effects(asked), "the music is on already");
    assertEquals("CancelTimer(REJOIN), HoldMedia(off, LOST_PHONE)", effects(life.call.rejoined(life.segment, life.now())));
    Decision back = life.call.holdDone(life.segment, false, Holder.LOST_PHONE, life.now());
    assertEquals("Note, Tell(rejoined)", effects(back));
    Decision end = life.call.callerGone(true, life.now());
    Map<Variable, Object> row = the(Effect.SegmentOver.class, end).row();
    assertEquals(3, row.get(Variable.HoldTime), "lost at 8 s, back at 11 s");
    assertEquals(1, row.get(Variable.Segment));
  }

  @Test
  void aLostPhoneThatDoesNotComeBackLetsTheCallMoveToTheNextAgentWithItsMedia() {
    CallLife life = CallLife.at(Point.PHONE_LOST);
    Decision over = life.call.timerFired(Timer.REJOIN, life.segment, life.now());
    assertEquals("Note, HandOverStanding, Untrack, Tell(callEnded), TalkOver(phone gone), SegmentOver, "
        + "CancelTimer(RING), CancelTimer(REJOIN), Enqueue(head), Dispatch", effects(over));
    assertEquals(1001, the(Effect.SegmentOver.class, over).row().get(Variable.AgentId));
    Decision offered = life.call.offer(life.other, Optional.empty(), life.now());
    assertEquals("Dequeue, StartTimer(RING), Track, RenewParkedLeg", effects(offered), "counted once, for its first agent");
    AgentSegment next = life.call.segment;
    life.call.parkedLegRenewed(next, "offer-2", life.now());
    assertEquals("refused bad_answer", life.call.answer(life.other, "", life.now()).toString());
    assertEquals("CancelTimer(RING), ResumeParked", effects(life.call.answer(life.other, "answer-2", life.now())));
    Decision connected = life.call.parkedResumed(next, life.now());
    assertEquals("OnThePhone, Tell(connected)", effects(connected), "its clocks and recording go on from the first agent");
    assertEquals(2, the(Effect.SegmentOver.class, life.call.agentHangsUp(life.other, life.now())).row().get(Variable.Segment));
  }

  @Test
  void aByeWhileThe200OkIsOnItsWayIsAnsweredAndTheInviteGets487AfterItsRow() {
    CallLife life = CallLife.at(Point.ANSWERING_200_SENT);
    Decision bye = life.call.callerGone(true, life.now());
    assertTrue(effects(bye).startsWith("Respond(200), Count(ABANDONED)"), effects(bye));
    assertTrue(effects(bye).endsWith("EndUnanswered(487), Ended"), effects(bye));
  }

  @Test
  void theMaximumDurationHangsUpAConnectedCall() {
    CallLife life = CallLife.at(Point.CONNECTED_ACKED);
    Decision max = life.call.timerFired(Timer.MAX_DURATION, null, life.now());
    assertEquals("Note, Untrack, Tell(callEnded), TalkOver, SegmentOver, ByeWhenStored", effects(max));
    assertEquals("-", effects(life.call.timerFired(Timer.MAX_DURATION, null, life.now())), "once");
  }

  @Test
  void theDrainOverflowsWhatWaitsHangsUpACallThatMovedAndLeavesTalksAlone() {
    assertEquals("Dequeue, Count(OVERFLOWED), EndUnanswered(480), Ended", effects(drain(Point.QUEUED)));
    assertTrue(effects(drain(Point.RINGING)).startsWith("Tell(offerWithdrawn)"));
    assertEquals("-", effects(drain(Point.ANSWERING_200_SENT)), "its 200 OK left: it connects, then drains as a talk");
    assertEquals("-", effects(drain(Point.CONNECTED)));
    assertEquals("Note, Dequeue, NoRowOwed, ByeWhenStored", effects(drain(Point.WAITING_AGAIN)));
  }

  @Test
  void aCallWithACallCenterOverflowsThereWhenItWaitedTooLong() {
    CallLife life = new CallLife(false);
    CallData data = new CallData("8005551000", "5550100", null, null, null, "c-2", "sip:overflow@example.net", List.of(),
        false, null);
    life.call.callStartDone(data, CallLife.RULES, true, life.now());
    Decision over = life.call.timerFired(Timer.MAX_WAIT, null, CallLife.T0.plusSeconds(61));
    assertEquals("Dequeue, Count(OVERFLOWED), EndUnanswered(302), Ended", effects(over));
    assertEquals("sip:overflow@example.net", the(Effect.EndUnanswered.class, over).redirectTo());
  }

  @Test
  void anAgentThatLetsTheCallRingOutHasItBackAtTheHeadOfTheQueueUntilTheMaximumWait() {
    CallLife life = CallLife.at(Point.RINGING);
    Decision rangOut = life.call.timerFired(Timer.RING, life.segment, CallLife.T0.plusSeconds(30));
    assertTrue(effects(rangOut).endsWith("OfferOver(rang out), Enqueue(head), Dispatch"), effects(rangOut));
    life.call.offer(life.agent, Optional.of(life.standing), life.now());
    Decision late = life.call.timerFired(Timer.RING, life.call.segment, CallLife.T0.plusSeconds(70));
    assertTrue(effects(late).endsWith("OfferOver(rang out), Count(OVERFLOWED), EndUnanswered(480), Ended"), effects(late));
  }

  @Test
  void aPhoneThatGoesWhileTheCallRingsSendsItToAnotherAgent() {
    CallLife life = CallLife.at(Point.RINGING);
    Decision gone = life.call.agentChanged(life.agent, AgentState.RINGING, false, life.now());
    assertEquals("CancelTimer(RING), CancelTimer(REJOIN), Release(leg, null), Untrack, PhoneGone(READY), Enqueue(head), Dispatch",
        effects(gone));
  }

  @Test
  void anOfferRingsTheAgentOnceItsOwnLegIsOpenedAndALateSecondLegIsClosed() {
    CallLife life = CallLife.at(Point.QUEUED);
    assertEquals("Dequeue, Count(OFFERED), StartTimer(RING), Track, OpenAgentLeg",
        effects(life.call.offer(life.agent, Optional.empty(), life.now())));
    AgentSegment segment = life.call.segment;
    assertEquals("OfferToPhone(sdp)", effects(life.call.agentLegOpened(segment, life.leg, "browser-offer", life.now())));
    assertEquals("Release(standing, null)", effects(life.call.agentLegOpened(segment, life.standing, "again", life.now())));
    assertEquals("refused bad_answer", life.call.answer(life.agent, null, life.now()).toString(), "its own leg needs the answer");
  }

  @Test
  void aCallThatMovedRingsTheNextAgentOnItsOwnLegOrIsHungUpWhenThatLegCannotBeRenewed() {
    CallLife life = CallLife.at(Point.WAITING_AGAIN);
    life.call.offer(life.other, Optional.of(life.standing), life.now());
    AgentSegment next = life.call.segment;
    assertEquals("OfferToPhone(sdp)", effects(life.call.parkedLegRenewed(next, "offer-2", life.now())));
    Decision failed = life.call.parkedLegFailed(next, "gone", life.now());
    assertEquals("Note, CancelTimer(RING), CancelTimer(REJOIN), Release(null, null), Untrack, OfferOver, "
        + "Note, Dequeue, NoRowOwed, ByeWhenStored", effects(failed), "the caller, on music, is hung up");
    assertEquals(Stage.HANGING_UP, life.call.stage);
  }

  @Test
  void theCallerHoldsAndResumesByReInviteAndItsHoldTimeCounts() {
    CallLife life = CallLife.at(Point.ANSWERING);
    life.call.mediaAttached(life.segment, life.media, "v=0\r\nm=audio 4000 RTP/AVP 0\r\na=sendrecv\r\n", null, life.now());
    life.call.accepted(life.segment, CallLife.T0.plusSeconds(6));
    life.call.acked(null, life.now());
    Decision held = life.call.refresh("INVITE", "v=0\r\na=sendonly\r\n", CallLife.T0.plusSeconds(10));
    assertEquals("Tell(held), AnswerRefresh(sdp)", effects(held));
    assertTrue(the(Effect.AnswerRefresh.class, held).sdp().contains("recvonly"), the(Effect.AnswerRefresh.class, held).sdp());
    assertEquals("AnswerRefresh(sdp)", effects(life.call.refresh("INVITE", "v=0\r\na=sendonly\r\n", CallLife.T0.plusSeconds(11))),
        "still held: the phone is told once");
    Decision resumed = life.call.refresh("INVITE", "v=0\r\na=sendrecv\r\n", CallLife.T0.plusSeconds(14));
    assertEquals("Tell(resumed), AnswerRefresh(sdp)", effects(resumed));
    Map<Variable, Object> row = the(Effect.SegmentOver.class, life.call.callerGone(true, CallLife.T0.plusSeconds(20))).row();
    assertEquals(4, row.get(Variable.HoldTime));
    assertEquals(10, row.get(Variable.TalkTime), "14 s connected, 4 of them on hold");
  }

  @Test
  void aCallerWithSessionTimersIsCheckedAtItsIntervalAndHungUpWhenItStopsRefreshing() {
    CallLife life = CallLife.at(Point.ANSWERING);
    life.call.mediaAttached(life.segment, life.media, "sip-answer", new SessionTimer(120, true), life.now());
    life.call.accepted(life.segment, life.now());
    Decision acked = life.call.acked(null, CallLife.T0.plusSeconds(10));
    assertEquals("StartTimer(SESSION_CHECK)", effects(acked));
    assertEquals(java.time.Duration.ofSeconds(88), the(Effect.StartTimer.class, acked).delay());
    life.call.refresh("UPDATE", null, CallLife.T0.plusSeconds(60));
    Decision early = life.call.timerFired(Timer.SESSION_CHECK, null, CallLife.T0.plusSeconds(98));
    assertEquals("StartTimer(SESSION_CHECK)", effects(early), "refreshed at 60 s: checked again at 148 s");
    assertEquals(java.time.Duration.ofSeconds(50), the(Effect.StartTimer.class, early).delay());
    Decision expired = life.call.timerFired(Timer.SESSION_CHECK, null, CallLife.T0.plusSeconds(148));
    assertTrue(effects(expired).startsWith("Note, Untrack, Tell(callEnded)"), effects(expired));
  }

  @Test
  void weRefreshWhenTheCallerAsksUsToAndALostRefreshEndsTheCall() {
    CallLife life = CallLife.at(Point.ANSWERING);
    life.call.mediaAttached(life.segment, life.media, "sip-answer", new SessionTimer(120, false), life.now());
    life.call.accepted(life.segment, life.now());
    assertEquals("StartTimer(SESSION_REFRESH)", effects(life.call.acked(null, life.now())));
    Decision refresh = life.call.timerFired(Timer.SESSION_REFRESH, null, life.now());
    assertEquals("Probe(UPDATE)", effects(refresh));
    assertEquals("120;refresher=uas", the(Effect.Probe.class, refresh).headers().get("Session-Expires"));
    assertEquals("StartTimer(SESSION_REFRESH)", effects(life.call.probeAnswered(Timer.SESSION_REFRESH, false, "200", life.now())));
    assertTrue(effects(life.call.probeAnswered(Timer.SESSION_REFRESH, true, "408", life.now())).contains("Tell(callEnded)"));
  }

  @Test
  void aLateOfferTakesTheCallersAnswerFromTheAck() {
    CallLife life = new CallLife(false);
    Call late = Call.arrived("demo", "sip-2", CallLife.handle(CallerLeg.class, "caller"), life.call.data(), true, CallLife.T0);
    late.callStartDone(late.data(), CallLife.RULES, true, life.now());
    late.offer(life.agent, Optional.of(life.standing), life.now());
    AgentSegment segment = late.segment;
    assertEquals("CancelTimer(RING), AttachCall(standing)", effects(late.answer(life.agent, null, life.now())));
    assertEquals("WatchMedia, Accept", effects(late.mediaAttached(segment, life.media, "our-offer", null, life.now())));
    late.accepted(segment, life.now());
    assertEquals("TakeCallerAnswer, StartTimer(KEEP_ALIVE)", effects(late.acked("v=0", life.now())));
    assertEquals("-", effects(late.acked("v=0", life.now())), "a retransmitted ACK");
  }
}
