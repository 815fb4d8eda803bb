package org.ccphone;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Timers set for every call (an agent's wrap-up) or often: one plain thread, made by the managed
 * thread factory when the application starts, so it runs in the application's context. Scheduling
 * on a managed scheduled executor instead captures the thread context for each task, which in
 * Payara scans every jar through the service loader: on the routing thread, once per call, that
 * was a tenth of the server's CPU at 150 answered calls/s (decision 12, docs/performance.md).
 */
@ApplicationScoped
public class ServerTimers {
  private static final Logger LOG = Logger.getLogger(ServerTimers.class.getName());

  @Resource ManagedThreadFactory threads;

  private ScheduledThreadPoolExecutor timers;

  /** Timers on threads of {@code factory}, outside a container (unit tests). */
  public static ServerTimers on(ThreadFactory factory) {
    ServerTimers timers = new ServerTimers();
    timers.startOn(factory);
    return timers;
  }

  @PostConstruct
  void start() {
    startOn(threads);
  }

  private void startOn(ThreadFactory factory) {
    timers = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = factory.newThread(r);
      t.setName("server-timers");
      t.setDaemon(true);
      return t;
    });
    timers.setRemoveOnCancelPolicy(true);
    timers.prestartCoreThread();
  }

  @PreDestroy
  public void stop() {
    timers.shutdownNow();
  }

  /** Runs {@code task} once after the delay; what it throws is logged, and the thread goes on. */
  public ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
    return timers.schedule(() -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "a timer's task failed", e);
      }
    }, delay, unit);
  }
}
