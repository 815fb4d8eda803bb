package org.ccphone.tenant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The SQL Server call form, from metadata shaped as mssql-jdbc returns it (no SQL Server can run
 * here; the metadata double lives in this test only).
 */
class ProcedureSignatureSqlServerTest {

  @Test
  void aProcedureGetsOnlyTheParametersItDeclaresByName() throws Exception {
    Connection sqlServer = connection(
        List.of(Map.of("PROCEDURE_SCHEM", "dbo", "PROCEDURE_NAME", "usp_AgentLogout;1", "PROCEDURE_TYPE", (short) 2)),
        List.of(
            Map.of("COLUMN_NAME", "@RETURN_VALUE", "COLUMN_TYPE", DatabaseMetaData.procedureColumnReturn),
            Map.of("COLUMN_NAME", "@AgentId", "COLUMN_TYPE", DatabaseMetaData.procedureColumnIn),
            Map.of("COLUMN_NAME", "@LogoutDateTime", "COLUMN_TYPE", DatabaseMetaData.procedureColumnIn),
            Map.of("COLUMN_NAME", "@readytime", "COLUMN_TYPE", DatabaseMetaData.procedureColumnIn)));
    ProcedureSignature s = ProcedureSignature.read(sqlServer, "acme", EventType.AGENT_LOGOUT, "dbo.usp_AgentLogout");
    assertEquals("EXEC dbo.usp_AgentLogout @AgentId=?, @LogoutDateTime=?, @ReadyTime=?", s.sql());
    assertEquals(List.of(Variable.AgentId, Variable.LogoutDateTime, Variable.ReadyTime), s.parameters());
  }

  @Test
  void aParameterOutsideTheContractIsATenantProblem() throws Exception {
    Connection sqlServer = connection(
        List.of(Map.of("PROCEDURE_SCHEM", "dbo", "PROCEDURE_NAME", "usp_AgentLogin;1", "PROCEDURE_TYPE", (short) 2)),
        List.of(Map.of("COLUMN_NAME", "@Username", "COLUMN_TYPE", DatabaseMetaData.procedureColumnIn),
            Map.of("COLUMN_NAME", "@Tenant", "COLUMN_TYPE", DatabaseMetaData.procedureColumnIn)));
    var e = assertThrows(TenantConfigException.class,
        () -> ProcedureSignature.read(sqlServer, "acme", EventType.AGENT_LOGIN, "usp_AgentLogin"));
    assertTrue(e.getMessage().contains("@Tenant"), e.getMessage());
  }

  @Test
  void aMissingProcedureIsNamed() throws Exception {
    Connection sqlServer = connection(List.of(), List.of());
    var e = assertThrows(TenantConfigException.class,
        () -> ProcedureSignature.read(sqlServer, "acme", EventType.CALL_END, "usp_CallEnd"));
    assertTrue(e.getMessage().contains("usp_CallEnd was not found"), e.getMessage());
  }

  private static Connection connection(List<Map<String, Object>> procedures, List<Map<String, Object>> columns) {
    DatabaseMetaData meta = proxy(DatabaseMetaData.class, (method, args) -> switch (method) {
      case "getDatabaseProductName" -> "Microsoft SQL Server";
      case "getProcedures" -> resultSet(procedures);
      case "getProcedureColumns" -> resultSet(columns);
      case "getFunctions" -> resultSet(List.of());
      default -> throw new UnsupportedOperationException(method);
    });
    return proxy(Connection.class, (method, args) -> {
      if (method.equals("getMetaData")) {
        return meta;
      }
      throw new UnsupportedOperationException(method);
    });
  }

  private static ResultSet resultSet(List<Map<String, Object>> rows) {
    Iterator<Map<String, Object>> it = rows.iterator();
    Map<String, Object>[] current = new Map[1];
    return proxy(ResultSet.class, (method, args) -> switch (method) {
      case "next" -> {
        current[0] = it.hasNext() ? it.next() : null;
        yield current[0] != null;
      }
      case "getString" -> (String) current[0].get((String) args[0]);
      case "getInt" -> ((Number) current[0].get((String) args[0])).intValue();
      case "getShort" -> ((Number) current[0].get((String) args[0])).shortValue();
      case "close" -> null;
      default -> throw new UnsupportedOperationException(method);
    });
  }

  interface Handler {
    Object handle(String method, Object[] args) throws Exception;
  }

  @SuppressWarnings("unchecked")
  private static <T> T proxy(Class<T> type, Handler handler) {
    return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
        (p, m, a) -> handler.handle(m.getName(), a));
  }
}
