package org.ccphone.call.end;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.ccphone.call.CallAdmission;
import org.ccphone.overload.QueueDelay;
import org.ccphone.store.CommitDelay;
import org.ccphone.store.CommitDelays;
import org.ccphone.tenant.EventType;
import org.ccphone.tenant.Variable;
import org.ccphone.tenant.outbox.Outbox;

/**
 * Makes Call End rows durable in the outbox, off the routing thread, with group commits: the rows
 * that arrive while one transaction commits go together in the next, and under load the writer
 * waits a moment for more ({@link CommitDelay}). Each write's stage completes
 * once its row is committed, so the caller is told the call is over only after that. When the
 * server's own database refuses, the rows are kept and tried again; a stop waits for them.
 */
@ApplicationScoped
public class CallEndWriter {
  private static final Logger LOG = Logger.getLogger(CallEndWriter.class.getName());
  private static final int MAX_BATCH = 500;
  private static final long RETRY_MILLIS = 500;

  @Inject Outbox outbox;
  @Resource ManagedThreadFactory threads;

  @Inject CallAdmission admission;

  @Inject CommitDelays commitDelays;

  /** {@code queuedAt} on the clock of the admission's Call End queue, which judges how long rows wait. */
  private record Pending(Outbox.Owed row, CompletableFuture<Void> stored, long queuedAt) {}

  private final BlockingQueue<Pending> pending = new LinkedBlockingQueue<>();
  private volatile Thread worker;
  private volatile boolean stopping;

  /** Queues a row; the stage completes when it is durable in the outbox. */
  public CompletionStage<Void> write(String appId, Map<Variable, Object> values) {
    QueueDelay waiting = admission.callEndStore();
    Pending row = new Pending(new Outbox.Owed(appId, EventType.CALL_END, values), new CompletableFuture<>(), waiting.now());
    waiting.entered();
    pending.add(row);
    startOnce();
    return row.stored();
  }

  /** Rows not yet in the outbox. */
  public int backlog() {
    return pending.size();
  }

  private synchronized void startOnce() {
    if (worker == null) {
      worker = threads.newThread(this::run);
      worker.setName("call-end-writer");
      worker.setDaemon(true);
      worker.start();
    }
  }

  private void run() {
    CommitDelay commitDelay = commitDelays.forOneWriter();
    List<Pending> batch = new ArrayList<>();
    while (!(stopping && batch.isEmpty() && pending.isEmpty()) && !Thread.currentThread().isInterrupted()) {
      try {
        if (batch.isEmpty()) {
          Pending first = pending.poll(200, TimeUnit.MILLISECONDS);
          if (first == null) {
            continue;
          }
          batch.add(first);
          pending.drainTo(batch, MAX_BATCH - 1);
          commitDelay.gather(pending, batch, MAX_BATCH);
          QueueDelay waiting = admission.callEndStore();
          batch.forEach(p -> waiting.leftSince(p.queuedAt()));
        }
        outbox.sendAll(batch.stream().map(Pending::row).toList());
        batch.forEach(p -> p.stored().complete(null));
        batch.clear();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (SQLException | RuntimeException e) {
        LOG.warning(batch.size() + " Call End rows not stored yet (" + e.getMessage() + "); trying again");
        pause();
      }
    }
    exited();
  }

  /** A row written after a flush (a late answer) starts the writer again rather than waiting for nobody. */
  private synchronized void exited() {
    worker = null;
    if (!pending.isEmpty() && !Thread.currentThread().isInterrupted()) {
      startOnce();
    }
  }

  private void pause() {
    try {
      Thread.sleep(RETRY_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Stores every row still queued, waiting up to {@code limit}; what the server's own database
   * still refuses by then is logged with its count (it cannot be kept anywhere else).
   */
  public void flush(Duration limit) {
    stopping = true;
    Thread t = worker;
    if (t == null) {
      return;
    }
    try {
      t.join(limit.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (t.isAlive() || !pending.isEmpty()) {
      LOG.severe(pending.size() + " Call End rows could not be stored before the server stopped");
      t.interrupt();
    }
  }
}
