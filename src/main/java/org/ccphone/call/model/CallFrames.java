package org.ccphone.call.model;

import static org.ccphone.Jsons.JSON;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.Instant;
import org.ccphone.agent.AgentSession;
import org.ccphone.media.IceCandidate;

/** The frames the phone gets about calls (docs/phone-protocol.md). */
public final class CallFrames {
  private CallFrames() {}

  /** A call rings at the agent: its data, the resolved screen-pop Url and the media offer. */
  public static String offer(Call call, int agentId, String sdp, JsonArray iceServers, int ringSeconds) {
    return offerFrame(call, agentId, sdp, iceServers, ringSeconds).build().toString();
  }

  private static JsonObjectBuilder offerFrame(Call call, int agentId, String sdp, JsonArray iceServers, int ringSeconds) {
    JsonObjectBuilder frame = JSON.createObjectBuilder()
        .add("type", "offer")
        .add("call", call.key())
        .add("ringSeconds", ringSeconds)
        .add("arrivedAt", call.startedAt().toString())
        .add("waitingSince", call.queuedAt() == null ? call.startedAt().toString() : call.queuedAt().toString())
        .add("data", data(call, agentId))
        .add("sdp", nullable(sdp));
    if (sdp != null) {
      frame.add("iceServers", iceServers); // a leg for this call only: its peer connection is made now
    }
    return frame;
  }

  /** A consultation rings at the consulted agent: an offer with the call's data, its own sdp, and who consults. */
  public static String consultOffer(Call call, int agentId, String sdp, JsonArray iceServers, int ringSeconds,
      AgentSession from) {
    return offerFrame(call, agentId, sdp, iceServers, ringSeconds).add("consult", agent(from)).build().toString();
  }

  /**
   * How a consultation goes, to each of its two agents: {@code state} ringing, talking, conference,
   * caller_gone, joined (the consulted agent has the caller now) or ended (with its {@code reason});
   * {@code with} is the other agent.
   */
  public static String consultation(Call call, String state, AgentSession with, String reason) {
    return JSON.createObjectBuilder().add("type", "consultation").add("call", call.key()).add("state", state)
        .add("with", agent(with)).add("reason", nullable(reason)).build().toString();
  }

  /** As above, about an outside number the agent consults: {@code with} is {@code {"number":"3001"}}. */
  public static String consultation(Call call, String state, String number, String reason) {
    return JSON.createObjectBuilder().add("type", "consultation").add("call", call.key()).add("state", state)
        .add("with", JSON.createObjectBuilder().add("number", number)).add("reason", nullable(reason)).build().toString();
  }

  private static JsonObjectBuilder agent(AgentSession session) {
    return JSON.createObjectBuilder().add("agentId", session.agent().agentId()).add("username", session.agent().username());
  }

  /**
   * The agent's phone is back in its connected call (reloaded, or its network came back): the call's
   * data as in its offer, when it was connected, and whether the agent holds it.
   */
  public static String rejoined(Call call, int agentId, Instant connectedAt, boolean agentHolds) {
    return JSON.createObjectBuilder()
        .add("type", "rejoined")
        .add("call", call.key())
        .add("data", data(call, agentId))
        .add("connectedAt", connectedAt.toString())
        .add("held", agentHolds ? JSON.createValue("agent") : JsonValue.NULL)
        .build().toString();
  }

  private static JsonObjectBuilder data(Call call, int agentId) {
    CallData d = call.data();
    JsonArrayBuilder skills = JSON.createArrayBuilder();
    d.skills().forEach(skills::add);
    JsonObjectBuilder data = JSON.createObjectBuilder()
        .add("dnis", nullable(d.dnis()))
        .add("ani", nullable(d.ani()))
        .add("callerIdName", nullable(d.callerIdName()))
        .add("callId", nullable(d.callId()))
        .add("callType", call.callType())
        .add("url", nullable(ScreenPop.resolve(d.url(), d, agentId)))
        .add("transfer", nullable(d.transfer()))
        .add("record", d.record())
        .add("skills", skills)
        .add("customData", nullable(d.customData()));
    return data;
  }

  /** The agent's outbound call is taken: its key (to cancel it with) and the number dialed. */
  public static String dialing(Call call) {
    return JSON.createObjectBuilder().add("type", "dialing").add("call", call.key())
        .add("number", nullable(call.data().dnis())).build().toString();
  }

  /** How the agent's outbound call goes: trying, ringing or early_media; with its data once Call Start answered. */
  public static String dialProgress(Call call, String progress) {
    return JSON.createObjectBuilder().add("type", "dialProgress").add("call", call.key()).add("progress", progress)
        .add("data", data(call, call.dialer().agent().agentId())).build().toString();
  }

  /**
   * The agent's outbound call did not connect: {@code reason} is busy, no_answer, refused,
   * no_such_number, cancelled, media_failed, logged_out or failed; {@code status} the SIP status
   * (0 when none came); {@code words} what to show.
   */
  public static String dialFailed(Call call, String reason, int status, String words) {
    return JSON.createObjectBuilder().add("type", "dialFailed").add("call", call.key()).add("reason", reason)
        .add("status", status).add("message", words).build().toString();
  }

  /**
   * The phone's standing leg went with a call the agent handed off (a transfer, or a call that moved
   * after the phone was lost): the page closes its end and asks for a new leg with {@code media}.
   */
  public static String mediaClosed() {
    return JSON.createObjectBuilder().add("type", "mediaClosed").build().toString();
  }

  /** The agent's answer was taken: the call is connected. */
  public static String connected(Call call) {
    return JSON.createObjectBuilder().add("type", "connected").add("call", call.key()).build().toString();
  }

  /** An offer is over before it was answered: rang_out, declined, caller_hung_up or failed. */
  public static String offerWithdrawn(Call call, String reason) {
    return JSON.createObjectBuilder().add("type", "offerWithdrawn").add("call", call.key())
        .add("reason", reason).build().toString();
  }

  /** A connected call ended: caller_hung_up, agent_hung_up or logged_out. */
  public static String callEnded(Call call, String reason) {
    return JSON.createObjectBuilder().add("type", "callEnded").add("call", call.key())
        .add("reason", reason).build().toString();
  }

  /** The call is on hold now ({@code held}, by the agent or the caller), or not any more ({@code resumed}). */
  public static String hold(Call call, boolean on, String by) {
    return JSON.createObjectBuilder().add("type", on ? "held" : "resumed").add("call", call.key()).add("by", by)
        .build().toString();
  }

  /** A keypad digit the caller pressed (SIP INFO). */
  public static String dtmf(Call call, char digit) {
    return JSON.createObjectBuilder().add("type", "dtmf").add("call", call.key()).add("digit", String.valueOf(digit))
        .build().toString();
  }

  /** The agent's digits reached the caller (each INFO answered 2xx). */
  public static String dtmfSent(Call call, String digits) {
    return JSON.createObjectBuilder().add("type", "dtmfSent").add("call", call.key()).add("digits", digits)
        .build().toString();
  }

  /** The call's recording is paused by the agent, or recording again. */
  public static String recording(Call call, boolean paused) {
    return JSON.createObjectBuilder().add("type", "recording").add("call", call.key())
        .add("state", paused ? "paused" : "recording").build().toString();
  }

  /** One of the media plane's ICE candidates for the call's WebRTC leg (trickle ICE). */
  public static String ice(Call call, IceCandidate candidate) {
    JsonObjectBuilder frame = JSON.createObjectBuilder().add("type", "ice");
    if (call != null) {
      frame.add("call", call.key()); // a leg opened for this offer; none: the agent's standing leg
    }
    return frame.add("candidate", candidate.candidate()).add("sdpMid", nullable(candidate.sdpMid()))
        .add("sdpMLineIndex", candidate.sdpMLineIndex()).build().toString();
  }

  /**
   * The agent's standing media leg: the session description its browser answers with mediaAnswer,
   * and the ICE servers (the TURN relay, with credentials of this phone's) its peer connection uses.
   */
  public static String mediaOffer(String sdp, JsonArray iceServers) {
    return JSON.createObjectBuilder().add("type", "mediaOffer").add("sdp", sdp).add("iceServers", iceServers).build().toString();
  }

  /** The agent's standing leg took the browser's answer: calls now attach to it. */
  public static String mediaReady() {
    return JSON.createObjectBuilder().add("type", "mediaReady").build().toString();
  }

  private static JsonValue nullable(String value) {
    return value == null ? JsonValue.NULL : JSON.createValue(value);
  }
}
