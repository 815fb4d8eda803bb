package org.ccphone.tenant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.ccphone.schema.SchemaMigrations;

/**
 * Checks a loaded tenant against the server and its database: the datasource exists, the tenant's
 * changelog (if any) applies, and each stored procedure fits the contract. A database that cannot be
 * reached now is not a problem of the tenant: its procedures are checked on first use instead.
 */
@ApplicationScoped
public class TenantChecks {
  private static final Logger LOG = Logger.getLogger(TenantChecks.class.getName());

  @Inject TenantRegistry tenants;
  @Inject DataSourceLocator dataSources;
  @Inject EventRunner runner;

  public void check(Tenant tenant) {
    if (!tenant.usable()) {
      return;
    }
    TenantConfig config = tenant.config();
    DataSource dataSource;
    try {
      dataSource = dataSources.dataSource(config);
    } catch (IllegalStateException e) {
      tenants.report(config.appId(), List.of(e.getMessage()));
      return;
    }
    if (config.changelog() != null) {
      try {
        SchemaMigrations.apply(dataSource, config.changelog());
      } catch (Exception e) {
        tenants.report(config.appId(), List.of("changelog " + config.changelog() + " did not apply: " + e.getMessage()));
        return;
      }
    }
    try (Connection connection = dataSource.getConnection()) {
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
    } catch (SQLException e) {
      LOG.warning("tenant " + config.appId() + ": database not reachable at start (" + e.getMessage()
          + "); its procedures will be checked on first use");
    }
  }
}
