package org.ccphone.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import org.ccphone.tenant.Tenant;
import org.ccphone.tenant.TenantRegistry;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * MicroProfile readiness: the server is ready while at least one tenant is usable, so that one
 * customer's broken configuration does not take the others out of a load balancer. Each tenant is
 * listed with its state.
 */
@Readiness
@ApplicationScoped
public class TenantsReadiness implements HealthCheck {
  @Inject TenantRegistry tenants;
  @Inject TenantHealth health;

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder response = HealthCheckResponse.named("tenants");
    boolean anyUsable = false;
    Map<String, Object[]> pending = health.pending();
    for (Tenant tenant : tenants.all()) {
      anyUsable |= tenant.usable();
      Object[] waiting = pending.get(tenant.appId());
      // Anyone may ask: the reasons, which can carry a driver's message, are in the tenant's health.
      String state = tenant.usable() ? "UP" : "DOWN (" + tenant.problems().size() + " problems)";
      if (waiting != null) {
        state += " (outbox: " + waiting[1] + " waiting)";
      }
      response.withData(tenant.appId(), state);
    }
    // Said, not judged: without its media server the server still logs agents in and overflows calls.
    response.withData("media", health.media().isPresent() ? "DOWN" : "UP");
    return response.status(anyUsable).build();
  }
}
