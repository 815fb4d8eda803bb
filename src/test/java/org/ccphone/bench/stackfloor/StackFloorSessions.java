package org.ccphone.bench.stackfloor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The product's login resource with no application work: every appId is unknown. */
@Path("apps/{appId}/sessions")
@ApplicationScoped
public class StackFloorSessions {
  @POST
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  public Response login(@PathParam("appId") String appId, String body) {
    return Response.status(404).type(MediaType.APPLICATION_JSON_TYPE).entity(StackFloorServlet.body(appId)).build();
  }
}
