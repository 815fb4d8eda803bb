package org.ccphone.web.phone;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.Session;
import java.lang.reflect.Field;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * Takes the container's per-frame idle timer off the phone sockets. The Tyrus that Payara bundles
 * reschedules a session's idle timer for every frame it receives or sends, on the server's managed
 * scheduled executor, whatever the idle timeout (with none, the task runs at once and does nothing),
 * and Payara captures the thread context of every such task through a service-loader scan of the
 * application's jars. The phone socket keeps no container idle timeout (the hub's sweep closes silent
 * phones), so each session gets this executor instead: it skips Tyrus's idle-timer task when it is
 * due at once, and runs anything else (a timeout set later, Tyrus's heartbeat) on one plain thread.
 * A container without that session field keeps its own timer: the socket works the same, only slower.
 */
@ApplicationScoped
public class ContainerIdleTimers {
  private static final Logger LOG = Logger.getLogger(ContainerIdleTimers.class.getName());
  private static final String TYRUS_SESSION = "org.glassfish.tyrus.core.TyrusSession";
  private static final String IDLE_TIMER_TASK = "org.glassfish.tyrus.core.TyrusSession$IdleTimeoutCommand";

  @Resource ManagedThreadFactory threads;
  @Inject MetricRegistry registry;

  private final LongAdder skipped = new LongAdder();
  private ScheduledThreadPoolExecutor timers;
  private volatile Field sessionTimers;
  private volatile boolean unsupported;

  @PostConstruct
  void start() {
    timers = new SkippingIdleTimers(threads);
    timers.setRemoveOnCancelPolicy(true);  // a cancelled timer leaves the queue at once
    timers.prestartCoreThread();  // made now, in the application's context, not by the first frame's thread
  }

  @PreDestroy
  void stop() {
    timers.shutdownNow();
  }

  /** Registers {@code phone_socket_idle_timer_tasks_skipped}; called once at start. */
  public void register() {
    registry.gauge("phone_socket_idle_timer_tasks_skipped", skipped, LongAdder::sum);
  }

  /** Gives the session's idle timer to this executor; false when the container is not the one this knows. */
  boolean takeOver(Session ws) {
    if (unsupported) {
      return false;
    }
    try {
      Field field = sessionTimers;
      if (field == null) {
        field = timerField(ws.getClass());
        sessionTimers = field;
      }
      field.set(ws, timers);
      return true;
    } catch (ReflectiveOperationException | RuntimeException e) {
      unsupported = true;
      LOG.warning("the WebSocket container's idle timer stays on phone sockets (" + ws.getClass().getName() + ": "
          + e + "): every frame costs a task on the managed executor");
      return false;
    }
  }

  private static Field timerField(Class<?> sessionClass) throws ReflectiveOperationException {
    if (!sessionClass.getName().equals(TYRUS_SESSION)) {
      throw new NoSuchFieldException("not a Tyrus session");
    }
    Field field = sessionClass.getDeclaredField("service");
    if (field.getType() != ScheduledExecutorService.class) {
      throw new NoSuchFieldException("service is a " + field.getType().getName());
    }
    field.setAccessible(true);
    return field;
  }

  private final class SkippingIdleTimers extends ScheduledThreadPoolExecutor {
    SkippingIdleTimers(ManagedThreadFactory threads) {
      super(1, r -> {
        Thread t = threads.newThread(r);
        t.setName("phone-socket-timers");
        t.setDaemon(true);
        return t;
      });
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
      // Due at once means no idle timeout: the task would only find that out and return.
      if (delay <= 0 && task.getClass().getName().equals(IDLE_TIMER_TASK)) {
        skipped.increment();
        return Skipped.INSTANCE;
      }
      return super.schedule(task, delay, unit);
    }
  }

  /** The future of a task that was not run: done, and nothing to cancel. */
  private static final class Skipped implements ScheduledFuture<Object> {
    static final Skipped INSTANCE = new Skipped();

    @Override
    public long getDelay(TimeUnit unit) {
      return 0;
    }

    @Override
    public int compareTo(Delayed other) {
      return Long.compare(0, other.getDelay(TimeUnit.NANOSECONDS));
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      return false;
    }

    @Override
    public boolean isCancelled() {
      return false;
    }

    @Override
    public boolean isDone() {
      return true;
    }

    @Override
    public Object get() {
      return null;
    }

    @Override
    public Object get(long timeout, TimeUnit unit) {
      return null;
    }
  }
}
