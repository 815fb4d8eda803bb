package org.ccphone.web.phone;

import static org.ccphone.Jsons.JSON;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.ccphone.agent.AgentProfile;
import org.ccphone.agent.AgentSession;

/** A session as the phone sees it (see docs/api.md). */
public final class SessionJson {
  private SessionJson() {}

  public static JsonObject of(AgentSession session) {
    return JSON.createObjectBuilder()
        .add("token", session.token())
        .add("appId", session.appId())
        .add("loginAt", session.loginAt().toString())
        .add("expiresAt", session.expiresAt().toString())
        .add("agent", agent(session.agent()))
        .build();
  }

  public static JsonObject agent(AgentProfile agent) {
    JsonObjectBuilder json = JSON.createObjectBuilder()
        .add("agentId", agent.agentId())
        .add("username", agent.username())
        .add("skills", JSON.createArrayBuilder(agent.skills()))
        .add("userLevel", agent.userLevel());
    addText(json, "callerId", agent.callerId());
    addText(json, "callerIdName", agent.callerIdName());
    addText(json, "extension", agent.extension());
    return json.build();
  }

  private static void addText(JsonObjectBuilder json, String name, String value) {
    if (value == null) {
      json.addNull(name);
    } else {
      json.add(name, value);
    }
  }
}
