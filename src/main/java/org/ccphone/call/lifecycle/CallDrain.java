package org.ccphone.call.lifecycle;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;
import org.ccphone.call.CallRegistry;
import org.ccphone.call.RoutingThread;
import org.ccphone.call.end.CallEndWriter;
import org.ccphone.call.engine.CallEngine;
import org.ccphone.call.queue.CallQueues;
import org.ccphone.call.sip.InboundCalls;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A graceful stop of the call engine: new calls are refused (503 with Retry-After), calls still
 * waiting or ringing overflow to their CallCenter (302) or get 480, connected calls may finish for
 * the drain time and are then hung up, and every Call End row is in the outbox before it returns.
 */
@ApplicationScoped
public class CallDrain {
  private static final Logger LOG = Logger.getLogger(CallDrain.class.getName());

  @Inject InboundCalls inbound;
  @Inject RoutingThread routing;
  @Inject CallQueues queues;
  @Inject CallEngine engine;
  @Inject CallRegistry calls;
  @Inject CallEndWriter callEnds;

  @Inject
  @ConfigProperty(name = "callcenter.calls.drainSeconds", defaultValue = "30")
  int drainSeconds;

  public void drain() {
    inbound.close();
    queues.draining();
    int before = calls.size();
    onRoutingThread(() -> List.copyOf(calls.all()).forEach(c -> engine.decide(c, call -> call.drain(Instant.now()))));
    if (!waitFor(() -> calls.size() == 0, Duration.ofSeconds(drainSeconds))) {
      LOG.info(calls.size() + " calls still connected after the drain time of " + drainSeconds + " s; hanging up");
      onRoutingThread(() -> List.copyOf(calls.all())
          .forEach(c -> engine.decide(c, call -> call.hangUpNow("server_stopping", Instant.now()))));
      waitFor(() -> calls.size() == 0, Duration.ofSeconds(10));
    }
    callEnds.flush(Duration.ofSeconds(20));
    LOG.info("calls drained: " + before + " in progress at the stop, " + calls.size() + " left");
  }

  private void onRoutingThread(Runnable task) {
    CountDownLatch done = new CountDownLatch(1);
    routing.execute(() -> {
      try {
        task.run();
      } finally {
        done.countDown();
      }
    });
    try {
      done.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static boolean waitFor(BooleanSupplier condition, Duration limit) {
    long end = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        return false;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }
}
