package org.ccphone.sip.ra.stack;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the tasks of one call (one Call-ID) one at a time, in the order they were submitted, on an
 * executor's threads; different calls run in parallel. Every request, response, timeout and send of
 * a call passes through here, so a CANCEL is never handled before its INVITE and a 200 never leaves
 * after the BYE that followed it.
 */
public final class CallOrder {
  private static final Logger LOG = Logger.getLogger(CallOrder.class.getName());

  private final Map<String, ArrayDeque<Runnable>> lanes = new ConcurrentHashMap<>();
  private final Executor executor;

  public CallOrder(Executor executor) {
    this.executor = executor;
  }

  /** Queues a task behind the call's earlier ones; starts the call's lane when it was idle. */
  public void submit(String callId, Runnable task) {
    String key = callId == null ? "" : callId;
    boolean[] idle = {false};
    lanes.compute(key, (k, lane) -> {
      if (lane == null) {
        lane = new ArrayDeque<>();
        idle[0] = true;
      }
      lane.add(task);
      return lane;
    });
    if (idle[0]) {
      try {
        executor.execute(() -> drain(key));
      } catch (RuntimeException rejected) {
        // No worker free: the lane still runs, on this thread, rather than losing the call's order.
        LOG.fine("lane of " + key + " runs on the caller's thread: " + rejected);
        drain(key);
      }
    }
  }

  /** Calls with tasks waiting or running. */
  public int busyCalls() {
    return lanes.size();
  }

  private void drain(String key) {
    while (true) {
      Runnable[] next = new Runnable[1];
      lanes.computeIfPresent(key, (k, lane) -> {
        next[0] = lane.poll();
        return next[0] == null ? null : lane;
      });
      if (next[0] == null) {
        return;
      }
      try {
        next[0].run();
      } catch (RuntimeException | Error e) {
        LOG.log(Level.WARNING, "a task of call " + key + " failed", e);
      }
    }
  }
}
