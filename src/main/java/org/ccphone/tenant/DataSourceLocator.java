package org.ccphone.tenant;

import javax.sql.DataSource;

/** Finds the datasource of an appId. */
@FunctionalInterface
public interface DataSourceLocator {
  /** @throws IllegalStateException when the tenant's datasource is not defined */
  DataSource dataSource(TenantConfig tenant);
}
