package org.ccphone.web;

import static org.ccphone.Jsons.JSON;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import java.io.StringReader;
import java.time.Instant;
import org.ccphone.agent.AgentSession;
import org.ccphone.agent.AgentSessions;
import org.ccphone.agent.AgentState;
import org.ccphone.agent.IllegalTransition;
import org.ccphone.agent.PresenceService;
import org.ccphone.agent.SessionRegistry;
import org.ccphone.web.phone.PhoneFrames;

/** What a supervisor (userLevel 2) sees and does, for the agents of their own tenant only. */
@Path("apps/{appId}/agents")
@ApplicationScoped
public class AgentsResource {
  @Inject AgentSessions agentSessions;
  @Inject SessionRegistry sessions;
  @Inject PresenceService presence;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public String agents(@PathParam("appId") String appId, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    supervisor(appId, authorization);
    Instant now = Instant.now();
    JsonArrayBuilder list = JSON.createArrayBuilder();
    sessions.ofTenant(appId).forEach(s -> list.add(PhoneFrames.snapshot(s, now)));
    return JSON.createObjectBuilder().add("appId", appId).add("at", now.toString()).add("agents", list).build().toString();
  }

  /** Body {"state": "AWAY", "reason": "Meeting"} (or READY, BUSY). */
  @POST
  @Path("{agentId}/state")
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  public String setState(@PathParam("appId") String appId, @PathParam("agentId") int agentId,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, String body) {
    AgentSession supervisor = supervisor(appId, authorization);
    JsonObject json;
    AgentState state;
    try {
      json = JSON.createReader(new StringReader(body == null ? "" : body)).readObject();
      state = AgentState.valueOf(json.getString("state"));
    } catch (RuntimeException e) {
      throw new ApiError(Status.BAD_REQUEST, "bad_field", "the body must be {\"state\": \"READY\"|\"BUSY\"|\"AWAY\", \"reason\": ...}");
    }
    String reason = json.get("reason") instanceof JsonString s ? s.getString() : null;
    try {
      presence.supervise(supervisor, agentId, state, reason);
    } catch (IllegalTransition refused) {
      throw refusal(refused);
    }
    AgentSession agent = sessions.byAgent(appId, agentId).orElseThrow();
    return PhoneFrames.snapshot(agent, Instant.now()).toString();
  }

  @DELETE
  @Path("{agentId}/session")
  public Response logOut(@PathParam("appId") String appId, @PathParam("agentId") int agentId,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    AgentSession supervisor = supervisor(appId, authorization);
    try {
      presence.logOut(supervisor, agentId);
    } catch (IllegalTransition refused) {
      throw refusal(refused);
    }
    return Response.noContent().build();
  }

  private AgentSession supervisor(String appId, String authorization) {
    return Caller.supervisorOf(agentSessions, appId, authorization);
  }

  private static ApiError refusal(IllegalTransition refused) {
    Status status = "unknown_agent".equals(refused.code()) ? Status.NOT_FOUND
        : "forbidden".equals(refused.code()) ? Status.FORBIDDEN : Status.CONFLICT;
    return new ApiError(status, refused.code(), refused.getMessage());
  }
}
