package org.ccphone.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;

/** The REST API, under /api. */
@ApplicationPath("api")
public class ApiApplication extends Application {
  /**
   * Jersey's per-request work the API does not use: no WADL, no bean validation of parameters (the
   * resources check their input themselves), and an error status sent as is, without the
   * container's error page.
   */
  @Override
  public Map<String, Object> getProperties() {
    return Map.of(
        "jersey.config.server.wadl.disableWadl", true,
        "jersey.config.beanValidation.disable.server", true,
        "jersey.config.server.response.setStatusOverSendError", true);
  }
}
