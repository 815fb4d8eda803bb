package org.ccphone.tenant.outbox;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.ccphone.store.LocalTransaction;

/**
 * Inserts outbox rows with plain JDBC, in a local transaction of the application's database. The
 * rows that must be durable before an answer (a burst of Call Ends, the logouts that arrive
 * together) are the hottest writes the server has; through JTA and EclipseLink's unit of work a
 * batch cost about twice what the database itself did (docs/performance.md). The entity
 * {@link OutboxMessage} still reads, updates and deletes them.
 */
@ApplicationScoped
public class OutboxRows {
  private static final String INSERT = "INSERT INTO OUTBOX_MESSAGE"
      + " (ID, APP_ID, EVENT, PAYLOAD, CREATED_AT, ATTEMPTS, NEXT_ATTEMPT_AT, REJECTIONS) VALUES (?, ?, ?, ?, ?, 0, ?, 0)";

  @Resource(lookup = "jdbc/callcenter-app")
  DataSource db;

  private final OutboxIds ids = new OutboxIds();

  /** Records the events durably in one transaction of their own; once this returns, a restart cannot lose them. */
  public void addAll(List<Outbox.Owed> events, Instant now) throws SQLException {
    LocalTransaction.run(db, c -> insert(c, events, now));
  }

  /** Inserts the events on {@code c}, inside the caller's transaction, which commits them. */
  public void insert(Connection c, List<Outbox.Owed> events, Instant now) throws SQLException {
    long[] taken = ids.take(db, events.size());
    try (PreparedStatement s = c.prepareStatement(INSERT)) {
      for (int i = 0; i < events.size(); i++) {
        Outbox.Owed owed = events.get(i);
        s.setLong(1, taken[i]);
        s.setString(2, owed.appId());
        s.setString(3, owed.event().name());
        s.setString(4, OutboxPayload.write(owed.values()));
        s.setObject(5, OutboxMessage.utc(now));
        s.setObject(6, OutboxMessage.utc(now));
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  /**
   * Hands out the outbox's ids in blocks, by the rule EclipseLink's table generator followed for
   * these rows (add the block's size to ID_GENERATOR.NEXT_ID; the block ends at the new value), so
   * that ids stay unique over rows written before. A block is taken in a short transaction of its
   * own, so the row lock is not held while a batch commits; ids of a block a crash leaves unused
   * are skipped, which is harmless.
   */
  static final class OutboxIds {
    private static final int BLOCK = 1000;
    private long next = 1;
    private long last;

    synchronized long[] take(DataSource db, int count) throws SQLException {
      long[] taken = new long[count];
      for (int i = 0; i < count; i++) {
        if (next > last) {
          allocate(db, Math.max(BLOCK, count - i));
        }
        taken[i] = next++;
      }
      return taken;
    }

    private void allocate(DataSource db, int size) throws SQLException {
      long[] end = new long[1];
      LocalTransaction.run(db, c -> {
        try (PreparedStatement bump = c.prepareStatement("UPDATE ID_GENERATOR SET NEXT_ID = NEXT_ID + ? WHERE NAME = 'OUTBOX_MESSAGE'");
            PreparedStatement read = c.prepareStatement("SELECT NEXT_ID FROM ID_GENERATOR WHERE NAME = 'OUTBOX_MESSAGE'")) {
          bump.setLong(1, size);
          if (bump.executeUpdate() != 1) {
            throw new SQLException("ID_GENERATOR has no OUTBOX_MESSAGE row");
          }
          try (ResultSet r = read.executeQuery()) {
            r.next();
            end[0] = r.getLong(1);
          }
        }
      });
      next = end[0] - size + 1; // only once the block is committed
      last = end[0];
    }
  }
}
