package org.ccphone.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
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

  /**
   * Only a JSON body: a form on another site can post {@code text/plain} or a form encoding without
   * the browser asking first, never {@code application/json}.
   */
  @POST
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  public Response login(@PathParam("appId") String appId, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      @Context HttpServletRequest http, String body) {
    if (!isJson(contentType)) {
      return ApiError.response(415, "unsupported_media_type", "a login is a JSON body: Content-Type: application/json")
          .build();
    }
    LoginRequest request = LoginRequest.parse(body);
    try {
      // The client's address as the transport filter believes it (behind a trusted proxy, the client's).
      AgentSession session = sessions.login(appId, request.username(), request.password(), http.getRemoteAddr());
      return Response.created(URI.create("/api/sessions/current"))
          .entity(SessionJson.of(session).toString())
          .build();
    } catch (LoginRefused refused) {
      return refusal(refused); // an answer, not an exception: refusals are the common case under load
    }
  }

  private static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    try {
      MediaType type = MediaType.valueOf(contentType);
      return "application".equalsIgnoreCase(type.getType()) && "json".equalsIgnoreCase(type.getSubtype());
    } catch (IllegalArgumentException e) {
      return false;
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
      case DATABASE_BUSY -> ApiError.response(503, "logins_busy", refused.getMessage())
          .header("Retry-After", refused.retryAfterSeconds()).build();
      case EVENT_FAILED -> ApiError.response(502, "event_failed", refused.getMessage()).build();
    };
  }
}
