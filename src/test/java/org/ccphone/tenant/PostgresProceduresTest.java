package org.ccphone.tenant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ccphone.support.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** Stored procedures and functions on a real PostgreSQL server. */
class PostgresProceduresTest {
  private static final PostgresServer POSTGRES = new PostgresServer(55433);
  private static PGSimpleDataSource db;

  @BeforeAll
  static void start() throws Exception {
    POSTGRES.startFresh();
    POSTGRES.runScript(new String(PostgresProceduresTest.class.getResourceAsStream("/pgtest-schema.sql").readAllBytes(), StandardCharsets.UTF_8));
    POSTGRES.runScript("CREATE FUNCTION usp_Slow(Username varchar) RETURNS TABLE (AgentId int) LANGUAGE sql AS $$ SELECT 1 FROM pg_sleep(3) $$\n--;\n"
        + "CREATE PROCEDURE usp_Odd(Username varchar, Shoe int) LANGUAGE sql AS $$ SELECT 1 $$");
    db = new PGSimpleDataSource();
    db.setUrl(POSTGRES.url());
    db.setUser(PostgresServer.USER);
  }

  @AfterAll
  static void stop() {
    POSTGRES.stopQuietly();
  }

  private static TenantConfig tenant(String login, int timeout) {
    return TenantConfigParser.parse("""
        {"appId": "pg", "queryTimeoutSeconds": %d, "events": {
          "agentLogin": {"procedure": "%s"}, "agentLogout": {"procedure": "usp_AgentLogout"},
          "callStart": {"procedure": "usp_CallStart"}, "callEnd": {"procedure": "public.usp_CallEnd"}
        }}""".formatted(timeout, login), "pg");
  }

  @Test
  void aFunctionAnswersAgentLoginWithItsRow() throws Exception {
    EventRunner runner = new EventRunner(t -> db);
    Row row = runner.run(tenant("usp_AgentLogin", 5), EventType.AGENT_LOGIN,
        Map.of(Variable.Username, "pgagent", Variable.Password, "pgpass")).orElseThrow();
    assertEquals(3001, row.integer("AgentId", 0));
    assertEquals("A Rather Long Caller Name", row.text("CallerIDName"));
    assertEquals(Optional.empty(), runner.run(tenant("usp_AgentLogin", 5), EventType.AGENT_LOGIN,
        Map.of(Variable.Username, "pgagent", Variable.Password, "' OR '1'='1")));
  }

  @Test
  void aProcedureDeclaringSomeParametersGetsJustThoseInItsOrder() throws Exception {
    EventRunner runner = new EventRunner(t -> db);
    try (Connection c = db.getConnection()) {
      ProcedureSignature s = runner.signature(c, tenant("usp_AgentLogin", 5), EventType.AGENT_LOGOUT, "usp_AgentLogout");
      assertEquals("CALL usp_AgentLogout(?, ?, ?, ?)", s.sql());
      assertEquals(List.of(Variable.AgentId, Variable.LoginDateTime, Variable.LogoutDateTime, Variable.BusyTime), s.parameters());
    }
    Map<Variable, Object> values = new EnumMap<>(Variable.class);
    values.put(Variable.LoginDateTime, LocalDateTime.of(2026, 3, 1, 9, 0, 0));
    values.put(Variable.LogoutDateTime, LocalDateTime.of(2026, 3, 1, 9, 10, 0));
    values.put(Variable.AwayTime, 0);
    values.put(Variable.BusyTime, 600);
    values.put(Variable.OnPhoneTime, 0);
    values.put(Variable.ReadyTime, 0);
    values.put(Variable.AgentId, 3001);
    runner.run(tenant("usp_AgentLogin", 5), EventType.AGENT_LOGOUT, values);
    try (Connection c = db.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select agent_id, logout_date_time, busy_time from agent_stats where login_date_time = '2026-03-01 09:00:00'")) {
      assertTrue(rs.next());
      assertEquals(3001, rs.getInt(1));
      assertEquals(LocalDateTime.of(2026, 3, 1, 9, 10, 0), rs.getTimestamp(2).toLocalDateTime());
      assertEquals(600, rs.getInt(3));
    }
  }

  @Test
  void aSchemaQualifiedProcedureIsFound() throws Exception {
    try (Connection c = db.getConnection()) {
      ProcedureSignature s = ProcedureSignature.read(c, "pg", EventType.CALL_END, "public.usp_CallEnd");
      assertEquals(List.of(Variable.CallId, Variable.Segment, Variable.AgentId, Variable.TalkTime), s.parameters());
    }
  }

  @Test
  void aParameterOutsideTheContractMakesTheTenantUnusable() throws Exception {
    try (Connection c = db.getConnection()) {
      var e = assertThrows(TenantConfigException.class, () -> ProcedureSignature.read(c, "pg", EventType.AGENT_LOGIN, "usp_Odd"));
      assertTrue(e.getMessage().contains("shoe"), e.getMessage());
    }
  }

  @Test
  void theQueryTimeoutEndsASlowProcedureAsAnOutage() {
    EventRunner runner = new EventRunner(t -> db);
    var e = assertThrows(CustomerDatabaseException.class, () -> runner.run(tenant("usp_Slow", 1), EventType.AGENT_LOGIN,
        Map.of(Variable.Username, "pgagent", Variable.Password, "pgpass")));
    assertTrue(e.unavailable(), e.getMessage());
  }
}
