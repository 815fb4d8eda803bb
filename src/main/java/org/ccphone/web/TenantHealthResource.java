package org.ccphone.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.ccphone.health.TenantHealth;

/** {@code GET /api/apps/{appId}/health}: whether the tenant is usable and, if not, why. */
@Path("apps/{appId}/health")
@ApplicationScoped
public class TenantHealthResource {
  @Inject TenantHealth health;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Response health(@PathParam("appId") String appId) {
    return health.of(appId)
        .map(json -> Response.ok(json.toString()).build())
        .orElseThrow(() -> new ApiError(Response.Status.NOT_FOUND, "unknown_app", "unknown appId " + appId));
  }
}
