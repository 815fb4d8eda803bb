package org.ccphone.web;

import static org.ccphone.Jsons.JSON;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.ccphone.agent.AgentSessions;
import org.ccphone.agent.SessionRegistry;
import org.ccphone.call.engine.CallsNow;
import org.ccphone.figures.DailyFigures;
import org.ccphone.figures.DayFigures;

/** A supervisor's (userLevel 2) reads of the floor: the calls now, and today's figures. */
@Path("apps/{appId}")
@ApplicationScoped
public class SupervisionResource {
  /** The routing thread answers in microseconds; past this it is stuck behind work and the read is refused. */
  private static final long VIEW_TIMEOUT_MILLIS = 2000;

  @Inject AgentSessions agentSessions;
  @Inject SessionRegistry sessions;
  @Inject CallsNow calls;
  @Inject DailyFigures figures;

  /** The callers waiting (in the queue or ringing) with their waits, and the calls agents are on. */
  @GET
  @Path("calls")
  @Produces(MediaType.APPLICATION_JSON)
  public CompletionStage<String> calls(@PathParam("appId") String appId, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    Caller.supervisorOf(agentSessions, appId, authorization);
    return calls.view(appId).toCompletableFuture()
        .orTimeout(VIEW_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
        .handle((view, failure) -> {
          if (failure != null) {
            throw new ApiError(ApiError.response(503, "busy", "the server is too busy to list the calls; try again")
                .header("Retry-After", 1).build());
          }
          return JSON.createObjectBuilder(view.json()).add("appId", appId).build().toString();
        });
  }

  /** Today's figures (the tenant's day, in its time zone) per queue, per agent, and in total. */
  @GET
  @Path("figures")
  @Produces(MediaType.APPLICATION_JSON)
  public String figures(@PathParam("appId") String appId, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    Caller.supervisorOf(agentSessions, appId, authorization);
    DailyFigures.Today today = figures.today(appId);
    JsonArrayBuilder queues = JSON.createArrayBuilder();
    today.queues().forEach((name, f) -> queues.add(json(f, false).add("queue", name)));
    Map<Integer, String> usernames = new java.util.HashMap<>();
    sessions.ofTenant(appId).forEach(s -> usernames.put(s.agent().agentId(), s.agent().username()));
    JsonArrayBuilder agents = JSON.createArrayBuilder();
    today.agents().forEach((agentId, f) -> {
      JsonObjectBuilder agent = json(f, true).add("agentId", agentId);
      String username = usernames.get(agentId);
      if (username == null) {
        agent.addNull("username"); // logged out since
      } else {
        agent.add("username", username);
      }
      agents.add(agent);
    });
    return JSON.createObjectBuilder()
        .add("appId", appId)
        .add("day", today.day().toString())
        .add("timeZone", today.timeZone().getId())
        .add("serviceLevelSeconds", today.serviceLevelSeconds())
        .add("total", json(today.total(), false))
        .add("queues", queues)
        .add("agents", agents)
        .build().toString();
  }

  private static JsonObjectBuilder json(DayFigures f, boolean ofAgent) {
    return f.json(ofAgent);
  }
}
