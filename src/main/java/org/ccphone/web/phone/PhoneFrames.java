package org.ccphone.web.phone;

import static org.ccphone.Jsons.JSON;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.ccphone.agent.AgentSession;
import org.ccphone.agent.Presence;
import org.ccphone.agent.TimeBucket;

/** The frames the server sends to phones (see docs/phone-protocol.md). */
public final class PhoneFrames {
  static final int PROTOCOL = 1;

  private PhoneFrames() {}

  /** An error frame; its message never carries more than a short part of what the phone sent. */
  static String error(String code, String message) {
    String said = message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE) + "…";
    return JSON.createObjectBuilder().add("type", "error").add("code", code).add("message", said).build().toString();
  }

  /** The start of something the phone sent, to name it in an error without echoing it back. */
  static String prefix(String sent) {
    return sent.length() <= MAX_ECHO ? sent : sent.substring(0, MAX_ECHO) + "…";
  }

  private static final int MAX_ECHO = 32;
  private static final int MAX_MESSAGE = 300;

  static String welcome(AgentSession session, List<String> awayReasons, int wrapUpSeconds, String screenPop, boolean phone) {
    Instant now = Instant.now();
    return JSON.createObjectBuilder()
        .add("type", "welcome")
        .add("protocol", PROTOCOL)
        .add("agent", SessionJson.agent(session.agent()))
        .add("expiresAt", session.expiresAt().toString())
        .add("state", presence(session, session.presence()))
        .add("awayReasons", JSON.createArrayBuilder(awayReasons))
        .add("wrapUpSeconds", wrapUpSeconds)
        .add("phone", phone)
        .add("screenPop", screenPop)
        .add("loginAt", session.loginAt().toString())
        .add("secondsInState", Math.max(0, Duration.between(session.presence().since(), now).toSeconds()))
        .add("ledger", ledger(session, now))
        .build().toString();
  }

  /** This connection is now the agent's phone (calls ring here), or no longer is (another tab took it). */
  static String phone(boolean owner) {
    return "{\"type\":\"phone\",\"phone\":" + owner + "}";
  }

  static String state(AgentSession session, Presence presence) {
    return JSON.createObjectBuilder(presence(session, presence)).add("type", "state").build().toString();
  }

  static String loggedOut(AgentSession session, String why, String by) {
    JsonObjectBuilder json = JSON.createObjectBuilder().add("type", "loggedOut")
        .add("agentId", session.agent().agentId()).add("username", session.agent().username()).add("reason", why);
    return (by == null ? json.addNull("by") : json.add("by", by)).build().toString();
  }

  /** Where an agent may transfer its call: the tenant's other logged-in agents with their states, and its queues. */
  static String targets(List<AgentSession> agents, List<String> queues) {
    var list = JSON.createArrayBuilder();
    agents.forEach(s -> list.add(presence(s, s.presence())));
    var names = JSON.createArrayBuilder();
    queues.forEach(names::add);
    return JSON.createObjectBuilder().add("type", "targets").add("agents", list).add("queues", names).build().toString();
  }

  static String agents(List<AgentSession> sessions, Instant now) {
    var list = JSON.createArrayBuilder();
    sessions.forEach(s -> list.add(snapshot(s, now)));
    return JSON.createObjectBuilder().add("type", "agents").add("agents", list).build().toString();
  }

  /** An agent as a supervisor sees it: state, seconds in it, and the session's ledger so far. */
  public static JsonObject snapshot(AgentSession session, Instant now) {
    Presence p = session.presence();
    return JSON.createObjectBuilder(presence(session, p))
        .add("extension", session.agent().extension() == null ? "" : session.agent().extension())
        .add("connected", session.hasConnection())
        .add("loginAt", session.loginAt().toString())
        .add("secondsInState", Math.max(0, Duration.between(p.since(), now).toSeconds()))
        .add("ledger", ledger(session, now))
        .build();
  }

  /** The session's seconds in each bucket up to {@code now}, named as in AgentStats. */
  private static JsonObjectBuilder ledger(AgentSession session, Instant now) {
    Map<TimeBucket, Integer> ledger = session.ledger().seconds(now);
    return JSON.createObjectBuilder()
        .add("ReadyTime", ledger.get(TimeBucket.READY))
        .add("AwayTime", ledger.get(TimeBucket.AWAY))
        .add("BusyTime", ledger.get(TimeBucket.BUSY))
        .add("OnPhoneTime", ledger.get(TimeBucket.ON_PHONE));
  }

  private static JsonObject presence(AgentSession session, Presence p) {
    JsonObjectBuilder json = JSON.createObjectBuilder()
        .add("agentId", session.agent().agentId())
        .add("username", session.agent().username())
        .add("state", p.state().name())
        .add("since", p.since().toString());
    json = p.reason() == null ? json.addNull("reason") : json.add("reason", p.reason());
    json = p.by() == null ? json.addNull("by") : json.add("by", p.by());
    return json.build();
  }
}
