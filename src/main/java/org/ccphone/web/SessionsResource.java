package org.ccphone.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.ccphone.agent.AgentSession;
import org.ccphone.agent.AgentSessions;
import org.ccphone.agent.LoginRefused;
import org.ccphone.web.phone.SessionJson;

/** Agent Login: {@code POST /api/apps/{appId}/sessions}. */
@Path("apps/{appId}/sessions")
@ApplicationScoped
public class SessionsResource {
  @Inject AgentSessions sessions;

  @POST
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  public Response login(@PathParam("appId") String appId, String body) {
    LoginRequest request = LoginRequest.parse(body);
    try {
      AgentSession session = sessions.login(appId, request.username(), request.password());
      return Response.created(URI.create("/api/sessions/current"))
          .entity(SessionJson.of(session).toString())
          .build();
    } catch (LoginRefused refused) {
      return refusal(refused); // an answer, not an exception: refusals are the common case under load
    }
  }

  private static Response refusal(LoginRefused refused) {
    return switch (refused.reason()) {
      case UNKNOWN_TENANT -> ApiError.response(404, "unknown_app", refused.getMessage()).build();
      case BAD_CREDENTIALS -> ApiError.response(401, "bad_credentials", refused.getMessage()).build();
      case TOO_MANY_ATTEMPTS -> ApiError.response(429, "too_many_attempts", refused.getMessage())
          .header("Retry-After", refused.retryAfterSeconds()).build();
      case TENANT_UNAVAILABLE -> ApiError.response(503, "tenant_unavailable", refused.getMessage()).build();
      case DATABASE_UNAVAILABLE -> ApiError.response(503, "database_unavailable", refused.getMessage())
          .header("Retry-After", 5).build();
      case EVENT_FAILED -> ApiError.response(502, "event_failed", refused.getMessage()).build();
    };
  }
}
