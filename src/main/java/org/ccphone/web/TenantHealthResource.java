package org.ccphone.web;

import static org.ccphone.Jsons.JSON;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.ccphone.agent.AgentSessions;
import org.ccphone.health.NetworkHealth;
import org.ccphone.health.TenantHealth;

/**
 * {@code GET /api/apps/{appId}/health}: whether the tenant is usable and, if not, why. With the
 * token of a supervisor of the tenant, the detailed view: also the server's network
 * ({@link NetworkHealth}); with no token or any other, the anonymous answer.
 */
@Path("apps/{appId}/health")
@ApplicationScoped
public class TenantHealthResource {
  @Inject TenantHealth health;
  @Inject NetworkHealth network;
  @Inject AgentSessions sessions;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Response health(@PathParam("appId") String appId, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    boolean detailed = authorization != null && BearerToken.of(authorization).flatMap(sessions::current)
        .filter(caller -> caller.appId().equals(appId) && caller.agent().supervisor()).isPresent();
    return health.of(appId)
        .map(json -> detailed ? JSON.createObjectBuilder(json).add("network", network.json()).build() : json)
        .map(json -> Response.ok(json.toString()).build())
        .orElseThrow(() -> new ApiError(Response.Status.NOT_FOUND, "unknown_app", "unknown appId " + appId));
  }
}
