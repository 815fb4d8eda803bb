package org.ccphone.call.model;

import static org.ccphone.Jsons.JSON;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import org.ccphone.media.IceCandidate;

/** The frames of supervisors in calls: to the supervisor's page, and to the agent's phone (docs/phone-protocol.md). */
public final class MonitorFrames {
  private MonitorFrames() {}

  /** The endpoint's offer for the supervisor's browser to answer, with the call's agent and the relay to use. */
  public static String offer(Call call, Monitor monitor, String sdp, JsonArray iceServers) {
    return JSON.createObjectBuilder().add("type", "monitorOffer").add("call", call.key())
        .add("agentId", monitor.agent().agent().agentId()).add("mode", monitor.mode().wire())
        .add("sdp", sdp).add("iceServers", iceServers).build().toString();
  }

  /** The supervisor is in the call in this mode (at the start, and after each change). */
  static String monitoring(Call call, Monitor monitor) {
    return JSON.createObjectBuilder().add("type", "monitoring").add("call", call.key())
        .add("agentId", monitor.agent().agent().agentId()).add("mode", monitor.mode().wire()).build().toString();
  }

  /** The supervisor is out of the call: left, page_closed, held, consultation, transferred, phone_lost, ended, media_failed. */
  static String ended(Call call, String reason) {
    return JSON.createObjectBuilder().add("type", "monitorEnded").add("call", call.key()).add("reason", reason).build().toString();
  }

  static String ice(Call call, IceCandidate candidate) {
    return JSON.createObjectBuilder().add("type", "monitorIce").add("call", call.key())
        .add("candidate", candidate.candidate())
        .add("sdpMid", candidate.sdpMid() == null ? jakarta.json.JsonValue.NULL : JSON.createValue(candidate.sdpMid()))
        .add("sdpMLineIndex", candidate.sdpMLineIndex()).build().toString();
  }

  /**
   * To the agent: who coaches it (whisper) or joined its call (barge) now; empty when none does.
   * Supervisors who only listen are not named.
   */
  static String supervision(Call call, java.util.List<Monitor> heard) {
    JsonArrayBuilder supervisors = JSON.createArrayBuilder();
    for (Monitor monitor : heard) {
      supervisors.add(JSON.createObjectBuilder().add("agentId", monitor.supervisor().agent().agentId())
          .add("username", monitor.supervisor().agent().username())
          .add("name", monitor.supervisor().agent().callerIdName() == null ? monitor.supervisor().agent().username()
              : monitor.supervisor().agent().callerIdName())
          .add("mode", monitor.mode().wire()));
    }
    return JSON.createObjectBuilder().add("type", "supervision").add("call", call.key()).add("supervisors", supervisors)
        .build().toString();
  }
}
