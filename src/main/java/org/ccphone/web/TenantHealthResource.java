package org.ccphone.web;

import static org.ccphone.Jsons.JSON;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.ccphone.agent.AgentSessions;
import org.ccphone.health.NetworkHealth;
import org.ccphone.health.TenantHealth;
import org.ccphone.net.Networks;
import java.util.Optional;

/**
 * {@code GET /api/apps/{appId}/health}: whether the tenant is usable. With the token of a supervisor
 * of the tenant, the detailed view: why not, in the words of its database, and the server's
 * network ({@link NetworkHealth}); from this machine (the server's operator, no proxy between),
 * the reasons too; with no token or any other, the anonymous answer: states and counts only.
 */
@Path("apps/{appId}/health")
@ApplicationScoped
public class TenantHealthResource {
  @Inject TenantHealth health;
  @Inject NetworkHealth network;
  @Inject AgentSessions sessions;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Response health(@PathParam("appId") String appId, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @Context HttpServletRequest request) {
    boolean supervisor = authorization != null && BearerToken.of(authorization).flatMap(sessions::current)
        .filter(caller -> caller.appId().equals(appId) && caller.agent().supervisor()).isPresent();
    boolean operator = Networks.isLoopback(request.getRemoteAddr());
    Optional<JsonObject> answer = supervisor || operator ? health.of(appId) : health.anonymous(appId);
    return answer
        .map(json -> supervisor ? JSON.createObjectBuilder(json).add("network", network.json()).build() : json)
        .map(json -> Response.ok(json.toString()).build())
        .orElseThrow(() -> new ApiError(Response.Status.NOT_FOUND, "unknown_app", "unknown appId " + appId));
  }
}
