package org.ccphone.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.ccphone.support.Eventually;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The group commit on a real (in-memory) H2 database: durable on return, shared commits, whole-batch failures. */
class GroupCommitTest {
  private JdbcDataSource db;
  private Connection keepAlive;
  private final List<Integer> batchSizes = java.util.Collections.synchronizedList(new ArrayList<>());
  private volatile CountDownLatch gate = new CountDownLatch(0);
  private final CountDownLatch entered = new CountDownLatch(1);

  @BeforeEach
  void database() throws SQLException {
    db = new JdbcDataSource();
    db.setURL("jdbc:h2:mem:group-commit-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    keepAlive = db.getConnection();
    try (Statement s = keepAlive.createStatement()) {
      s.execute("CREATE TABLE ROWS_WRITTEN (ID INT PRIMARY KEY)");
    }
  }

  @AfterEach
  void close() throws SQLException {
    keepAlive.close();
  }

  private GroupCommit<Integer> groupCommit() {
    return new GroupCommit<>("test", GroupCommit.inTransaction(db, (c, rows) -> {
      entered.countDown();
      awaitGate();
      batchSizes.add(rows.size());
      try (PreparedStatement s = c.prepareStatement("INSERT INTO ROWS_WRITTEN (ID) VALUES (?)")) {
        for (int id : rows) {
          s.setInt(1, id);
          s.addBatch();
        }
        s.executeBatch();
      }
    }), 64, new CommitDelay(Duration.ZERO), Thread::new);
  }

  private void awaitGate() {
    try {
      gate.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private int count(String where) throws SQLException {
    try (Statement s = keepAlive.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM ROWS_WRITTEN " + where)) {
      rs.next();
      return rs.getInt(1);
    }
  }

  @Test
  void aRowIsCommittedWhenWriteReturns() throws Exception {
    try (GroupCommit<Integer> rows = groupCommit()) {
      rows.write(1, Duration.ofSeconds(5));
      assertEquals(1, count("WHERE ID = 1"), "visible to another connection: committed");
    }
  }

  @Test
  void rowsThatArriveWhileATransactionIsUnderWayShareTheNextCommit() throws Exception {
    ExecutorService callers = Executors.newFixedThreadPool(20);
    try (GroupCommit<Integer> rows = groupCommit()) {
      gate = new CountDownLatch(1); // holds the writer inside its first transaction
      List<Future<?>> writes = new ArrayList<>();
      writes.add(callers.submit(() -> { rows.write(100, Duration.ofSeconds(10)); return null; }));
      assertTrue(entered.await(10, TimeUnit.SECONDS), "the first transaction is under way");
      for (int i = 101; i < 120; i++) {
        int id = i;
        writes.add(callers.submit(() -> { rows.write(id, Duration.ofSeconds(10)); return null; }));
      }
      Eventually.await(Duration.ofSeconds(10), rows::waiting, n -> n == 19); // waiting for the next commit
      gate.countDown();
      for (Future<?> w : writes) {
        w.get(10, TimeUnit.SECONDS);
      }
      assertEquals(20, count("WHERE ID >= 100"));
      assertEquals(List.of(1, 19), batchSizes, "two commits for 20 rows");
    } finally {
      callers.shutdownNow();
    }
  }

  @Test
  void aRowWhoseCallerGaveUpBeforeItsTransactionIsNotWritten() throws Exception {
    try (GroupCommit<Integer> rows = groupCommit()) {
      gate = new CountDownLatch(1);
      ExecutorService first = Executors.newSingleThreadExecutor();
      Future<?> held = first.submit(() -> { rows.write(1, Duration.ofSeconds(10)); return null; });
      assertTrue(entered.await(10, TimeUnit.SECONDS), "the first transaction is under way");
      assertThrows(SQLException.class, () -> rows.write(2, Duration.ofMillis(50)), "not committed within 50 ms");
      gate.countDown();
      held.get(10, TimeUnit.SECONDS);
      rows.write(3, Duration.ofSeconds(5));
      assertEquals(0, count("WHERE ID = 2"), "the row given up was left out");
      first.shutdownNow();
    }
  }

  @Test
  void aFailedTransactionFailsItsRowsAndTheWriterGoesOn() throws Exception {
    try (GroupCommit<Integer> rows = groupCommit()) {
      rows.write(7, Duration.ofSeconds(5));
      SQLException duplicate = assertThrows(SQLException.class, () -> rows.write(7, Duration.ofSeconds(5)));
      assertTrue(duplicate.getMessage().toLowerCase().contains("unique") || duplicate.getMessage().contains("PRIMARY"),
          duplicate.getMessage());
      rows.write(8, Duration.ofSeconds(5)); // the writer goes on after a failed transaction
      assertEquals(2, count(""));
    }
  }

  @Test
  void afterItIsClosedRowsAreStillWrittenOneByOne() throws Exception {
    GroupCommit<Integer> rows = groupCommit();
    rows.close();
    rows.write(1, Duration.ofSeconds(5)); // a logout during the server's stop is still kept
    assertEquals(1, count("WHERE ID = 1"));
  }
}
