package org.ccphone.call.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ccphone.call.model.CallLife.Point;
import org.ccphone.media.OutsideMedia;
import org.ccphone.tenant.Variable;
import org.junit.jupiter.api.Test;

/** A connected call its agent transfers blind, to a queue or to another agent, told by its events. */
class TransferringTest {

  private static String effects(Decision decision) {
    return CallTransitionsTest.render(decision.effects());
  }

  private static <T extends Effect> T the(Class<T> kind, Decision decision) {
    return decision.effects().stream().filter(kind::isInstance).map(kind::cast).findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind.getSimpleName() + " in " + decision));
  }

  @Test
  void toAQueueTheFirstAgentsSegmentEndsAndTheNextAgentHasTheSecond() {
    CallLife life = CallLife.at(Point.CONNECTED_ACKED);
    Decision transfer = life.call.transfer(life.agent, new TransferTarget.Queue("support"), life.now());
    assertEquals("Note, MusicForCaller, HandOverStanding, Untrack, Tell(callEnded), TalkOver, SegmentOver, "
        + "CancelTimer(RING), CancelTimer(REJOIN), Enqueue(head), Dispatch", effects(transfer));
    Map<Variable, Object> first = the(Effect.SegmentOver.class, transfer).row();
    assertEquals(1, first.get(Variable.Segment));
    assertEquals(1001, first.get(Variable.AgentId));
    assertEquals(List.of("support"), life.call.data().skills(), "routed again with the queue's skill");
    assertEquals(Stage.QUEUED, life.call.stage);

    life.call.offer(life.other, Optional.empty(), life.now());
    AgentSegment next = life.call.segment;
    assertTrue(effects(life.call.parkedLegRenewed(next, "offer-2", life.now())).contains("OfferToPhone(sdp)"),
        "the next agent's browser gets an endpoint where the call's media are");
    assertEquals("CancelTimer(RING), ResumeParked", effects(life.call.answer(life.other, "answer-2", life.now())));
    life.call.parkedResumed(next, life.now());
    assertEquals(Stage.CONNECTED, life.call.stage);
    Decision hangUp = life.call.agentHangsUp(life.other, life.now());
    Map<Variable, Object> second = the(Effect.SegmentOver.class, hangUp).row();
    assertEquals(2, second.get(Variable.Segment));
    assertEquals(1002, second.get(Variable.AgentId));
  }

  @Test
  void toAnAgentItRingsThereFirstAndGoesToItsQueueWhenThatAgentDoesNotTakeIt() {
    CallLife life = CallLife.at(Point.CONNECTED_ACKED);
    life.call.transfer(life.agent, new TransferTarget.Agent(life.other), life.now());
    assertEquals(life.other, life.call.transferTo());
    assertEquals(List.of("sales"), life.call.data().skills(), "its skills stay for its queue");
    life.call.offer(life.other, Optional.empty(), life.now());
    life.call.declined(life.other, life.now());
    assertNull(life.call.transferTo(), "declined there: any agent of its queue may take it");
    assertEquals(Stage.QUEUED, life.call.stage);
  }

  @Test
  void aTransferIsRefusedWhenItCannotBeDone() {
    CallLife life = CallLife.at(Point.CONNECTED_ACKED);
    assertEquals("bad_target", life.call.transfer(life.agent, new TransferTarget.Agent(life.agent), life.now()).refusal().orElseThrow().code());
    assertEquals("no_such_call", life.call.transfer(life.other, new TransferTarget.Queue("support"), life.now()).refusal().orElseThrow().code());
    CallLife ringing = CallLife.at(Point.RINGING);
    assertEquals("no_such_call", ringing.call.transfer(ringing.agent, new TransferTarget.Queue("support"), ringing.now()).refusal().orElseThrow().code());
    CallLife lost = CallLife.at(Point.PHONE_LOST);
    assertEquals("not_allowed", lost.call.transfer(lost.agent, new TransferTarget.Queue("support"), lost.now()).refusal().orElseThrow().code());
  }

  @Test
  void toANumberTheIvrIsAskedAndOnceItTookTheCallItsFinalNotifyEndsItForUs() {
    CallLife life = CallLife.at(Point.CONNECTED_ACKED);
    Decision refer = life.call.transfer(life.agent, TransferTarget.Number.byRefer("3001", "sip:3001@ivr"), life.now());
    assertEquals("sip:3001@ivr", the(Effect.Refer.class, refer).referTo());
    assertEquals("not_allowed", life.call.transfer(life.agent, TransferTarget.Number.byRefer("3001", "sip:3001@ivr"), life.now())
        .refusal().orElseThrow().code(), "one REFER at a time");
    Decision accepted = life.call.referAnswered(life.segment, 202, "Accepted", life.now());
    assertEquals("Untrack, Tell(callEnded), TalkOver, SegmentOver, StartTimer(REFER)", effects(accepted));
    assertEquals(1001, the(Effect.SegmentOver.class, accepted).row().get(Variable.AgentId));
    assertEquals(Stage.HANGING_UP, life.call.stage);
    assertEquals("Respond(200)", effects(life.call.referNotified(100, life.now())), "trying: nothing yet");
    assertEquals("Respond(200), CancelTimer(REFER), Note, ByeWhenStored", effects(life.call.referNotified(200, life.now())));
    assertEquals("Ended, Release(leg, null), Bye", effects(life.call.byeDue(life.now())), "the segment's own leg (an offer's) goes with the call");
  }

  @Test
  void toANumberThroughTheTrunkTheCallerIsBridgedToTheOutsidePartyAndEitherHangUpEndsBoth() {
    CallLife life = CallLife.at(Point.CONNECTED_ACKED);
    CallerLeg outside = CallLife.handle(CallerLeg.class, "outside");
    Decision transfer = life.call.transfer(life.agent, new TransferTarget.Number("3001", null, outside, java.time.Duration.ofSeconds(30)), life.now());
    assertTrue(effects(transfer).endsWith("OpenOutside"), effects(transfer));
    assertTrue(effects(transfer).contains("MusicForCaller, HandOverStanding, FinishRecording, Untrack, Tell(callEnded), TalkOver, SegmentOver"),
        "a recorded call's file ends with the agent's part: " + effects(transfer));
    assertEquals(Stage.BRIDGING, life.call.stage);
    OutsideMedia media = CallLife.handle(OutsideMedia.class, "outside-media");
    Decision ready = life.call.outsideMediaReady(media, "offer", life.now());
    assertEquals("PlaceOutside, StartTimer(DIAL)", effects(ready));
    assertEquals("CancelTimer(DIAL), ConnectOutside, Note", effects(life.call.outsideAnswered("sdp", life.now())));
    assertEquals(Stage.BRIDGED, life.call.stage);
    assertEquals("Respond(200), ByeWhenStored", effects(life.call.outsideGone(life.now())), "the outside party hung up: our BYE to the caller");
    assertEquals(Stage.HANGING_UP, life.call.stage);

    CallLife other = CallLife.at(Point.CONNECTED_ACKED);
    other.call.transfer(other.agent, new TransferTarget.Number("3001", null, outside, java.time.Duration.ofSeconds(30)), other.now());
    other.call.outsideMediaReady(media, "offer", other.now());
    Decision busy = other.call.outsideFailed(486, "Busy Here", other.now());
    assertTrue(effects(busy).endsWith("ReleaseOutside, Enqueue(head), Dispatch"), "back to its queue, on music: " + effects(busy));
    assertEquals(Stage.QUEUED, other.call.stage);
  }

  @Test
  void aReferTheIvrRefusesLeavesTheCallWithItsAgent() {
    CallLife life = CallLife.at(Point.CONNECTED_ACKED);
    life.call.transfer(life.agent, TransferTarget.Number.byRefer("3001", "sip:3001@ivr"), life.now());
    Decision refused = life.call.referAnswered(life.segment, 405, "Method Not Allowed", life.now());
    assertEquals("PhoneError(transfer_failed)", effects(refused));
    assertEquals(Stage.CONNECTED, life.call.stage);
    assertEquals("no_trunk", life.call.transfer(life.agent, new TransferTarget.Number("3001", null, null, null), life.now())
        .refusal().orElseThrow().code(), "no trunk to go through");
  }

  @Test
  void aCallOnHoldKeepsItsMusicAndIsNotGivenASecondPlayer() {
    CallLife life = CallLife.at(Point.CONNECTED_ACKED);
    life.call.agentHolds(life.agent, true, life.now());
    life.call.holdDone(life.segment, true, Holder.AGENT, life.now());
    Decision transfer = life.call.transfer(life.agent, new TransferTarget.Queue("support"), life.now());
    assertTrue(!effects(transfer).contains("MusicForCaller"), effects(transfer));
    assertEquals(1, the(Effect.SegmentOver.class, transfer).row().get(Variable.HoldTime));
  }
}
