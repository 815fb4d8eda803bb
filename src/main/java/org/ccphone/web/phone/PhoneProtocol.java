package org.ccphone.web.phone;

import static org.ccphone.Jsons.JSON;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.websocket.CloseReason;
import java.io.StringReader;
import java.time.Instant;
import org.ccphone.agent.AgentSession;
import org.ccphone.agent.AgentSessions;
import org.ccphone.agent.AgentState;
import org.ccphone.agent.IllegalTransition;
import org.ccphone.agent.PresenceService;
import org.ccphone.agent.ServerStorageException;
import org.ccphone.agent.SessionRegistry;
import org.ccphone.call.model.VoiceQuality;
import org.ccphone.call.phone.PhoneCalls;
import org.ccphone.call.end.WrapUps;
import org.ccphone.call.phone.Transfers;
import org.ccphone.call.phone.Supervising;
import org.ccphone.call.model.MonitorMode;
import org.ccphone.media.IceCandidate;
import org.ccphone.tenant.TenantConfig;
import org.ccphone.tenant.TenantRegistry;

/**
 * Reads a phone's frames and answers each: a frame the server cannot accept gets an {@code error}
 * frame and changes nothing; the socket stays usable. Message types: docs/phone-protocol.md.
 */
@ApplicationScoped
public class PhoneProtocol {
  @Inject AgentSessions agentSessions;
  @Inject SessionRegistry sessions;
  @Inject PresenceService presence;
  @Inject PhoneHub hub;
  @Inject PhoneCalls calls;
  @Inject Transfers transfers;
  @Inject WrapUps wrapUps;
  @Inject Supervising supervising;
  @Inject TenantRegistry tenants;

  void receive(PhoneConnection connection, String text) {
    if (text.isEmpty()) {
      connection.send(PhoneFrames.error("too_large", "frames are limited to " + PhoneConnection.MAX_FRAME + " bytes"));
      return;
    }
    JsonObject frame;
    try (JsonReader reader = JSON.createReader(new StringReader(text))) {
      frame = reader.readObject();
    } catch (JsonException | IllegalStateException e) {
      connection.send(PhoneFrames.error("bad_json", "a frame must be a JSON object with a \"type\""));
      return;
    }
    String type = frame.get("type") instanceof JsonString s ? s.getString() : null;
    if (type == null) {
      connection.send(PhoneFrames.error("bad_json", "a frame must be a JSON object with a \"type\""));
      return;
    }
    AgentSession session = connection.session();
    if (session == null) {
      if ("hello".equals(type)) {
        hello(connection, text(frame, "token"));
      } else {
        connection.send(PhoneFrames.error("hello_first", "the first frame must be {\"type\":\"hello\",\"token\":...}"));
      }
      return;
    }
    if (session.ended()) {
      connection.send(PhoneFrames.error("logged_out", "this session has ended"));
      return;
    }
    try {
      switch (type) {
        case "hello" -> connection.send(PhoneFrames.error("already_hello", "this socket has already said hello"));
        case "ping" -> connection.send("{\"type\":\"pong\"}");
        case "ready" -> presence.request(session, AgentState.READY, null);
        case "busy" -> presence.request(session, AgentState.BUSY, null);
        case "away" -> presence.request(session, AgentState.AWAY, text(frame, "reason"));
        case "logout" -> agentSessions.end(session, Instant.now(), "logged out", null);
        case "agents" -> agents(connection, session);
        case "setAgentState" -> presence.supervise(session, agentId(frame), state(frame), text(frame, "reason"));
        case "logoutAgent" -> presence.logOut(session, agentId(frame));
        case "takeOver" -> takeOver(connection, session);
        case "targets" -> connection.send(PhoneFrames.targets(transfers.agents(session), transfers.queues(session)));
        case "disposition" -> refused(connection, wrapUps.pick(session, required(frame, "call"), text(frame, "code"), text(frame, "notes")));
        case "monitor" -> supervising.start(session, connection, required(frame, "call"), mode(frame));
        case "monitorAnswer" -> supervising.answer(session, connection, required(frame, "call"), required(frame, "sdp"));
        case "monitorIce" -> supervising.candidate(session, connection, required(frame, "call"), candidate(frame));
        case "monitorMode" -> supervising.mode(session, connection, required(frame, "call"), mode(frame));
        case "stopMonitor" -> supervising.stop(session, connection, required(frame, "call"));
        default -> {
          if (!CALL_TYPES.contains(type)) {
            connection.send(PhoneFrames.error("unknown_type", "unknown message type '" + PhoneFrames.prefix(type) + "'"));
          } else if (!hub.isOwner(connection) && "media".equals(type)) {
            takeOver(connection, session); // a tab that asks for the media wants to be the phone (a reload does)
            call(session, type, frame);
          } else if (!hub.isOwner(connection)) {
            connection.send(PhoneFrames.error("not_the_phone",
                "calls ring in another of this agent's tabs; send takeOver to take them here"));
          } else {
            call(session, type, frame);
          }
        }
      }
    } catch (IllegalTransition refused) {
      connection.send(PhoneFrames.error(refused.code(), refused.getMessage()));
    } catch (BadField bad) {
      connection.send(PhoneFrames.error("bad_field", bad.getMessage()));
    } catch (ServerStorageException e) {
      connection.send(PhoneFrames.error("server_storage_unavailable", e.getMessage()));
    }
  }

  /** What only the agent's phone (the tab that rings) may ask. */
  private static final java.util.Set<String> CALL_TYPES = java.util.Set.of("answer", "media", "mediaAnswer", "ice",
      "decline", "hangup", "dial", "cancel", "transfer", "dtmf", "hold", "resume", "pauseRecording", "resumeRecording", "quality",
      "consult", "complete", "conference", "cancelConsult");

  private void call(AgentSession session, String type, JsonObject frame) throws BadField {
    switch (type) {
      case "answer" -> calls.answer(session, required(frame, "call"), text(frame, "sdp"));
      case "media" -> calls.openMedia(session);
      case "mediaAnswer" -> calls.mediaAnswer(session, required(frame, "sdp"));
      case "ice" -> calls.browserCandidate(session, text(frame, "call"), candidate(frame));
      case "decline" -> calls.decline(session, required(frame, "call"));
      case "hangup" -> calls.hangUp(session, required(frame, "call"));
      case "dial" -> calls.dial(session, required(frame, "number"));
      case "cancel" -> calls.cancel(session, required(frame, "call"));
      case "transfer" -> transfers.transfer(session, required(frame, "call"), target(frame));
      case "consult" -> transfers.consult(session, required(frame, "call"), target(frame));
      case "complete" -> calls.completeConsultation(session, required(frame, "call"));
      case "conference" -> calls.conference(session, required(frame, "call"));
      case "cancelConsult" -> calls.cancelConsultation(session, required(frame, "call"));
      case "dtmf" -> calls.dtmf(session, required(frame, "call"), required(frame, "digits"));
      case "hold" -> calls.hold(session, required(frame, "call"), true);
      case "resume" -> calls.hold(session, required(frame, "call"), false);
      case "pauseRecording" -> calls.pauseRecording(session, required(frame, "call"), true);
      case "resumeRecording" -> calls.pauseRecording(session, required(frame, "call"), false);
      case "quality" -> calls.quality(session, required(frame, "call"), quality(frame));
      default -> throw new IllegalStateException(type);
    }
  }

  /** A refusal ({code, message}) as the protocol's error frame; null: none. */
  private static void refused(PhoneConnection connection, String[] refusal) {
    if (refusal != null) {
      connection.send(PhoneFrames.error(refusal[0], refusal[1]));
    }
  }

  /** This tab takes the phone over: the agent's calls hear of it. */
  private void takeOver(PhoneConnection connection, AgentSession session) {
    if (hub.takeOver(connection)) {
      calls.phoneMoved(session);
    }
  }

  void closed(PhoneConnection connection) {
    if (connection == null) {
      return;
    }
    supervising.pageClosed(connection); // the calls it listened to go on without it
    boolean movedOn = hub.detach(connection);
    AgentSession session = connection.session();
    if (movedOn) {
      calls.phoneMoved(session); // another tab is the phone now
    }
    if (session != null && !session.ended()) {
      presence.disconnected(session);
    }
  }

  private void hello(PhoneConnection connection, String token) {
    AgentSession session = token == null ? null : agentSessions.current(token).orElse(null);
    if (session == null) {
      connection.send(PhoneFrames.error("bad_token", "missing, unknown or expired token"));
      connection.closeAfterWriting(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "bad token"));
      return;
    }
    connection.authenticated(session);
    boolean phone = hub.attach(connection, session);
    presence.connected(session);
    String screenPop = tenants.find(session.appId()).map(t -> t.config() == null ? null : t.config().screenPop())
        .orElse(TenantConfig.ScreenPop.TAB).wire();
    connection.send(PhoneFrames.welcome(session, presence.awayReasons(session.appId()), presence.wrapUpSeconds(session.appId()),
        screenPop, phone));
    if (session.agent().supervisor()) {
      sendAgents(connection, session);
    }
  }

  private void agents(PhoneConnection connection, AgentSession session) throws IllegalTransition {
    if (!session.agent().supervisor()) {
      throw new IllegalTransition("forbidden", "only supervisors see the other agents");
    }
    sendAgents(connection, session);
  }

  private void sendAgents(PhoneConnection connection, AgentSession session) {
    connection.send(PhoneFrames.agents(sessions.ofTenant(session.appId()), Instant.now()));
  }

  private static String text(JsonObject frame, String field) {
    JsonValue value = frame.get(field);
    return value instanceof JsonString s ? s.getString() : null;
  }

  /** An RTCIceCandidateInit: {@code candidate}, {@code sdpMid} (may be null), {@code sdpMLineIndex}. */
  private static IceCandidate candidate(JsonObject frame) throws BadField {
    String candidate = required(frame, "candidate");
    JsonValue index = frame.get("sdpMLineIndex");
    if (!(index instanceof JsonNumber n) || !n.isIntegral() || n.intValue() < 0) {
      throw new BadField("sdpMLineIndex must be a whole number, 0 or more");
    }
    return new IceCandidate(candidate, text(frame, "sdpMid"), n.intValue());
  }

  /** {@code rttMs}, {@code jitterMs}, {@code lossPercent}, {@code mos}: numbers in their ranges. */
  private static VoiceQuality quality(JsonObject frame) throws BadField {
    try {
      return VoiceQuality.of(number(frame, "rttMs"), number(frame, "jitterMs"),
          number(frame, "lossPercent"), number(frame, "mos"), Instant.now());
    } catch (IllegalArgumentException e) {
      throw new BadField(e.getMessage());
    }
  }

  private static double number(JsonObject frame, String field) throws BadField {
    if (frame.get(field) instanceof JsonNumber n) {
      return n.doubleValue();
    }
    throw new BadField(field + " must be a number");
  }

  /** A transfer's {@code to}: exactly one of {@code queue} (a skill), {@code agent} (an AgentId) or {@code number}. */
  private static Transfers.Named target(JsonObject frame) throws BadField {
    if (!(frame.get("to") instanceof JsonObject to) || to.size() != 1) {
      throw new BadField("to must be one of {\"queue\":...}, {\"agent\":...} or {\"number\":...}");
    }
    if (to.containsKey("queue")) {
      return new Transfers.Named(required(to, "queue"), null, null);
    }
    if (to.containsKey("agent")) {
      if (to.get("agent") instanceof JsonNumber n && n.isIntegral()) {
        return new Transfers.Named(null, n.intValue(), null);
      }
      throw new BadField("to.agent must be an AgentId");
    }
    String number = required(to, "number");
    if (!number.matches("\\+?[0-9*#]{1,32}")) {
      throw new BadField("to.number is 1 to 32 digits, with + * # allowed");
    }
    return new Transfers.Named(null, null, number);
  }

  /** A supervisor's {@code mode}: listen, whisper or barge. */
  private static MonitorMode mode(JsonObject frame) throws BadField {
    return MonitorMode.of(text(frame, "mode")).orElseThrow(() -> new BadField("mode must be listen, whisper or barge"));
  }

  private static String required(JsonObject frame, String field) throws BadField {
    String value = text(frame, field);
    if (value == null || value.isBlank()) {
      throw new BadField(field + " is required");
    }
    return value;
  }

  private static int agentId(JsonObject frame) throws BadField {
    if (frame.get("agentId") instanceof JsonNumber n && n.isIntegral()) {
      return n.intValue();
    }
    throw new BadField("agentId must be a number");
  }

  private static AgentState state(JsonObject frame) throws BadField {
    try {
      return AgentState.valueOf(String.valueOf(text(frame, "state")));
    } catch (IllegalArgumentException e) {
      throw new BadField("state must be READY, BUSY or AWAY");
    }
  }

  private static final class BadField extends Exception {
    BadField(String message) {
      super(message);
    }
  }
}
