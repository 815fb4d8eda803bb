package org.ccphone.tenant.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ccphone.schema.SchemaMigrations;
import org.ccphone.tenant.EventType;
import org.ccphone.tenant.Variable;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Outbox rows inserted with plain JDBC into the application's schema, on a real (in-memory) H2 database. */
class OutboxRowsTest {
  private JdbcDataSource db;
  private Connection keepAlive;

  @BeforeEach
  void database() throws Exception {
    db = new JdbcDataSource();
    db.setURL("jdbc:h2:mem:outbox-rows-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    keepAlive = db.getConnection();
    SchemaMigrations.apply(db, "liquibase/app/changelog.xml", "default");
  }

  @AfterEach
  void close() throws SQLException {
    keepAlive.close();
  }

  private OutboxRows rows() {
    OutboxRows rows = new OutboxRows();
    rows.db = db;
    return rows;
  }

  private static Outbox.Owed callEnd(String callId) {
    return new Outbox.Owed("demo", EventType.CALL_END, Map.of(Variable.Ani, callId));
  }

  private List<String> stored(String column) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Statement s = keepAlive.createStatement();
        ResultSet r = s.executeQuery("SELECT " + column + " FROM OUTBOX_MESSAGE ORDER BY ID")) {
      while (r.next()) {
        values.add(r.getString(1));
      }
    }
    return values;
  }

  @Test
  void rowsAreDueAtOnceWithTheirPayloadAndNoAttempt() throws Exception {
    rows().addAll(List.of(callEnd("c1"), callEnd("c2")), Instant.parse("2026-11-27T10:00:00Z"));

    assertEquals(List.of("CALL_END", "CALL_END"), stored("EVENT"));
    assertEquals(List.of("c1", "c2"), stored("PAYLOAD").stream().map(p -> OutboxPayload.read(p).get(Variable.Ani)).toList());
    assertEquals(List.of("0", "0"), stored("ATTEMPTS"));
    assertEquals(List.of("2026-11-27 10:00:00", "2026-11-27 10:00:00"), stored("NEXT_ATTEMPT_AT"));
    assertEquals(List.of(Boolean.TRUE, Boolean.TRUE), stored("SET_ASIDE_AT").stream().map(v -> v == null).toList());
  }

  @Test
  void idsFollowTheGeneratorTableAcrossServersAndRestarts() throws Exception {
    try (Statement s = keepAlive.createStatement()) {
      s.executeUpdate("UPDATE ID_GENERATOR SET NEXT_ID = 300 WHERE NAME = 'OUTBOX_MESSAGE'"); // ids 1..300 given before
    }
    OutboxRows first = rows();
    OutboxRows second = rows(); // another server on the same database, or this one after a restart
    first.addAll(List.of(callEnd("a")), Instant.now());
    second.addAll(List.of(callEnd("b")), Instant.now());
    first.addAll(List.of(callEnd("c")), Instant.now());

    assertEquals(List.of("301", "302", "1301"), stored("ID"));
  }

  @Test
  void aBurstLargerThanABlockGetsIdsOfItsOwn() throws Exception {
    List<Outbox.Owed> burst = new ArrayList<>();
    for (int i = 0; i < 1500; i++) {
      burst.add(callEnd("c" + i));
    }
    rows().addAll(burst, Instant.now());

    assertEquals(1500, stored("ID").stream().distinct().count());
  }

  @Test
  void aRefusedBatchLeavesNoRow() throws Exception {
    Outbox.Owed tooLong = new Outbox.Owed("x".repeat(65), EventType.CALL_END, Map.of(Variable.Ani, "c2"));

    assertThrows(SQLException.class, () -> rows().addAll(List.of(callEnd("c1"), tooLong), Instant.now()));
    assertEquals(List.of(), stored("ID"));
  }
}
