package org.ccphone.call.model;

import static org.ccphone.Jsons.JSON;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.ccphone.agent.AgentSession;
import org.ccphone.figures.DailyFigures;

/**
 * A tenant's calls at one instant, as its supervisors see them (docs/api.md, {@code GET
 * /api/apps/{appId}/calls}): the callers waiting, longest first, and the calls agents are on.
 * Made on the routing thread, which owns the calls; read anywhere.
 */
public record CallsView(Instant at, JsonObject json) {
  /**
   * @param queued the tenant's calls in its queue
   * @param withAgents the tenant's calls at an agent (ringing, being answered or connected)
   */
  public static CallsView of(List<Call> queued, List<Call> withAgents, Instant now) {
    List<Call> waiting = new ArrayList<>(queued);
    withAgents.stream().filter(c -> c.stage == Stage.RINGING || c.stage == Stage.ANSWERING).forEach(waiting::add);
    List<Call> connected = withAgents.stream().filter(c -> c.stage == Stage.CONNECTED || c.stage == Stage.AGENTS_ONLY).distinct().toList();
    List<Call> dialing = withAgents.stream()
        .filter(c -> c.dialer() != null && (c.stage == Stage.ARRIVED || c.stage == Stage.DIALING)).toList();
    JsonArrayBuilder waits = JSON.createArrayBuilder();
    waiting.stream().sorted(Comparator.comparing(Call::queuedAt)).forEach(call -> {
      JsonObjectBuilder json = common(call)
          .add("waitingSince", call.queuedAt().toString())
          .add("waitSeconds", Duration.between(call.queuedAt(), now).toSeconds());
      if (call.agent() != null) {
        json.add("ringingAt", call.agent().agent().agentId());
      } else {
        json.addNull("ringingAt");
      }
      agentOrNull(json, "transferredBy", call.transferredBy);
      waits.add(json);
    });
    JsonArrayBuilder talks = JSON.createArrayBuilder();
    connected.forEach(call -> {
      AgentSegment segment = call.segment;
      JsonObjectBuilder consultation = null;
      if (call.consulting.active()) {
        consultation = call.consulting.onNumber() ? JSON.createObjectBuilder().add("number", call.consulting.targetNumber())
            : JSON.createObjectBuilder().add("agentId", call.consulting.targetAgent().agent().agentId());
        consultation.add("state", call.consulting.state());
      }
      talks.add(common(call)
          .add("consultation", consultation == null ? JsonValue.NULL : consultation.build())
          .add("agentId", segment.agent().agent().agentId())
          .add("connectedAt", segment.connectedAt().toString())
          .add("talkSeconds", Duration.between(segment.connectedAt(), now).toSeconds())
          .add("onHold", segment.onHold())
          .add("segment", segment.talkNumber())
          .add("quality", segment.quality() == null ? JsonValue.NULL : segment.quality().json()));
    });
    JsonArrayBuilder dials = JSON.createArrayBuilder();
    dialing.forEach(call -> dials.add(common(call)
        .add("agentId", call.dialer().agent().agentId())
        .add("since", call.startedAt().toString())
        .add("dialSeconds", Duration.between(call.startedAt(), now).toSeconds())));
    return new CallsView(now, JSON.createObjectBuilder().add("at", now.toString())
        .add("waiting", waits).add("connected", talks).add("dialing", dials).build());
  }

  private static JsonObjectBuilder common(Call call) {
    CallData d = call.data();
    return JSON.createObjectBuilder()
        .add("call", call.key())
        .add("queue", DailyFigures.queueOf(d.skills()))
        .add("ani", text(d.ani()))
        .add("callerIdName", text(d.callerIdName()))
        .add("dnis", text(d.dnis()))
        .add("callType", call.callType());
  }

  private static void agentOrNull(JsonObjectBuilder json, String name, AgentSession agent) {
    if (agent == null) {
      json.addNull(name);
    } else {
      json.add(name, agent.agent().agentId());
    }
  }

  private static JsonValue text(String value) {
    return value == null ? JsonValue.NULL : JSON.createValue(value);
  }
}
