package org.ccphone.web;

import static org.ccphone.Jsons.JSON;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.ZoneOffset;
import org.ccphone.agent.AgentSessions;
import org.ccphone.tenant.outbox.Outbox;
import org.ccphone.tenant.outbox.OutboxMessage;
import org.ccphone.tenant.outbox.OutboxPayload;
import org.ccphone.tenant.outbox.OutboxStore;

/**
 * Rows the tenant's database kept rejecting, set aside so they hold back nothing else: a supervisor
 * of the tenant reads them and, once the cause is fixed, replays them.
 */
@Path("apps/{appId}/outbox/set-aside")
@ApplicationScoped
public class OutboxResource {
  @Inject AgentSessions agentSessions;
  @Inject OutboxStore store;
  @Inject Outbox outbox;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public String setAside(@PathParam("appId") String appId, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    Caller.supervisorOf(agentSessions, appId, authorization);
    JsonArrayBuilder rows = JSON.createArrayBuilder();
    for (OutboxMessage m : store.setAside(appId)) {
      JsonObjectBuilder values = JSON.createObjectBuilder();
      OutboxPayload.read(m.payload()).forEach((k, v) -> values.add(k.name(), v == null ? "" : String.valueOf(v)));
      rows.add(JSON.createObjectBuilder()
          .add("id", m.id())
          .add("event", m.event().name())
          .add("createdAt", m.createdAt().toInstant(ZoneOffset.UTC).toString())
          .add("setAsideAt", m.setAsideAt().toInstant(ZoneOffset.UTC).toString())
          .add("attempts", m.attempts())
          .add("rejections", m.rejections())
          .add("lastError", m.lastError() == null ? "" : m.lastError())
          .add("values", values));
    }
    return JSON.createObjectBuilder().add("appId", appId).add("rows", rows).build().toString();
  }

  @POST
  @Path("{id}/replay")
  public Response replay(@PathParam("appId") String appId, @PathParam("id") long id,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    Caller.supervisorOf(agentSessions, appId, authorization);
    if (!outbox.replay(appId, id)) {
      throw new ApiError(Response.Status.NOT_FOUND, "unknown_row", "no row " + id + " of " + appId + " is set aside");
    }
    return Response.accepted().build();
  }
}
