package org.ccphone.web;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ccphone.agent.ServerStorageException;

/** The server's own database is down: 503, and the request changed nothing. */
@Provider
public class ServerStorageMapper implements ExceptionMapper<ServerStorageException> {
  private static final Logger LOG = Logger.getLogger(ServerStorageMapper.class.getName());

  @Override
  public Response toResponse(ServerStorageException e) {
    LOG.log(Level.SEVERE, e.getMessage(), e);
    return ApiError.response(503, "server_storage_unavailable", e.getMessage()).header("Retry-After", 5).build();
  }
}
