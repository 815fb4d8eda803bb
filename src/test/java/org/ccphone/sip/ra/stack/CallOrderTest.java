package org.ccphone.sip.ra.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CallOrderTest {

  @Test
  void theTasksOfOneCallRunInOrderOneAtATimeWhileCallsRunInParallel() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CallOrder order = new CallOrder(pool);
    Map<String, List<Integer>> seen = new ConcurrentHashMap<>();
    Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
    AtomicInteger overlaps = new AtomicInteger();
    int calls = 50;
    int perCall = 200;
    CountDownLatch done = new CountDownLatch(calls * perCall);
    for (int i = 0; i < perCall; i++) {
      for (int c = 0; c < calls; c++) {
        String callId = "call-" + c;
        int n = i;
        order.submit(callId, () -> {
          if (running.computeIfAbsent(callId, k -> new AtomicInteger()).incrementAndGet() > 1) {
            overlaps.incrementAndGet();
          }
          seen.computeIfAbsent(callId, k -> Collections.synchronizedList(new ArrayList<>())).add(n);
          running.get(callId).decrementAndGet();
          done.countDown();
        });
      }
    }
    assertTrue(done.await(20, TimeUnit.SECONDS));
    pool.shutdown();
    // A call's lane is let go on the worker just after its last task counted down: the workers end first.
    assertTrue(pool.awaitTermination(20, TimeUnit.SECONDS));
    assertEquals(0, overlaps.get(), "two tasks of one call never run at once");
    for (List<Integer> one : seen.values()) {
      for (int i = 0; i < perCall; i++) {
        assertEquals(i, one.get(i));
      }
    }
    assertEquals(0, order.busyCalls(), "idle calls leave nothing behind");
  }

  @Test
  void aTaskThatFailsDoesNotStopTheOnesAfterItAndARefusingExecutorStillRunsThem() {
    CallOrder refusing = new CallOrder(task -> {
      throw new RejectedExecutionException("no worker");
    });
    List<String> ran = new ArrayList<>();
    refusing.submit("a", () -> {
      throw new IllegalStateException("boom");
    });
    refusing.submit("a", () -> ran.add("second"));
    assertEquals(List.of("second"), ran);
    assertEquals(0, refusing.busyCalls());
  }
}
