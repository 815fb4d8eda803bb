package org.ccphone.web;

import static org.ccphone.Jsons.JSON;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** An error answer: {"error": code, "message": text}, never a stack trace. */
public class ApiError extends WebApplicationException {
  private static final long serialVersionUID = 1L;

  public ApiError(Response.Status status, String code, String message) {
    super(message, response(status.getStatusCode(), code, message).build());
  }

  public ApiError(Response response) {
    super(response);
  }

  /** An expected outcome (401, 404...) needs no stack trace: filling it in is most of an exception's cost. */
  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }

  public static Response.ResponseBuilder response(int status, String code, String message) {
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(JSON.createObjectBuilder().add("error", code).add("message", message).build().toString());
  }
}
