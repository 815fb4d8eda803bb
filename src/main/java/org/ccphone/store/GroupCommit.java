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

  /** Makes a batch of rows durable in one transaction of its own; returns once it is committed. */
  @FunctionalInterface
  public interface Batch<T> {
    void commit(List<T> rows) throws Exception;
  }

  /** Writes a batch of rows on a JDBC connection whose transaction the batch then commits. */
  @FunctionalInterface
  public interface JdbcBatch<T> {
    void write(Connection connection, List<T> rows) throws SQLException;
  }

  /** A batch written in a local transaction of the data source (no JTA transaction is active on the writer). */
  public static <T> Batch<T> inTransaction(DataSource db, JdbcBatch<T> batch) {
    return rows -> LocalTransaction.run(db, c -> batch.write(c, rows));
  }

  private record Pending<T>(T row, CompletableFuture<Void> committed) {}

  private final String name;
  private final Batch<T> batch;
  private final int maxRows;
  private final CommitDelay delay;
  private final BlockingQueue<Pending<T>> queue = new LinkedBlockingQueue<>();
  private final Thread writer;
  private volatile boolean closed;

  public GroupCommit(String name, Batch<T> batch, int maxRows, CommitDelay delay, ThreadFactory threads) {
    this.name = name;
    this.batch = batch;
    this.maxRows = maxRows;
    this.delay = delay;
    this.writer = threads.newThread(this::run);
    writer.setName("group-commit-" + name);
    writer.setDaemon(true);
    writer.start();
  }

  /**
   * Writes {@code row} and returns once it is committed.
   *
   * @throws SQLException when its transaction failed, or it was not committed within {@code within}
   *     (it is then left out of any later transaction, unless one was already under way; such a row
   *     is logged). Once closed, the row is written alone on this thread.
   */
  public void write(T row, Duration within) throws SQLException {
    if (closed) {
      commitAlone(row); // the server is stopping: what still comes is written one by one, not refused
      return;
    }
    Pending<T> pending = new Pending<>(row, new CompletableFuture<>());
    queue.add(pending);
    try {
      pending.committed().get(within.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r; // as the batch threw it: a storage failure the caller knows how to answer
      }
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
        delay.gather(queue, rows, maxRows); // and under load, what comes a moment later
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
    for (Pending<T> p; (p = queue.poll()) != null; ) { // came in while it stopped: written one by one
      try {
        commitAlone(p.row());
        p.committed().complete(null);
      } catch (SQLException | RuntimeException e) {
        p.committed().completeExceptionally(e);
      }
    }
  }

  private void commit(List<Pending<T>> rows) {
    try {
      batch.commit(rows.stream().map(Pending::row).toList());
    } catch (Exception e) {
      rows.forEach(p -> p.committed().completeExceptionally(e));
      return;
    }
    for (Pending<T> p : rows) {
      if (!p.committed().complete(null)) {
        LOG.warning(name + ": a row was committed after its caller stopped waiting: " + p.row());
      }
    }
  }

  private void commitAlone(T row) throws SQLException {
    try {
      batch.commit(List.of(row));
    } catch (SQLException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new SQLException(name + ": " + e, e);
    }
  }

  /** Stops the writer once its transaction under way is done; later rows are written one by one on their callers' threads. */
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
