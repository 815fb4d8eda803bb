package org.ccphone.call.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.ccphone.agent.AgentState;
import org.ccphone.call.model.CallLife.Point;
import org.ccphone.tenant.Variable;
import org.junit.jupiter.api.Test;

/** An agent's outbound call (CallType 2) from its dial to its end, told by its events. */
class DialingTest {

  private static String effects(Decision decision) {
    return CallTransitionsTest.render(decision.effects());
  }

  private static <T extends Effect> T the(Class<T> kind, Decision decision) {
    return decision.effects().stream().filter(kind::isInstance).map(kind::cast).findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind.getSimpleName() + " in " + decision));
  }

  private static JsonObject frame(Decision decision, String type) {
    return decision.effects().stream().filter(Effect.Tell.class::isInstance).map(Effect.Tell.class::cast)
        .map(t -> Json.createReader(new StringReader(t.frame())).readObject())
        .filter(f -> type.equals(f.getString("type"))).findFirst()
        .orElseThrow(() -> new AssertionError("no " + type + " frame in " + decision));
  }

  @Test
  void anAnsweredCallIsTheAgentsOnTheSecondItConnectsAndItsRowSaysOutbound() {
    CallLife life = CallLife.at(Point.DIALING);
    Decision ringing = life.call.dialProgress(180, null, life.now());
    assertEquals("ringing", frame(ringing, "dialProgress").getString("progress"));
    Decision answered = life.call.dialAnswered("callee-sdp", life.now());
    assertTrue(effects(answered).contains("TakeCallerAnswer"), "the callee's answer reaches the media: " + effects(answered));
    assertTrue(effects(answered).contains("Tell(connected)"), effects(answered));
    assertEquals(Stage.CONNECTED, life.call.stage);
    Decision hangUp = life.call.agentHangsUp(life.agent, life.now());
    assertTrue(effects(hangUp).endsWith("ByeWhenStored"), "the dialog is ours and confirmed: BYE at once: " + effects(hangUp));
    Map<Variable, Object> row = the(Effect.SegmentOver.class, hangUp).row();
    assertEquals(CallData.OUTBOUND, row.get(Variable.CallType));
    assertEquals(1001, row.get(Variable.AgentId));
    assertEquals(1, row.get(Variable.Segment));
    assertEquals(1, row.get(Variable.TalkTime), "connected one second before the hang-up");
    assertEquals("2001", row.get(Variable.Dnis));
  }

  @Test
  void busyTakesTheAgentBackToWhereItDialedFromAndWritesARowWithoutTalk() {
    CallLife life = CallLife.at(Point.DIALING);
    Decision busy = life.call.dialFailed(486, "Busy Here", life.now());
    JsonObject failed = frame(busy, "dialFailed");
    assertEquals("busy", failed.getString("reason"));
    assertEquals(486, failed.getInt("status"));
    assertEquals(AgentState.BUSY, the(Effect.DialOver.class, busy).before().state(), "it dialed from BUSY");
    Map<Variable, Object> row = the(Effect.SegmentOver.class, busy).row();
    assertEquals(CallData.OUTBOUND, row.get(Variable.CallType));
    assertEquals(0, row.get(Variable.TalkTime));
    assertEquals(null, row.get(Variable.ConnectDateTime));
    assertTrue(effects(busy).endsWith("Closed"), effects(busy));
    assertEquals(Stage.ENDED, life.call.stage);
  }

  @Test
  void noAnswerWithinTheDialTimeCancelsAndAnAnswerThatCrossedTheCancelIsHungUp() {
    CallLife life = CallLife.at(Point.DIALING);
    Decision rangOut = life.call.timerFired(Timer.DIAL, life.segment, life.now());
    assertTrue(effects(rangOut).startsWith("CancelDial"), effects(rangOut));
    assertEquals("no_answer", frame(rangOut, "dialFailed").getString("reason"));
    assertEquals("Bye", effects(life.call.dialAnswered("late", life.now())));
    assertEquals("-", effects(life.call.dialFailed(487, "Request Terminated", life.now())), "the CANCEL's 487 changes nothing");
  }

  @Test
  void theAgentCancelsWhileCallStartRunsAndNothingIsPlacedAfter() {
    CallLife life = CallLife.at(Point.DIAL_STARTED);
    Decision cancelled = life.call.dialCancelled(life.agent, life.now());
    assertTrue(!effects(cancelled).contains("CancelDial"), "no INVITE went yet: " + effects(cancelled));
    assertEquals("cancelled", frame(cancelled, "dialFailed").getString("reason"));
    assertEquals("-", effects(life.call.dialStartDone(life.call.data(), CallLife.RULES, Duration.ofSeconds(30),
        Optional.of(life.standing), life.now())), "Call Start answered after the cancel");
    assertEquals("no_such_call", life.call.dialCancelled(life.agent, life.now()).refusal().orElseThrow().code());
  }

  @Test
  void earlyMediaTakesTheCalleesSessionOnceAndTheAnswerDoesNotTakeItAgain() {
    CallLife life = CallLife.at(Point.DIALING);
    Decision early = life.call.dialProgress(183, "early-sdp", life.now());
    assertEquals("early_media", frame(early, "dialProgress").getString("progress"));
    assertTrue(effects(early).contains("TakeCallerAnswer"));
    assertTrue(!effects(life.call.dialAnswered("early-sdp", life.now())).contains("TakeCallerAnswer"));
  }
}
