package org.ccphone.call.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import org.ccphone.call.model.CallLife.Point;
import org.junit.jupiter.api.Test;

/** The supervisors' view of a tenant's calls: who waits (in the queue or ringing), who talks. */
class CallsViewTest {

  @Test
  void callersWaitingLongestFirstAndTalksWithTheirAgentHoldAndQuality() {
    CallLife queued = CallLife.at(Point.QUEUED);
    CallLife ringing = CallLife.at(Point.RINGING);
    CallLife talking = CallLife.at(Point.CONNECTED_ACKED);
    CallLife answering = CallLife.at(Point.ANSWERING);
    talking.call.quality(talking.agent, VoiceQuality.of(20, 3, 0, 4.3, CallLife.T0.plusSeconds(9)));
    talking.call.agentHolds(talking.agent, true, CallLife.T0.plusSeconds(9));
    talking.call.holdDone(talking.segment, true, Holder.AGENT, CallLife.T0.plusSeconds(9));
    CallsView view = CallsView.of(List.of(queued.call), List.of(ringing.call, talking.call, answering.call),
        CallLife.T0.plusSeconds(31));

    List<JsonObject> waiting = view.json().getJsonArray("waiting").getValuesAs(JsonObject.class);
    assertEquals(3, waiting.size(), "the queued, the ringing and the one being answered");
    assertEquals(queued.call.key(), waiting.get(0).getString("call"));
    assertEquals(30, waiting.get(0).getInt("waitSeconds"), "queued at 1 s");
    assertEquals(JsonValue.NULL, waiting.get(0).get("ringingAt"));
    assertEquals(1001, waiting.get(1).getInt("ringingAt"));
    assertEquals("sales", waiting.get(1).getString("queue"));
    assertEquals("5550100", waiting.get(1).getString("ani"));
    assertEquals("Caller", waiting.get(1).getString("callerIdName"));
    assertEquals("8005551000", waiting.get(1).getString("dnis"));

    List<JsonObject> talks = view.json().getJsonArray("connected").getValuesAs(JsonObject.class);
    assertEquals(1, talks.size());
    JsonObject talk = talks.get(0);
    assertEquals(1001, talk.getInt("agentId"));
    assertEquals(CallLife.T0.plusSeconds(6).toString(), talk.getString("connectedAt"));
    assertEquals(25, talk.getInt("talkSeconds"));
    assertTrue(talk.getBoolean("onHold"));
    assertEquals(20, talk.getJsonObject("quality").getInt("rttMs"));
    assertEquals(CallLife.T0.plusSeconds(31).toString(), view.json().getString("at"));
    assertEquals(CallLife.T0.plusSeconds(31), view.at());
  }

  @Test
  void supervisorsSeeOutboundCallsBeingDialedAndTransferredCallsWithWhoSentThem() {
    CallLife dialing = CallLife.at(CallLife.Point.DIALING);
    CallLife transferred = CallLife.at(CallLife.Point.CONNECTED_ACKED);
    transferred.call.transfer(transferred.agent, new TransferTarget.Queue("support"), CallLife.T0.plusSeconds(20));
    JsonObject view = CallsView.of(List.of(transferred.call), List.of(dialing.call), CallLife.T0.plusSeconds(30)).json();
    JsonObject dialed = view.getJsonArray("dialing").getJsonObject(0);
    assertEquals("2001", dialed.getString("dnis"));
    assertEquals(2, dialed.getInt("callType"));
    assertEquals(1001, dialed.getInt("agentId"));
    assertEquals(30, dialed.getInt("dialSeconds"));
    JsonObject waiting = view.getJsonArray("waiting").getJsonObject(0);
    assertEquals(1001, waiting.getInt("transferredBy"));
    assertEquals("support", waiting.getString("queue"));
    assertEquals(1, waiting.getInt("callType"));
  }

  @Test
  void aCallerWithNoNameShowsNull() {
    CallLife life = new CallLife(false);
    CallData data = new CallData("8005551000", null, null, null, null, "c-3", null, List.of(), false, null);
    life.call.callStartDone(data, CallLife.RULES, true, CallLife.T0);
    JsonObject waiting = CallsView.of(List.of(life.call), List.of(), CallLife.T0).json().getJsonArray("waiting").getJsonObject(0);
    assertEquals(JsonValue.NULL, waiting.get("ani"));
    assertEquals(JsonValue.NULL, waiting.get("callerIdName"));
  }
}
