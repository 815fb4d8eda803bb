package org.ccphone.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Work done in one local transaction of a data source, plain JDBC: committed when the work returns,
 * rolled back when it throws. For the server's hot writes, on threads where no JTA transaction is
 * active.
 */
public final class LocalTransaction {
  private static final Logger LOG = Logger.getLogger(LocalTransaction.class.getName());

  /** What is done on the transaction's connection. */
  @FunctionalInterface
  public interface Work {
    void on(Connection connection) throws SQLException;
  }

  private LocalTransaction() {}

  public static void run(DataSource db, Work work) throws SQLException {
    try (Connection c = db.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        work.on(c);
        c.commit();
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(c);
        throw e;
      } finally {
        c.setAutoCommit(autoCommit);
      }
    }
  }

  private static void rollbackQuietly(Connection c) {
    try {
      c.rollback();
    } catch (SQLException e) {
      LOG.log(Level.FINE, "rollback failed", e);
    }
  }
}
