package org.ccphone.call.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import org.ccphone.call.model.CallLife.Point;
import org.ccphone.media.IceCandidate;
import org.junit.jupiter.api.Test;

/** The frames the phone gets about its calls (docs/phone-protocol.md). */
class CallFramesTest {
  private static JsonObject json(String frame) {
    return Json.createReader(new StringReader(frame)).readObject();
  }

  @Test
  void anOfferCarriesTheCallDataAndItsIceServersOnlyWithItsOwnSdp() {
    Call call = CallLife.at(Point.RINGING).call;
    JsonObject withSdp = json(CallFrames.offer(call, 1001, "v=0", Json.createArrayBuilder().add("turn:x").build(), 20));
    assertEquals("offer", withSdp.getString("type"));
    assertEquals(call.key(), withSdp.getString("call"));
    assertEquals(20, withSdp.getInt("ringSeconds"));
    assertEquals(CallLife.T0.toString(), withSdp.getString("arrivedAt"));
    assertEquals(CallLife.T0.plusSeconds(1).toString(), withSdp.getString("waitingSince"));
    assertEquals("v=0", withSdp.getString("sdp"));
    assertEquals("turn:x", withSdp.getJsonArray("iceServers").getString(0));
    JsonObject data = withSdp.getJsonObject("data");
    assertEquals("5550100", data.getString("ani"));
    assertEquals(1, data.getInt("callType"));
    assertEquals("sales", data.getJsonArray("skills").getString(0));
    assertTrue(data.getBoolean("record"));
    JsonObject standing = json(CallFrames.offer(call, 1001, null, null, 20));
    assertEquals(JsonValue.NULL, standing.get("sdp"));
    assertFalse(standing.containsKey("iceServers"), "the standing leg's peer connection has its servers");
  }

  @Test
  void theOtherFramesSayWhatHappenedToTheCall() {
    Call call = CallLife.at(Point.CONNECTED).call;
    assertEquals("agent", json(CallFrames.rejoined(call, 1001, CallLife.T0, true)).getString("held"));
    assertEquals(JsonValue.NULL, json(CallFrames.rejoined(call, 1001, CallLife.T0, false)).get("held"));
    assertEquals("paused", json(CallFrames.recording(call, true)).getString("state"));
    assertEquals("recording", json(CallFrames.recording(call, false)).getString("state"));
    assertEquals("12#", json(CallFrames.dtmfSent(call, "12#")).getString("digits"));
    assertEquals("5", json(CallFrames.dtmf(call, '5')).getString("digit"));
    assertEquals("caller", json(CallFrames.hold(call, true, "caller")).getString("by"));
    assertEquals("resumed", json(CallFrames.hold(call, false, "agent")).getString("type"));
    IceCandidate candidate = new IceCandidate("candidate:1", "0", 0);
    assertEquals(call.key(), json(CallFrames.ice(call, candidate)).getString("call"));
    assertFalse(json(CallFrames.ice(null, candidate)).containsKey("call"), "the standing leg's candidate");
    assertEquals("v=0", json(CallFrames.mediaOffer("v=0", Json.createArrayBuilder().build())).getString("sdp"));
    assertEquals("mediaReady", json(CallFrames.mediaReady()).getString("type"));
  }

  @Test
  void aCallBackFromARingOutExactlyAtItsMaximumWaitOverflows() {
    CallLife life = CallLife.at(Point.RINGING);
    Decision atLimit = life.call.timerFired(Timer.RING, life.segment, CallLife.T0.plusSeconds(61)); // queued at 1 s, waits 60 s
    assertTrue(CallTransitionsTest.render(atLimit.effects()).endsWith("EndUnanswered(480), Ended"));
    CallLife earlier = CallLife.at(Point.RINGING);
    Decision before = earlier.call.timerFired(Timer.RING, earlier.segment, CallLife.T0.plusSeconds(60));
    assertTrue(CallTransitionsTest.render(before.effects()).endsWith("Enqueue(head), Dispatch"));
  }
}
