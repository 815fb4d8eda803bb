package org.ccphone.call;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one thread on which the call engine decides: calls, queues and offers are changed here only,
 * so they need no locks. It never waits on I/O: SIP sends, the media plane and phone writes run
 * elsewhere and their results come back here as tasks, each bounded by a timeout.
 */
@ApplicationScoped
public class RoutingThread {
  private static final Logger LOG = Logger.getLogger(RoutingThread.class.getName());

  @Resource ManagedThreadFactory threads;
  private ScheduledExecutorService loop;

  @PostConstruct
  void start() {
    loop = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = threads.newThread(task);
      thread.setName("call-routing");
      thread.setDaemon(true);
      return thread;
    });
  }

  @PreDestroy
  void stop() {
    loop.shutdownNow();
  }

  /** Runs a decision on the routing thread, after those already queued. */
  public void execute(Runnable task) {
    loop.execute(() -> guarded(task));
  }

  public ScheduledFuture<?> schedule(Runnable task, Duration delay) {
    return loop.schedule(() -> guarded(task), delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Takes the result of asynchronous work back to the routing thread: {@code then} runs there with
   * the result, or with the failure, or with a {@link TimeoutException} once {@code timeout} passed.
   */
  public <T> void when(CompletionStage<T> work, Duration timeout, BiConsumer<T, Throwable> then) {
    when(work, timeout, then, late -> { });
  }

  /**
   * As {@link #when(CompletionStage, Duration, BiConsumer)}; a result that arrives after the timeout
   * is handed to {@code late} (on the routing thread), so that what it holds (media) is released.
   */
  public <T> void when(CompletionStage<T> work, Duration timeout, BiConsumer<T, Throwable> then, Consumer<T> late) {
    CompletableFuture<T> bounded = new CompletableFuture<>();
    ScheduledFuture<?> deadline = loop.schedule(
        () -> bounded.completeExceptionally(new TimeoutException("no result within " + timeout)),
        timeout.toMillis(), TimeUnit.MILLISECONDS);
    work.whenComplete((value, failure) -> {
      boolean inTime = failure != null ? bounded.completeExceptionally(failure) : bounded.complete(value);
      if (!inTime && value != null) {
        execute(() -> late.accept(value));
      }
    });
    bounded.whenComplete((value, failure) -> {
      deadline.cancel(false);
      execute(() -> then.accept(value, failure));
    });
  }

  /** A routing task never kills the routing thread. */
  private static void guarded(Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "call routing failed", e);
    }
  }
}
