package org.ccphone.web;

import jakarta.ws.rs.core.HttpHeaders;
import org.ccphone.agent.AgentSession;
import org.ccphone.agent.AgentSessions;

/** Who is calling the API: the open session of the request's bearer token. */
final class Caller {
  private Caller() {}

  /** @throws ApiError 401 when the token is missing, unknown, expired or logged out */
  static AgentSession of(AgentSessions sessions, String authorization) {
    return BearerToken.of(authorization)
        .flatMap(sessions::current)
        .orElseThrow(() -> new ApiError(ApiError.response(401, "bad_token", "missing, unknown or expired token")
            .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build()));
  }

  /** @throws ApiError 401 as {@link #of}, 403 when the caller is no supervisor (userLevel 2) of this tenant */
  static AgentSession supervisorOf(AgentSessions sessions, String appId, String authorization) {
    AgentSession caller = of(sessions, authorization);
    if (!caller.appId().equals(appId) || !caller.agent().supervisor()) {
      throw new ApiError(jakarta.ws.rs.core.Response.Status.FORBIDDEN, "forbidden",
          "only a supervisor of " + appId + " may do this");
    }
    return caller;
  }
}
