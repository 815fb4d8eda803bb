package org.ccphone.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.ccphone.tenant.TenantRegistry;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The figures against a real database (H2) with the server's table: each key stored on its own when one is refused. */
class DailyFiguresStorageTest {
  private JdbcDataSource db;

  @BeforeEach
  void database() throws Exception {
    db = new JdbcDataSource();
    db.setURL("jdbc:h2:mem:figures-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
      // As liquibase/app/changelog.xml creates it.
      s.execute("CREATE TABLE DAILY_FIGURES (APP_ID VARCHAR(64) NOT NULL, ON_DAY DATE NOT NULL, KIND VARCHAR(8) NOT NULL,"
          + " NAME VARCHAR(255) NOT NULL, OFFERED BIGINT DEFAULT 0 NOT NULL, ANSWERED BIGINT DEFAULT 0 NOT NULL,"
          + " ABANDONED BIGINT DEFAULT 0 NOT NULL, OVERFLOWED BIGINT DEFAULT 0 NOT NULL,"
          + " ANSWERED_IN_TIME BIGINT DEFAULT 0 NOT NULL, ANSWER_WAIT_MS BIGINT DEFAULT 0 NOT NULL,"
          + " PRIMARY KEY (APP_ID, ON_DAY, KIND, NAME))");
    }
  }

  private DailyFigures figures() {
    DailyFigures figures = new DailyFigures();
    figures.tenants = new TenantRegistry();
    figures.store = new FiguresStore();
    figures.store.db = db;
    return figures;
  }

  @Test
  void aKeyTheDatabaseRefusesIsSetAsideWhileEveryOtherKeyAndTenantIsStored() {
    DailyFigures figures = figures();
    Instant now = Instant.now();
    String tooLong = "x".repeat(300);
    figures.queued("acme", List.of("sales"), now);
    figures.queued("acme", List.of(tooLong), now);
    figures.offered("acme", 1001, now);
    figures.queued("globex", List.of("support"), now);
    figures.flush();

    DailyFigures afterRestart = figures(); // nothing in memory: what the database holds
    assertEquals(1, afterRestart.today("acme").queues().get("sales").offered());
    assertEquals(1, afterRestart.today("acme").agents().get(1001).offered());
    assertEquals(1, afterRestart.today("globex").queues().get("support").offered());
    assertTrue(!afterRestart.today("acme").queues().containsKey(tooLong));

    assertEquals(1, figures.refused("acme").orElseThrow().keys());
    assertTrue(figures.refused("acme").orElseThrow().reason().startsWith("queue xxx"), figures.refused("acme").toString());
    assertTrue(figures.refused("globex").isEmpty());
    assertEquals(1, figures.today("acme").queues().get(tooLong).offered(), "still shown today");

    figures.queued("acme", List.of("sales"), now); // later flushes are not held back
    figures.flush();
    assertEquals(2, afterRestart.today("acme").queues().get("sales").offered());
  }

  @Test
  void whileTheDatabaseIsDownEveryKeyStaysCountedAndNoneIsSetAside() throws Exception {
    DailyFigures figures = figures();
    figures.queued("acme", List.of("sales"), Instant.now());
    try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
      s.execute("ALTER TABLE DAILY_FIGURES RENAME TO DAILY_FIGURES_AWAY");
    }
    figures.flush();
    assertTrue(figures.refused("acme").isEmpty());
    try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
      s.execute("ALTER TABLE DAILY_FIGURES_AWAY RENAME TO DAILY_FIGURES");
    }
    figures.flush();
    assertEquals(1, figures().today("acme").queues().get("sales").offered());
  }

  @Test
  void callsWhoseSkillsDifferOnlyInCaseWaitInOneQueue() {
    assertEquals("sales+support", DailyFigures.queueOf(List.of("Support", "sales", "SUPPORT")));
  }
}
