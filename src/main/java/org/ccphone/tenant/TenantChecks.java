package org.ccphone.tenant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.ccphone.schema.SchemaMigrations;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Checks a loaded tenant against the server and its database: the datasource exists, the tenant's
 * changelog (if any) applies, and each stored procedure fits the contract. A database that cannot be
 * reached now is not a problem of the tenant: the check is made again before its next event.
 */
@ApplicationScoped
public class TenantChecks {
  private static final Logger LOG = Logger.getLogger(TenantChecks.class.getName());

  @Inject TenantRegistry tenants;
  @Inject DataSourceLocator dataSources;
  @Inject EventRunner runner;

  @Inject
  @ConfigProperty(name = "callcenter.liquibase.contexts", defaultValue = "default")
  String changelogContexts;

  private final Set<String> pending = ConcurrentHashMap.newKeySet();

  /**
   * Checks a tenant; when its database cannot be reached the check stays pending and is made again
   * by {@link #ensureChecked} before the tenant's next event.
   */
  public void check(Tenant tenant) {
    if (tenant.usable() && !checkNow(tenant.config())) {
      pending.add(tenant.appId());
    }
  }

  /** Finishes a check left pending by an outage, if the database is back. */
  public void ensureChecked(String appId) {
    if (!pending.contains(appId)) {
      return;
    }
    synchronized (pending) {
      Tenant tenant = tenants.find(appId).orElse(null);
      if (pending.contains(appId) && tenant != null && (!tenant.usable() || checkNow(tenant.config()))) {
        pending.remove(appId);
      }
    }
  }

  /** @return false when the database could not be reached, so nothing could be checked */
  private boolean checkNow(TenantConfig config) {
    DataSource dataSource;
    try {
      dataSource = dataSources.dataSource(config);
    } catch (IllegalStateException e) {
      tenants.report(config.appId(), List.of(e.getMessage()));
      return true;
    }
    try (Connection connection = dataSource.getConnection()) {
      if (config.changelog() != null) {
        try {
          SchemaMigrations.apply(dataSource, config.changelog(), changelogContexts);
        } catch (Exception e) {
          tenants.report(config.appId(), List.of("changelog " + config.changelog() + " did not apply: " + e.getMessage()));
          return true;
        }
      }
      List<String> problems = new ArrayList<>();
      for (EventType event : EventType.values()) {
        if (config.event(event) instanceof EventDefinition.Procedure p) {
          try {
            runner.signature(connection, config, event, p.name());
          } catch (TenantConfigException e) {
            problems.addAll(e.problems());
          }
        }
      }
      if (!problems.isEmpty()) {
        tenants.report(config.appId(), problems);
      }
      return true;
    } catch (SQLException e) {
      LOG.warning("tenant " + config.appId() + ": database not reachable (" + e.getMessage()
          + "); its checks will be made once it is");
      return false;
    }
  }
}
