package org.ccphone.agent;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How many of a tenant's database connections logins may hold at once. Agent Login runs on the pool
 * Call Start uses, and anyone can send logins (an unknown username runs the SQL too): without a
 * bound, a flood of logins would leave INVITEs waiting for a connection and refused. Set it below
 * the pool's size; what is left is Call Start's.
 */
@ApplicationScoped
public class LoginConnections {
  @Inject
  @ConfigProperty(name = "callcenter.login.connections", defaultValue = "4")
  int connections;

  /** How long a login waits for one of them before it is refused 503. */
  @Inject
  @ConfigProperty(name = "callcenter.login.connectionWaitMillis", defaultValue = "1000")
  long waitMillis;

  private final ConcurrentMap<String, Semaphore> byTenant = new ConcurrentHashMap<>();

  /** Takes one of the tenant's login connections, waiting a moment; false when none came free. */
  boolean take(String appId) throws InterruptedException {
    return byTenant.computeIfAbsent(appId, a -> new Semaphore(connections)).tryAcquire(waitMillis, TimeUnit.MILLISECONDS);
  }

  void give(String appId) {
    byTenant.get(appId).release();
  }
}
