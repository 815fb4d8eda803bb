package org.ccphone.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import org.ccphone.agent.AgentSession;
import org.ccphone.agent.AgentSessions;
import org.ccphone.web.phone.SessionJson;

/** The caller's own session, by its bearer token: read it, or log out. */
@Path("sessions/current")
@ApplicationScoped
public class CurrentSessionResource {
  @Inject AgentSessions sessions;

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public String get(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    return SessionJson.of(session(authorization)).toString();
  }

  @DELETE
  public Response logout(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    sessions.end(session(authorization), Instant.now(), "logged out", null);
    return Response.noContent().build();
  }

  private AgentSession session(String authorization) {
    return Caller.of(sessions, authorization);
  }
}
