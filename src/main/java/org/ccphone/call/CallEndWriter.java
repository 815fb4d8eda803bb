package org.ccphone.call;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.logging.Logger;
import org.ccphone.tenant.EventType;
import org.ccphone.tenant.Variable;
import org.ccphone.tenant.outbox.Outbox;

/**
 * Puts Call End rows into the outbox off the routing thread. Rows that pile up during a burst go in
 * one transaction; when the server's own database refuses them they are kept and tried again, so a
 * row owed to a customer is never dropped while the server runs.
 */
@ApplicationScoped
public class CallEndWriter {
  private static final Logger LOG = Logger.getLogger(CallEndWriter.class.getName());
  private static final int MAX_BATCH = 200;

  @Inject Outbox outbox;
  @Resource ManagedThreadFactory threads;

  private final BlockingQueue<Outbox.Owed> pending = new LinkedBlockingQueue<>();
  private volatile Thread worker;

  public void write(String appId, Map<Variable, Object> values) {
    pending.add(new Outbox.Owed(appId, EventType.CALL_END, values));
    startOnce();
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
    List<Outbox.Owed> batch = new ArrayList<>();
    while (!Thread.currentThread().isInterrupted()) {
      try {
        if (batch.isEmpty()) {
          batch.add(pending.take());
          pending.drainTo(batch, MAX_BATCH - 1);
        }
        outbox.sendAll(batch);
        batch.clear();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        LOG.warning(batch.size() + " Call End rows not stored yet (" + e.getMessage() + "); trying again in 2 s");
        try {
          Thread.sleep(2000);
        } catch (InterruptedException stop) {
          Thread.currentThread().interrupt();
        }
      }
    }
    if (!batch.isEmpty() || !pending.isEmpty()) {
      LOG.severe((batch.size() + pending.size()) + " Call End rows were not stored before the server stopped");
    }
  }

  @PreDestroy
  void stop() {
    Thread t = worker;
    if (t != null) {
      t.interrupt();
    }
  }
}
