package org.ccphone.tenant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.ccphone.overload.QueueDelay;

/**
 * Runs a tenant's event against its database: binds the contract's variables as JDBC parameters
 * (never text), applies the tenant's query timeout and returns the first row, if any.
 */
@ApplicationScoped
public class EventRunner {
  private static final Logger LOG = Logger.getLogger(EventRunner.class.getName());

  private DataSourceLocator dataSources;
  private final ConcurrentMap<String, ProcedureSignature> signatures = new ConcurrentHashMap<>();

  protected EventRunner() {
    // for CDI's proxy
  }

  @Inject
  public EventRunner(DataSourceLocator dataSources) {
    this.dataSources = dataSources;
  }

  /**
   * @param values the event's variables; any the statement or procedure does not use are ignored
   * @throws CustomerDatabaseException when the database cannot be reached or rejects the call
   * @throws TenantConfigException when a stored procedure turns out not to fit the contract
   */
  public Optional<Row> run(TenantConfig tenant, EventType event, Map<Variable, ?> values)
      throws CustomerDatabaseException {
    return run(tenant, event, values, null);
  }

  /**
   * As above; {@code connectionWait} (may be null) is told how long the event waited for a connection
   * of the tenant's pool: how many calls the customer's database holds at once is its capacity.
   */
  public Optional<Row> run(TenantConfig tenant, EventType event, Map<Variable, ?> values, QueueDelay connectionWait)
      throws CustomerDatabaseException {
    DataSource dataSource = dataSources.dataSource(tenant);
    Connection connection;
    long asked = connectionWait == null ? 0 : connectionWait.now();
    if (connectionWait != null) {
      connectionWait.entered();
    }
    try {
      connection = dataSource.getConnection();
    } catch (SQLException e) {
      throw new CustomerDatabaseException(
          "the database of " + tenant.appId() + " cannot be reached: " + e.getMessage(), true, e);
    } finally {
      if (connectionWait != null) {
        connectionWait.leftSince(asked);
      }
    }
    long held = 0;
    if (connectionWait != null) {
      held = connectionWait.now();
      connectionWait.holding();
    }
    try (connection) {
      return execute(connection, tenant, prepared(connection, tenant, event), values);
    } catch (SQLException e) {
      boolean unavailable = isOutage(e);
      throw new CustomerDatabaseException(
          "event " + event.configKey() + " of " + tenant.appId()
              + (unavailable ? " could not complete: " : " failed: ") + e.getMessage(), unavailable, e);
    } finally {
      if (connectionWait != null) {
        connectionWait.released(connectionWait.now() - held);
      }
    }
  }

  /**
   * Runs one event for each of {@code rows} in one transaction of the tenant's database, as one JDBC
   * batch: what a customer is owed in bulk (Call End rows under load) costs one round trip and one
   * commit rather than one each. All or nothing: on any failure the transaction is rolled back and
   * the exception says whether it was an outage; the caller then runs the rows one by one to find a
   * row the database rejects. Statements that return rows cannot be batched and fail here as well.
   */
  public void runAll(TenantConfig tenant, EventType event, List<? extends Map<Variable, ?>> rows)
      throws CustomerDatabaseException {
    Connection connection;
    try {
      connection = dataSources.dataSource(tenant).getConnection();
    } catch (SQLException e) {
      throw new CustomerDatabaseException(
          "the database of " + tenant.appId() + " cannot be reached: " + e.getMessage(), true, e);
    }
    try (connection) {
      Prepared prepared = prepared(connection, tenant, event);
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try (PreparedStatement statement = prepared.open(connection)) {
        limit(statement, tenant.queryTimeoutSeconds());
        for (Map<Variable, ?> values : rows) {
          prepared.bindAll(statement, values);
          statement.addBatch();
        }
        statement.executeBatch();
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        rollback(connection, e);
        throw e;
      } finally {
        connection.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      boolean unavailable = isOutage(e);
      throw new CustomerDatabaseException(
          rows.size() + " " + event.configKey() + " rows of " + tenant.appId()
              + (unavailable ? " could not complete: " : " failed together: ") + e.getMessage(), unavailable, e);
    }
  }

  private static void rollback(Connection connection, Exception cause) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  /** The SQL an event runs, with the contract variables its parameters take in order. */
  private record Prepared(String sql, List<Variable> parameters, boolean callable) {
    PreparedStatement open(Connection connection) throws SQLException {
      return callable ? connection.prepareCall(sql) : connection.prepareStatement(sql);
    }

    void bindAll(PreparedStatement statement, Map<Variable, ?> values) throws SQLException {
      for (int i = 0; i < parameters.size(); i++) {
        bind(statement, i + 1, parameters.get(i), values.get(parameters.get(i)));
      }
    }
  }

  private Prepared prepared(Connection connection, TenantConfig tenant, EventType event) throws SQLException {
    EventDefinition definition = tenant.event(event);
    if (definition instanceof EventDefinition.Statement s) {
      return new Prepared(s.template().sql(), s.template().parameters(), false);
    }
    ProcedureSignature signature = signature(connection, tenant, event, ((EventDefinition.Procedure) definition).name());
    return new Prepared(signature.sql(), signature.parameters(), signature.callable());
  }

  /** Reads (once) which contract parameters a procedure declares. */
  public ProcedureSignature signature(Connection connection, TenantConfig tenant, EventType event, String name)
      throws SQLException {
    String key = tenant.appId() + "/" + event + "/" + name;
    ProcedureSignature cached = signatures.get(key);
    if (cached != null) {
      return cached;
    }
    ProcedureSignature read = ProcedureSignature.read(connection, tenant.appId(), event, name);
    LOG.info(() -> "tenant " + tenant.appId() + " " + event.configKey() + " calls: " + read.sql());
    signatures.put(key, read);
    return read;
  }

  /** Forgets cached procedure signatures of a tenant, e.g. after its DBA changed a procedure. */
  public void forget(String appId) {
    signatures.keySet().removeIf(k -> k.startsWith(appId + "/"));
  }

  /**
   * Sets the statement's timeout unless it has it already. H2 keeps the timeout per connection and
   * runs a {@code SET QUERY_TIMEOUT} command for every call (8 % of a login's samples in a profile),
   * so a statement on a pooled connection usually has it; other drivers answer from a field.
   */
  private static void limit(PreparedStatement statement, int seconds) throws SQLException {
    if (statement.getQueryTimeout() != seconds) {
      statement.setQueryTimeout(seconds);
    }
  }

  private static Optional<Row> execute(
      Connection connection, TenantConfig tenant, Prepared prepared, Map<Variable, ?> values) throws SQLException {
    try (PreparedStatement statement = prepared.open(connection)) {
      limit(statement, tenant.queryTimeoutSeconds());
      prepared.bindAll(statement, values);
      boolean isResultSet = statement.execute();
      // Skip update counts (an INSERT before a SELECT in one batch, SET NOCOUNT OFF) to the first row set.
      while (true) {
        if (isResultSet) {
          try (ResultSet rs = statement.getResultSet()) {
            return rs.next() ? Optional.of(row(rs)) : Optional.empty();
          }
        }
        if (statement.getUpdateCount() == -1) {
          return Optional.empty();
        }
        isResultSet = statement.getMoreResults();
      }
    }
  }

  static void bind(PreparedStatement statement, int index, Variable variable, Object value) throws SQLException {
    if (value == null) {
      statement.setNull(index, variable.sqlType());
      return;
    }
    switch (variable.sqlType()) {
      case Types.INTEGER -> statement.setInt(index, ((Number) value).intValue());
      case Types.TIMESTAMP -> statement.setTimestamp(index, Timestamp.valueOf((LocalDateTime) value));
      default -> statement.setString(index, value.toString());
    }
  }

  private static Row row(ResultSet rs) throws SQLException {
    ResultSetMetaData meta = rs.getMetaData();
    Row row = new Row();
    for (int c = 1; c <= meta.getColumnCount(); c++) {
      row.put(meta.getColumnLabel(c), rs.getObject(c));
    }
    return row;
  }

  /** Connection loss and timeouts are outages (retry later); anything else is the statement's fault. */
  static boolean isOutage(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLTimeoutException || t instanceof SQLTransientConnectionException
          || t instanceof java.sql.SQLNonTransientConnectionException || t instanceof java.sql.SQLRecoverableException) {
        return true;
      }
      if (t instanceof SQLException s && s.getSQLState() != null
          && (s.getSQLState().startsWith("08") || s.getSQLState().equals("57P01") || s.getSQLState().equals("HYT00") || s.getSQLState().equals("HY008") || s.getSQLState().equals("57014"))) {
        return true;
      }
    }
    return false;
  }
}
