package org.ccphone.tenant.outbox;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ccphone.tenant.CustomerDatabaseException;
import org.ccphone.tenant.EventRunner;
import org.ccphone.tenant.EventType;
import org.ccphone.tenant.Tenant;
import org.ccphone.tenant.TenantChecks;
import org.ccphone.tenant.TenantConfigException;
import org.ccphone.tenant.TenantRegistry;
import org.ccphone.tenant.Variable;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Delivers the events a customer must not lose (Agent Logout, Call End): written to the outbox
 * first, then run against the customer database, retried with exponential backoff until it
 * succeeds. Delivery is at least once: see docs/outbox.md for when a duplicate can happen.
 */
@ApplicationScoped
public class Outbox {
  private static final Logger LOG = Logger.getLogger(Outbox.class.getName());
  private static final int BATCH = 200;

  @Inject OutboxStore store;
  @Inject OutboxRows rows;
  @Inject EventRunner runner;
  @Inject TenantRegistry tenants;
  @Inject TenantChecks checks;

  @Resource ManagedThreadFactory threads;

  @Inject
  @ConfigProperty(name = "callcenter.outbox.pollMillis", defaultValue = "1000")
  long pollMillis;

  @Inject
  @ConfigProperty(name = "callcenter.outbox.lingerMillis", defaultValue = "50")
  long lingerMillis;

  @Inject
  @ConfigProperty(name = "callcenter.outbox.maxBackoffSeconds", defaultValue = "60")
  long maxBackoffSeconds;

  @Inject
  @ConfigProperty(name = "callcenter.outbox.maxRejections", defaultValue = "10")
  int maxRejections;

  private final Clock clock = Clock.systemUTC();
  private final AtomicBoolean delivering = new AtomicBoolean();
  private final Semaphore wake = new Semaphore(0);
  private volatile boolean running;
  private Thread worker;

  /** An event owed to a customer, before it is recorded. */
  public record Owed(String appId, EventType event, Map<Variable, ?> values) {}

  /** Records several events durably in one transaction, then asks for a delivery soon. */
  public void sendAll(List<Owed> events) throws SQLException {
    if (!events.isEmpty()) {
      rows.addAll(events, clock.instant());
      nudge();
    }
  }

  /**
   * Asks for a delivery pass soon, after messages were recorded. A permit, not a task: submitting a
   * task to a managed executor for every logout made Payara capture the thread context each time.
   */
  public void nudge() {
    wake.release();
  }

  /** Starts the one delivery thread: a pass when nudged, and every pollMillis for retries. */
  public synchronized void start() {
    if (worker == null) {
      running = true;
      worker = threads.newThread(this::deliverUntilStopped);
      worker.setName("outbox-delivery");
      worker.start();
    }
  }

  public synchronized void stop() {
    running = false;
    if (worker != null) {
      wake.release();
      try {
        worker.join(TimeUnit.SECONDS.toMillis(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      worker = null;
    }
  }

  private void deliverUntilStopped() {
    while (running) {
      deliverDue();
      try {
        if (wake.tryAcquire(pollMillis, TimeUnit.MILLISECONDS) && running && lingerMillis > 0) {
          // Under load rows come every few milliseconds: a short wait lets one pass take them together
          // (one transaction of the customer's database) instead of a pass, a query and commits each.
          Thread.sleep(lingerMillis);
        }
        wake.drainPermits(); // one pass serves every nudge that came meanwhile
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** One pass over the due messages; a tenant found down is skipped for the rest of the pass. */
  public void deliverDue() {
    if (!delivering.compareAndSet(false, true)) {
      return;
    }
    try {
      List<OutboxMessage> due;
      do {
        due = store.due(clock.instant(), BATCH);
        Set<String> down = new HashSet<>();
        List<Long> delivered = new ArrayList<>();
        try {
          for (List<OutboxMessage> run : runs(due)) {
            String appId = run.get(0).appId();
            if (down.contains(appId)) {
              run.forEach(message -> postpone(message, "the database of " + appId + " is unavailable"));
              continue;
            }
            Delivery together = run.size() > 1 ? deliverTogether(run) : Delivery.FAILED;
            if (together == Delivery.DELIVERED) {
              run.forEach(message -> delivered.add(message.id()));
            } else if (together == Delivery.TENANT_DOWN) {
              down.add(appId);
            } else {
              deliverOneByOne(run, down, delivered);
            }
          }
        } finally {
          store.delivered(delivered);
        }
        if (!down.isEmpty()) {
          break;
        }
      } while (due.size() == BATCH);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "outbox pass failed; retrying on the next one", e);
    } finally {
      delivering.set(false);
    }
  }

  private enum Delivery { DELIVERED, FAILED, TENANT_DOWN }

  private void deliverOneByOne(List<OutboxMessage> run, Set<String> down, List<Long> delivered) {
    for (OutboxMessage message : run) {
      if (down.contains(message.appId())) {
        postpone(message, "the database of " + message.appId() + " is unavailable");
        continue;
      }
      switch (deliver(message)) {
        case DELIVERED -> delivered.add(message.id());
        case TENANT_DOWN -> down.add(message.appId());
        case FAILED -> { } // postponed alone: a rejected statement does not hold back the others
      }
    }
  }

  /** The due messages cut into runs of one tenant and one event, in their order. */
  static List<List<OutboxMessage>> runs(List<OutboxMessage> due) {
    List<List<OutboxMessage>> runs = new ArrayList<>();
    List<OutboxMessage> run = null;
    for (OutboxMessage message : due) {
      if (run == null || !run.get(0).appId().equals(message.appId()) || run.get(0).event() != message.event()) {
        run = new ArrayList<>();
        runs.add(run);
      }
      run.add(message);
    }
    return runs;
  }

  /**
   * Delivers a run of one tenant's event in one transaction of its database. An outage postpones the
   * whole run (TENANT_DOWN). Any other failure (FAILED) leaves the run to be delivered one message at
   * a time, which finds the row the database rejects and handles everything as for a single message.
   */
  private Delivery deliverTogether(List<OutboxMessage> run) {
    OutboxMessage first = run.get(0);
    checks.ensureChecked(first.appId());
    Tenant tenant = tenants.find(first.appId()).orElse(null);
    if (tenant == null || !tenant.usable()) {
      return Delivery.FAILED;
    }
    try {
      runner.runAll(tenant.config(), first.event(), run.stream().map(m -> OutboxPayload.read(m.payload())).toList());
      return Delivery.DELIVERED;
    } catch (CustomerDatabaseException e) {
      if (e.unavailable()) {
        run.forEach(message -> postpone(message, e.getMessage()));
        return Delivery.TENANT_DOWN;
      }
      LOG.fine(() -> "outbox: " + run.size() + " messages of " + first.appId() + " not delivered together, one by one now: "
          + e.getMessage());
      return Delivery.FAILED;
    } catch (TenantConfigException e) {
      return Delivery.FAILED;
    }
  }

  private Delivery deliver(OutboxMessage message) {
    checks.ensureChecked(message.appId());
    Tenant tenant = tenants.find(message.appId()).orElse(null);
    if (tenant == null || !tenant.usable()) {
      postpone(message, "tenant " + message.appId() + " is not usable"
          + (tenant == null ? "" : ": " + String.join("; ", tenant.problems())));
      return Delivery.TENANT_DOWN;
    }
    try {
      runner.run(tenant.config(), message.event(), OutboxPayload.read(message.payload()));
      return Delivery.DELIVERED;
    } catch (CustomerDatabaseException e) {
      if (e.unavailable()) {
        postpone(message, e.getMessage());
        return Delivery.TENANT_DOWN;
      }
      reject(message, e.getMessage());
      return Delivery.FAILED;
    } catch (TenantConfigException e) {
      tenants.report(e.appId(), e.problems());
      postpone(message, e.getMessage());
      return Delivery.TENANT_DOWN;
    }
  }

  /** The customer's statement refused this row: retried with backoff, set aside after maxRejections. */
  private void reject(OutboxMessage message, String error) {
    Instant now = clock.instant();
    Instant next = now.plusSeconds(Math.min(maxBackoffSeconds, 1L << Math.min(message.attempts(), 20)));
    if (store.rejected(message.id(), error, next, maxRejections, now)) {
      LOG.severe("outbox: " + message.event() + " #" + message.id() + " for " + message.appId() + " set aside after "
          + maxRejections + " rejections by the customer's database: " + error);
    } else {
      LOG.warning("outbox: " + message.event() + " #" + message.id() + " for " + message.appId()
          + " rejected by the customer's database (" + (message.rejections() + 1) + " of " + maxRejections + "): " + error);
    }
  }

  /** Puts a set-aside row of the tenant back into delivery at once. */
  public boolean replay(String appId, long id) {
    boolean found = store.replay(appId, id, clock.instant());
    if (found) {
      nudge();
    }
    return found;
  }

  private void postpone(OutboxMessage message, String error) {
    long delay = Math.min(maxBackoffSeconds, 1L << Math.min(message.attempts(), 20));
    Instant next = clock.instant().plusSeconds(delay);
    if (message.attempts() == 0 || message.attempts() % 10 == 0) {
      LOG.warning("outbox: " + message.event() + " #" + message.id() + " for " + message.appId()
          + " not delivered (attempt " + (message.attempts() + 1) + "), retrying in " + delay + " s: " + error);
    }
    store.failed(message.id(), error, next);
  }
}
