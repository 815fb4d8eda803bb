package org.ccphone.bench.stackfloor;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;

/** The JAX-RS floor's application, under /api, with the product's Jersey switches. */
@ApplicationPath("api")
public class StackFloorApplication extends Application {
  /** The same properties as the product's {@code ApiApplication} (StackFloorTest keeps them so). */
  @Override
  public Map<String, Object> getProperties() {
    return Map.of(
        "jersey.config.server.wadl.disableWadl", true,
        "jersey.config.beanValidation.disable.server", true,
        "jersey.config.server.response.setStatusOverSendError", true);
  }
}
