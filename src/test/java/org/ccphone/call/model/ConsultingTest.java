package org.ccphone.call.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.ccphone.call.model.CallLife.Point;
import org.ccphone.media.ConsultLeg;
import org.ccphone.tenant.Variable;
import org.junit.jupiter.api.Test;

/** A connected call its agent consults another agent on: complete, cancel, conference, told by its events. */
class ConsultingTest {
  private final CallLife life = CallLife.at(Point.CONNECTED_ACKED);
  private final Call call = life.call;
  private final ConsultLeg leg = CallLife.handle(ConsultLeg.class, "consult");

  private static String effects(Decision decision) {
    return CallTransitionsTest.render(decision.effects());
  }

  private static <T extends Effect> T the(Class<T> kind, Decision decision) {
    return decision.effects().stream().filter(kind::isInstance).map(kind::cast).findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind.getSimpleName() + " in " + decision));
  }

  /** agent1 consults agent2, who answers: the two talk, the caller on hold. */
  private AgentSegment talking() {
    Decision start = call.consulting().start(life.agent, life.other, life.now());
    assertEquals("Note, HoldMedia(on, AGENT), Track, OpenConsult, StartTimer(CONSULT_RING), Tell(consultation)", effects(start));
    AgentSegment target = the(Effect.OpenConsult.class, start).target();
    assertEquals("ConsultToPhone", effects(call.consulting().legOpened(target, leg, "offer-c", life.now())));
    assertEquals("CancelTimer(CONSULT_RING), ConnectConsult", effects(call.answer(life.other, "answer-c", life.now())));
    assertEquals("OnThePhone, Tell(consultation), Tell(consultation)", effects(call.consulting().connected(target, life.now())));
    return target;
  }

  @Test
  void completedTheConsultedAgentTakesTheCallerAsTheNextSegmentAndTheConsultationIsTheFirstsHoldTime() {
    AgentSegment first = call.segment;
    AgentSegment target = talking();
    for (int i = 0; i < 5; i++) {
      life.now();
    }
    Decision complete = call.consulting().complete(life.agent, life.now());
    assertEquals("Note, TakeCallMedia, HandOverStanding, Untrack, Tell(callEnded), TalkOver, SegmentOver, OnThePhone, Tell(connected), "
        + "Tell(consultation)", effects(complete));
    Map<Variable, Object> row = the(Effect.SegmentOver.class, complete).row();
    assertEquals(1, row.get(Variable.Segment));
    assertEquals(1001, row.get(Variable.AgentId));
    assertTrue((int) row.get(Variable.HoldTime) >= 8, "the consultation is agent1's hold time: " + row);
    assertSame(target, call.segment);
    assertSame(life.media, target.media(), "the call's media are the consulted agent's now");
    assertEquals(null, first.media());
    Decision hangUp = call.agentHangsUp(life.other, life.now());
    Map<Variable, Object> second = the(Effect.SegmentOver.class, hangUp).row();
    assertEquals(2, second.get(Variable.Segment));
    assertEquals(1002, second.get(Variable.AgentId));
  }

  @Test
  void cancelledTheConsultedAgentIsLetGoAndTheAgentTalksWithTheCallerAgain() {
    talking();
    Decision cancel = call.consulting().cancel(life.agent, life.now());
    assertEquals("CancelTimer(CONSULT_RING), Untrack, ConsultOver, Tell(callEnded), ReleaseConsult, Tell(consultation)", effects(cancel));
    assertSame(call.segment, the(Effect.ReleaseConsult.class, cancel).resume(), "back to the caller once the endpoint is gone");
    assertTrue(!call.segment.agentHolds());
    assertEquals("HoldMedia(on, AGENT)", effects(call.agentHolds(life.agent, true, life.now())), "a call like any other again");
  }

  @Test
  void aConferenceGoesOnWithTheConsultedAgentWhenTheFirstLeavesAndEachHasItsRow() {
    AgentSegment target = talking();
    assertEquals("ConferenceMedia", effects(call.consulting().conference(life.agent, life.now())));
    assertEquals("Note, Tell(consultation), Tell(consultation)", effects(call.consulting().conferenced(target, life.now())));
    assertEquals("not_allowed", call.agentHolds(life.agent, true, life.now()).refusal().orElseThrow().code());
    Decision leaves = call.agentHangsUp(life.agent, life.now());
    assertEquals("TakeCallMedia, HandOverStanding, Untrack, Tell(callEnded), TalkOver, SegmentOver, Tell(consultation)", effects(leaves));
    assertTrue(the(Effect.TakeCallMedia.class, leaves).leg() == leg, "the consulted agent's endpoint takes the caller");
    assertEquals(1, the(Effect.SegmentOver.class, leaves).row().get(Variable.Segment));
    assertSame(target, call.segment);
    assertEquals(Stage.CONNECTED, call.stage);
    Decision callerHangsUp = call.callerGone(true, life.now());
    Map<Variable, Object> row = the(Effect.SegmentOver.class, callerHangsUp).row();
    assertEquals(2, row.get(Variable.Segment));
    assertEquals(1002, row.get(Variable.AgentId));
  }

  @Test
  void aCallerWhoHangsUpDuringTheConsultationLeavesTheTwoAgentsTalkingUntilOneHangsUp() {
    talking();
    Decision bye = call.callerGone(true, life.now());
    assertEquals("Respond(200), CancelTimer(KEEP_ALIVE), CancelTimer(SESSION_CHECK), CancelTimer(SESSION_REFRESH), "
        + "Tell(consultation), Tell(consultation)", effects(bye));
    assertEquals(Stage.AGENTS_ONLY, call.stage);
    assertEquals("-", effects(call.dialogTerminated(life.now())), "the dialog's end changes nothing");
    Decision release = call.agentHangsUp(life.agent, life.now());
    assertTrue(effects(release).startsWith("CancelTimer(CONSULT_RING), Untrack, ConsultOver, Tell(callEnded), ReleaseConsult"), effects(release));
    assertEquals(1001, the(Effect.SegmentOver.class, release).row().get(Variable.AgentId));
    assertTrue(effects(release).endsWith("Ended, Release(leg, null), Closed"), effects(release));
    assertEquals(Stage.ENDED, call.stage);
  }

  @Test
  void whatCannotBeDoneIsRefusedWithItsReason() {
    assertEquals("bad_target", call.consulting().start(life.agent, life.agent, life.now()).refusal().orElseThrow().code());
    assertEquals("no_such_call", call.consulting().start(life.other, life.agent, life.now()).refusal().orElseThrow().code());
    assertEquals("not_allowed", call.consulting().complete(life.agent, life.now()).refusal().orElseThrow().code());
    call.consulting().start(life.agent, life.other, life.now());
    assertEquals("not_allowed", call.consulting().start(life.agent, life.other, life.now()).refusal().orElseThrow().code());
    assertEquals("not_allowed", call.consulting().complete(life.agent, life.now()).refusal().orElseThrow().code(), "it rings still");
    assertEquals("not_allowed", call.agentHangsUp(life.agent, life.now()).refusal().orElseThrow().code(), "the caller waits on hold");
    assertEquals("not_allowed", call.transfer(life.agent, new TransferTarget.Queue("support"), life.now()).refusal().orElseThrow().code());
    assertEquals("bad_answer", call.answer(life.other, "answer-c", life.now()).refusal().orElseThrow().code(), "no endpoint yet");
  }

  @Test
  void aConsultationThatRingsOutOrIsDeclinedLeavesTheCallerOnHold() {
    Decision start = call.consulting().start(life.agent, life.other, life.now());
    AgentSegment target = the(Effect.OpenConsult.class, start).target();
    Decision rangOut = call.timerFired(Timer.CONSULT_RING, target, life.now());
    assertEquals("CancelTimer(CONSULT_RING), Untrack, ConsultOver, Tell(offerWithdrawn), Tell(consultation)", effects(rangOut));
    assertTrue(the(Effect.ConsultOver.class, rangOut).rangOut());
    assertTrue(call.segment.agentHolds(), "the caller is on hold: the agent resumes, or consults another");
    assertEquals("HoldMedia(off, AGENT)", effects(call.agentHolds(life.agent, false, life.now())));
  }

  private final org.ccphone.media.OutsideMedia outside = CallLife.handle(org.ccphone.media.OutsideMedia.class, "outside");

  /** agent1 consults 3001 through the trunk, which answers: the two talk, the caller on hold. */
  private void talkingWithANumber() {
    TransferTarget.Number number = new TransferTarget.Number("3001", null, CallLife.handle(CallerLeg.class, "trunk"), java.time.Duration.ofSeconds(30));
    assertEquals("Note, HoldMedia(on, AGENT), OpenOutside, Tell(consultation)", effects(call.consulting().startNumber(life.agent, number, life.now())));
    assertEquals("PlaceOutside, StartTimer(DIAL)", effects(call.outsideMediaReady(outside, "offer-o", life.now())));
    assertEquals("CancelTimer(DIAL), ConnectOutsideConsult", effects(call.outsideAnswered("answer-o", life.now())));
    assertEquals("Tell(consultation)", effects(call.consulting().numberConnected(outside, life.now())));
  }

  @Test
  void aNumberConsultedAndCompletedIsBridgedToTheCallerWithNoAgentOnTheCall() {
    talkingWithANumber();
    Decision complete = call.consulting().complete(life.agent, life.now());
    assertEquals("Note, TakeCallMedia, HandOverStanding, FinishRecording, Untrack, Tell(callEnded), TalkOver, SegmentOver", effects(complete));
    assertEquals(1001, the(Effect.SegmentOver.class, complete).row().get(Variable.AgentId));
    assertEquals(Stage.BRIDGED, call.stage);
    assertEquals("Respond(200), ByeWhenStored", effects(call.outsideGone(life.now())), "the outside party's BYE ends the call, as after a transfer");
  }

  @Test
  void aBusyNumberEndsTheConsultationAndTheCallerStaysOnHold() {
    TransferTarget.Number number = new TransferTarget.Number("3002", null, CallLife.handle(CallerLeg.class, "trunk"), java.time.Duration.ofSeconds(30));
    call.consulting().startNumber(life.agent, number, life.now());
    call.outsideMediaReady(outside, "offer-o", life.now());
    Decision busy = call.outsideFailed(486, "Busy Here", life.now());
    assertEquals("Note, CancelTimer(DIAL), ReleaseConsult, Tell(consultation)", effects(busy));
    assertTrue(((Effect.Tell) busy.effects().get(3)).frame().contains("\"reason\":\"busy\""), busy.toString());
    assertEquals(null, call.outside());
    assertTrue(call.segment.agentHolds());
    assertEquals("no_trunk", call.consulting().startNumber(life.agent, new TransferTarget.Number("3003", null, null, null), life.now())
        .refusal().orElseThrow().code());
  }

  @Test
  void aNumberThatLeavesTheConferenceLeavesTheAgentWithItsCaller() {
    talkingWithANumber();
    assertEquals("ConferenceMedia", effects(call.consulting().conference(life.agent, life.now())));
    assertEquals("Tell(consultation)", effects(call.consulting().conferenced(null, life.now())));
    Decision gone = call.outsideGone(life.now());
    assertEquals("Respond(200), ReleaseConsult, Tell(consultation)", effects(gone));
    assertSame(call.segment, the(Effect.ReleaseConsult.class, gone).resume());
    assertEquals("HoldMedia(on, AGENT)", effects(call.agentHolds(life.agent, true, life.now())), "a call like any other again");
  }
}
