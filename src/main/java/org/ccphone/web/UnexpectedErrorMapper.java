package org.ccphone.web;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Keeps stack traces in the server log: the client gets a short message and an id to quote. */
@Provider
public class UnexpectedErrorMapper implements ExceptionMapper<Throwable> {
  private static final Logger LOG = Logger.getLogger(UnexpectedErrorMapper.class.getName());

  @Override
  public Response toResponse(Throwable error) {
    if (error instanceof WebApplicationException web && web.getResponse().hasEntity()) {
      return web.getResponse();
    }
    if (error instanceof WebApplicationException web) {
      int status = web.getResponse().getStatus();
      return ApiError.response(status, "http_" + status, web.getResponse().getStatusInfo().getReasonPhrase()).build();
    }
    String id = UUID.randomUUID().toString();
    LOG.log(Level.SEVERE, "unexpected error " + id, error);
    return ApiError.response(500, "internal_error", "unexpected server error; the server log has it under " + id).build();
  }
}
