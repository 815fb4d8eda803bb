package org.ccphone.tenant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The runner against a real database (H2 in SQL Server mode, as the demo tenant uses). */
class EventRunnerTest {
  private JdbcDataSource db;
  private TenantConfig tenant;
  private EventRunner runner;

  @BeforeEach
  void database() throws SQLException {
    db = new JdbcDataSource();
    db.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";MODE=MSSQLServer;DB_CLOSE_DELAY=-1");
    try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE [user] (AgentId int, Username varchar(64), Password varchar(64), CallerId varchar(32), UserLevel int)");
      s.execute("INSERT INTO [user] VALUES (7, 'joe', 'smith', '555', 2)");
      s.execute("CREATE TABLE AgentStats (LoginDateTime datetime, LogoutDateTime datetime, IdleTime int, AgentId int)");
    }
    tenant = TenantConfigParser.parse("""
        {"appId": "t", "events": {
          "agentLogin": {"statement": "select AgentId, CALLERID, UserLevel FROM [user] where Username = '{USERNAME}' and Password = '{PASSWORD}'"},
          "agentLogout": {"statement": "INSERT INTO AgentStats (LoginDateTime, LogoutDateTime, IdleTime, AgentId) VALUES ('{LoginDateTime}', '{LogoutDateTime}', {BusyTime}, {AgentId})"},
          "callStart": {"statement": "select 1 as Url"},
          "callEnd": {"statement": "select {CallId} as CallId, {Segment} as Segment"}
        }}""", "t");
    runner = new EventRunner(t -> db);
  }

  @Test
  void loginReturnsTheRowWithColumnsMatchedCaseInsensitively() throws Exception {
    Row row = runner.run(tenant, EventType.AGENT_LOGIN, Map.of(Variable.Username, "joe", Variable.Password, "smith")).orElseThrow();
    assertEquals(7, row.integer("agentid", 0));
    assertEquals("555", row.text("CallerId"));
    assertEquals(2, row.integer("USERLEVEL", 0));
  }

  @Test
  void injectionInAValueIsJustAWrongValue() throws Exception {
    assertEquals(Optional.empty(), runner.run(tenant, EventType.AGENT_LOGIN,
        Map.of(Variable.Username, "' OR '1'='1", Variable.Password, "x' --")));
    assertEquals(Optional.empty(), runner.run(tenant, EventType.AGENT_LOGIN,
        Map.of(Variable.Username, "joe'; DROP TABLE [user]; --", Variable.Password, "smith")));
    assertTrue(runner.run(tenant, EventType.AGENT_LOGIN, Map.of(Variable.Username, "joe", Variable.Password, "smith")).isPresent());
  }

  @Test
  void logoutBindsDatetimesAndIntegers() throws Exception {
    Map<Variable, Object> values = new EnumMap<>(Variable.class);
    values.put(Variable.LoginDateTime, LocalDateTime.of(2026, 1, 2, 8, 0, 0));
    values.put(Variable.LogoutDateTime, LocalDateTime.of(2026, 1, 2, 16, 30, 5));
    values.put(Variable.BusyTime, 30605);
    values.put(Variable.AgentId, 7);
    values.put(Variable.ReadyTime, 0); // not used by this statement: ignored
    assertEquals(Optional.empty(), runner.run(tenant, EventType.AGENT_LOGOUT, values));
    try (Connection c = db.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select LoginDateTime, LogoutDateTime, IdleTime, AgentId from AgentStats")) {
      assertTrue(rs.next());
      assertEquals(LocalDateTime.of(2026, 1, 2, 8, 0, 0), rs.getTimestamp(1).toLocalDateTime());
      assertEquals(LocalDateTime.of(2026, 1, 2, 16, 30, 5), rs.getTimestamp(2).toLocalDateTime());
      assertEquals(30605, rs.getInt(3));
      assertEquals(7, rs.getInt(4));
    }
  }

  private static Map<Variable, Object> logout(int agentId, int busyTime) {
    Map<Variable, Object> values = new EnumMap<>(Variable.class);
    values.put(Variable.LoginDateTime, LocalDateTime.of(2026, 1, 2, 8, 0, 0));
    values.put(Variable.LogoutDateTime, LocalDateTime.of(2026, 1, 2, 16, 0, 0));
    values.put(Variable.BusyTime, busyTime);
    values.put(Variable.AgentId, agentId);
    return values;
  }

  private int agentStatsRows() throws SQLException {
    try (Connection c = db.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select count(*) from AgentStats")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  @Test
  void rowsRunTogetherAreAllWrittenWithTheirOwnValues() throws Exception {
    runner.runAll(tenant, EventType.AGENT_LOGOUT, List.of(logout(1, 10), logout(2, 20), logout(3, 30)));
    try (Connection c = db.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select AgentId, IdleTime from AgentStats order by AgentId")) {
      for (int agent = 1; agent <= 3; agent++) {
        assertTrue(rs.next());
        assertEquals(agent, rs.getInt(1));
        assertEquals(agent * 10, rs.getInt(2));
      }
      assertFalse(rs.next());
    }
  }

  @Test
  void oneRowTheDatabaseRejectsLeavesNoneOfTheOthersWritten() throws Exception {
    try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
      s.execute("ALTER TABLE AgentStats ADD CONSTRAINT IdleTimeNotNegative CHECK (IdleTime >= 0)");
    }
    var e = assertThrows(CustomerDatabaseException.class,
        () -> runner.runAll(tenant, EventType.AGENT_LOGOUT, List.of(logout(1, 10), logout(2, -1), logout(3, 30))));
    assertFalse(e.unavailable(), e.getMessage());
    assertEquals(0, agentStatsRows());
    // Nothing was left half done: the rows still go one by one.
    runner.run(tenant, EventType.AGENT_LOGOUT, logout(1, 10));
    assertEquals(1, agentStatsRows());
  }

  @Test
  void rowsRunTogetherAgainstADatabaseThatCannotBeReachedAreAnOutage() {
    JdbcDataSource nowhere = new JdbcDataSource();
    nowhere.setURL("jdbc:h2:tcp://127.0.0.1:1/nothing");
    var e = assertThrows(CustomerDatabaseException.class,
        () -> new EventRunner(t -> nowhere).runAll(tenant, EventType.AGENT_LOGOUT, List.of(logout(1, 10), logout(2, 20))));
    assertTrue(e.unavailable());
  }

  @Test
  void aMissingValueIsBoundAsNull() throws Exception {
    Map<Variable, Object> values = new EnumMap<>(Variable.class);
    values.put(Variable.Segment, 1);
    Row row = runner.run(tenant, EventType.CALL_END, values).orElseThrow();
    assertEquals(null, row.text("CallId"));
  }

  @Test
  void aStatementTheDatabaseRejectsIsNotAnOutage() throws Exception {
    TenantConfig bad = TenantConfigParser.parse("""
        {"appId": "t", "events": {
          "agentLogin": {"statement": "select NoSuchColumn FROM [user] where Username = {Username}"},
          "agentLogout": {"statement": "select 1"}, "callStart": {"statement": "select 1"}, "callEnd": {"statement": "select 1"}
        }}""", "t");
    var e = assertThrows(CustomerDatabaseException.class,
        () -> runner.run(bad, EventType.AGENT_LOGIN, Map.of(Variable.Username, "joe")));
    assertFalse(e.unavailable());
  }

  @Test
  void aDatabaseThatCannotBeReachedIsAnOutage() {
    JdbcDataSource nowhere = new JdbcDataSource();
    nowhere.setURL("jdbc:h2:tcp://127.0.0.1:1/nothing");
    var e = assertThrows(CustomerDatabaseException.class, () -> new EventRunner(t -> nowhere)
        .run(tenant, EventType.AGENT_LOGIN, Map.of(Variable.Username, "joe", Variable.Password, "smith")));
    assertTrue(e.unavailable());
    assertTrue(e.getMessage().contains("cannot be reached"), e.getMessage());
  }

  @Test
  void aStatementPastTheTenantsQueryTimeoutIsCancelledEachTimeOnTheSameConnection() throws Exception {
    TenantConfig slow = TenantConfigParser.parse("""
        {"appId": "t", "queryTimeoutSeconds": 1, "events": {
          "agentLogin": {"statement": "select AgentId FROM [user] where Username = '{USERNAME}' and Password = '{PASSWORD}'"},
          "agentLogout": {"statement": "select 1"},
          "callStart": {"statement": "select count(*) as Url from system_range(1, 1000000000000) where mod(x, 7) = 3"},
          "callEnd": {"statement": "select 1"}
        }}""", "t");
    // One pooled connection, as the server's pool hands out: the timeout must hold on its second use too.
    org.h2.jdbcx.JdbcConnectionPool pool = org.h2.jdbcx.JdbcConnectionPool.create(db);
    pool.setMaxConnections(1);
    EventRunner onePool = new EventRunner(t -> pool);
    try {
      for (int i = 0; i < 2; i++) {
        CustomerDatabaseException e = assertTimeoutPreemptively(java.time.Duration.ofSeconds(60),
            () -> assertThrows(CustomerDatabaseException.class, () -> onePool.run(slow, EventType.CALL_START, Map.of())));
        assertTrue(e.getMessage().contains("callStart"), e.getMessage());
      }
    } finally {
      pool.dispose();
    }
  }
}
