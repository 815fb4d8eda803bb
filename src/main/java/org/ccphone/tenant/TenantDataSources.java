package org.ccphone.tenant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.inject.Inject;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * The customer datasources, looked up in JNDI under the name each tenant gives (by default {@code
 * jdbc/callcenter/<appId>}, defined by the DBA as a Payara JDBC resource) and kept once found.
 */
@ApplicationScoped
public class TenantDataSources implements DataSourceLocator {
  private final ConcurrentMap<String, DataSource> byJndiName = new ConcurrentHashMap<>();

  @Inject TenantRegistry tenants;

  @Override
  public DataSource dataSource(TenantConfig tenant) {
    return byJndiName.computeIfAbsent(tenant.datasource(), TenantDataSources::lookup);
  }

  /** Hands out the datasource named by the injection point's {@link TenantDatabase} qualifier. */
  @Produces
  @TenantDatabase
  DataSource produce(InjectionPoint injectionPoint) {
    String appId = injectionPoint.getQualifiers().stream()
        .filter(TenantDatabase.class::isInstance)
        .map(q -> ((TenantDatabase) q).value())
        .findFirst()
        .orElseThrow();
    TenantConfig tenant = tenants.find(appId)
        .orElseThrow(() -> new IllegalStateException("no tenant " + appId))
        .config();
    return dataSource(tenant);
  }

  static DataSource lookup(String jndiName) {
    try {
      return (DataSource) new InitialContext().lookup(jndiName);
    } catch (NamingException | ClassCastException e) {
      throw new IllegalStateException("datasource " + jndiName + " is not defined in the server", e);
    }
  }
}
