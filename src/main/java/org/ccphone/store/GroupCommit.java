package org.ccphone.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Writes the rows that arrive together in one transaction. Each caller waits until the transaction
 * holding its row has committed, so what it answers is durable, and a burst of N rows costs one
 * commit instead of N (a commit is most of a small insert's cost: the database writes and syncs
 * its log). One writer thread; a failed transaction fails every row in it, and nothing is retried
 * behind the callers' backs.
 */
public final class GroupCommit<T> implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(GroupCommit.class.getName());

  /** Writes a batch of rows on a connection whose transaction the group commit then commits. */
  @FunctionalInterface
  public interface Batch<T> {
    void write(Connection connection, List<T> rows) throws SQLException;
  }

  private record Pending<T>(T row, CompletableFuture<Void> committed) {}

  private final String name;
  private final DataSource db;
  private final Batch<T> batch;
  private final int maxRows;
  private final BlockingQueue<Pending<T>> queue = new LinkedBlockingQueue<>();
  private final Thread writer;
  private volatile boolean closed;

  public GroupCommit(String name, DataSource db, Batch<T> batch, int maxRows, ThreadFactory threads) {
    this.name = name;
    this.db = db;
    this.batch = batch;
    this.maxRows = maxRows;
    this.writer = threads.newThread(this::run);
    writer.setName("group-commit-" + name);
    writer.setDaemon(true);
    writer.start();
  }

  /**
   * Writes {@code row} and returns once it is committed.
   *
   * @throws SQLException when its transaction failed, the group commit is closed, or it was not
   *     committed within {@code within} (it is then left out of any later transaction, unless one
   *     was already under way; such a row is logged)
   */
  public void write(T row, Duration within) throws SQLException {
    if (closed) {
      throw new SQLException(name + ": the server is stopping");
    }
    Pending<T> pending = new Pending<>(row, new CompletableFuture<>());
    queue.add(pending);
    try {
      pending.committed().get(within.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof SQLException sql ? sql : new SQLException(name + ": " + e.getCause(), e.getCause());
    } catch (TimeoutException | CancellationException e) {
      pending.committed().cancel(false);
      throw new SQLException(name + ": not committed within " + within.toMillis() + " ms");
    } catch (InterruptedException e) {
      pending.committed().cancel(false);
      Thread.currentThread().interrupt();
      throw new SQLException(name + ": interrupted while waiting for the commit", e);
    }
  }

  /** Rows waiting for the next transaction. */
  public int waiting() {
    return queue.size();
  }

  private void run() {
    List<Pending<T>> rows = new ArrayList<>(maxRows);
    while (!closed) {
      try {
        Pending<T> first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        rows.add(first);
        queue.drainTo(rows, maxRows - 1); // what arrived meanwhile goes into the same transaction
        rows.removeIf(p -> p.committed().isDone()); // its caller gave up: not written at all
        if (!rows.isEmpty()) {
          commit(rows);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } finally {
        rows.clear();
      }
    }
    SQLException stopped = new SQLException(name + ": the server is stopping");
    for (Pending<T> p; (p = queue.poll()) != null; ) {
      p.committed().completeExceptionally(stopped);
    }
  }

  private void commit(List<Pending<T>> rows) {
    try (Connection c = db.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        batch.write(c, rows.stream().map(Pending::row).toList());
        c.commit();
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(c);
        throw e;
      } finally {
        c.setAutoCommit(autoCommit);
      }
    } catch (SQLException | RuntimeException e) {
      rows.forEach(p -> p.committed().completeExceptionally(e));
      return;
    }
    for (Pending<T> p : rows) {
      if (!p.committed().complete(null)) {
        LOG.warning(name + ": a row was committed after its caller stopped waiting: " + p.row());
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

  /** Stops the writer; rows still waiting fail, the transaction under way finishes. */
  @Override
  public void close() {
    closed = true;
    try {
      writer.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
