package org.ccphone.tenant;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * How to call one stored procedure: the SQL to prepare and the contract variables it declares, in
 * binding order. Read once from the database's metadata and cached by the runner.
 *
 * <p>SQL Server gets {@code EXEC name @Username=?, ...}: parameters by name, so a procedure may
 * declare any subset in any order (mssql-jdbc cannot bind a subset of named parameters through a
 * CallableStatement). PostgreSQL gets {@code SELECT * FROM name(?, ...)} for a function and
 * {@code CALL name(?, ...)} for a procedure, because its driver's {call} escape picks one of the two
 * for the whole connection. Other databases get the JDBC {call name(?, ...)} escape in declared order.
 */
public record ProcedureSignature(String sql, List<Variable> parameters, boolean callable) {

  /**
   * @throws TenantConfigException when the procedure is missing or declares a parameter that is not a
   *     variable of this event
   */
  public static ProcedureSignature read(Connection connection, String appId, EventType event, String name)
      throws SQLException {
    DatabaseMetaData meta = connection.getMetaData();
    String product = meta.getDatabaseProductName().toLowerCase(Locale.ROOT);
    String[] parts = name.split("\\.");
    String procedure = parts[parts.length - 1];
    String schema = parts.length >= 2 ? parts[parts.length - 2] : null;
    String catalog = parts.length == 3 ? parts[0] : null;

    Found found = find(meta, catalog, schema, procedure);
    if (found == null) {
      throw new TenantConfigException(appId, List.of(
          "event " + event.configKey() + ": stored procedure " + name + " was not found in the database"));
    }
    TreeMap<Integer, Variable> declared = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    try (ResultSet columns = found.function
        ? meta.getFunctionColumns(catalog, found.schema, found.name, "%")
        : meta.getProcedureColumns(catalog, found.schema, found.name, "%")) {
      int position = 0;
      while (columns.next()) {
        // procedureColumnIn/InOut and functionColumnIn/InOut share their values (1 and 2)
        int kind = columns.getInt("COLUMN_TYPE");
        if (kind != DatabaseMetaData.procedureColumnIn && kind != DatabaseMetaData.procedureColumnInOut) {
          continue; // return values and result columns are not ours to bind
        }
        String column = columns.getString("COLUMN_NAME");
        position++;
        Variable variable = column == null ? null : Variable.byName(column).orElse(null);
        if (variable == null || !event.variables().contains(variable)) {
          problems.add("event " + event.configKey() + ": procedure " + name + " declares parameter "
              + column + ", which is not one of " + names(event.variables()));
        } else {
          declared.put(position, variable);
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new TenantConfigException(appId, problems);
    }
    List<Variable> parameters = new ArrayList<>(declared.values());
    if (product.contains("microsoft sql server")) {
      String assignments = parameters.stream().map(v -> "@" + v.name() + "=?").collect(Collectors.joining(", "));
      return new ProcedureSignature(("EXEC " + name + " " + assignments).strip(), parameters, false);
    }
    String marks = parameters.stream().map(v -> "?").collect(Collectors.joining(", "));
    if (product.contains("postgresql")) {
      String sql = found.function ? "SELECT * FROM " + name + "(" + marks + ")" : "CALL " + name + "(" + marks + ")";
      return new ProcedureSignature(sql, parameters, false);
    }
    return new ProcedureSignature("{call " + name + "(" + marks + ")}", parameters, true);
  }

  /** @param function true when the database lists the routine as a function, not a procedure */
  private record Found(String schema, String name, boolean function) {}

  /**
   * Looks the name up as written, then folded to lower and upper case (PostgreSQL folds to lower),
   * among procedures first and then functions (PostgreSQL's driver lists them apart).
   */
  private static Found find(DatabaseMetaData meta, String catalog, String schema, String procedure)
      throws SQLException {
    for (String candidate : List.of(procedure, procedure.toLowerCase(Locale.ROOT), procedure.toUpperCase(Locale.ROOT))) {
      String schemaCandidate = schema == null ? null
          : candidate.equals(procedure) ? schema
          : candidate.equals(procedure.toLowerCase(Locale.ROOT)) ? schema.toLowerCase(Locale.ROOT) : schema.toUpperCase(Locale.ROOT);
      try (ResultSet rs = meta.getProcedures(catalog, schemaCandidate, candidate)) {
        if (rs.next()) {
          return new Found(rs.getString("PROCEDURE_SCHEM"), rs.getString("PROCEDURE_NAME").replaceFirst(";\\d+$", ""), false);
        }
      }
      try (ResultSet rs = meta.getFunctions(catalog, schemaCandidate, candidate)) {
        if (rs.next()) {
          return new Found(rs.getString("FUNCTION_SCHEM"), rs.getString("FUNCTION_NAME"), true);
        }
      }
    }
    return null;
  }

  private static String names(Set<Variable> variables) {
    return variables.stream().map(v -> "@" + v.name()).collect(Collectors.joining(", "));
  }
}
