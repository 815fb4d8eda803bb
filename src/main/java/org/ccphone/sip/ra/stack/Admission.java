package org.ccphone.sip.ra.stack;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.ccphone.sip.ra.api.SipConnection;

/**
 * Decides whether a new INVITE is taken, from what the server can keep rather than a fixed number:
 * how long new calls wait before the application starts handling them. When even the shortest wait
 * of an interval exceeds the target while calls are still waiting (a standing queue, as CoDel reads
 * it), or nothing started for longer than the target while calls wait, or the heap after collection is nearly full, new INVITEs
 * are refused at once (503 with Retry-After) until the queue drains; calls already taken keep
 * their timing. Thread-safe; called on the stack's threads and the delivery threads.
 */
public final class Admission {
  private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(Admission.class.getName());
  private final long targetNanos;
  private final long intervalNanos;
  private final double heapLimit;
  private final List<MemoryPoolMXBean> oldPools = longLivedPools();
  private final AtomicLong waiting = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong admitted = new AtomicLong();
  private final LongSupplier clock;
  private volatile boolean refusing;
  /** Judged once per interval, not per INVITE: reading the memory pools is not free. */
  private volatile boolean heapFull;
  private volatile long lastStart;
  private volatile long lastWindowMin;
  private long windowStart;
  private long windowMin = Long.MAX_VALUE;

  /**
   * @param targetMillis the longest a new call should wait before it is handled
   * @param intervalMillis how long the wait must stay above the target before calls are refused
   * @param heapLimit the share of the old generation, after collection, above which calls are refused
   */
  public Admission(long targetMillis, long intervalMillis, double heapLimit) {
    this(targetMillis, intervalMillis, heapLimit, System::nanoTime);
  }

  /** As above, with the clock (nanoseconds) it reads: tests move time themselves. */
  Admission(long targetMillis, long intervalMillis, double heapLimit, LongSupplier clock) {
    this.targetNanos = targetMillis * 1_000_000;
    this.intervalNanos = intervalMillis * 1_000_000;
    this.heapLimit = heapLimit;
    this.clock = clock;
    this.lastStart = clock.getAsLong();
    this.windowStart = lastStart;
    this.heapFull = heapNearlyFull();
  }

  /** A new INVITE arrived: true when it is taken (then {@link #started} follows), false to refuse it. */
  public boolean admit() {
    roll(clock.getAsLong());
    if (refusing || heapFull) {
      refused.incrementAndGet();
      return false;
    }
    waiting.incrementAndGet();
    admitted.incrementAndGet();
    return true;
  }

  /** A taken INVITE is being handled, after waiting {@code waitedNanos} since it arrived. */
  public void started(long waitedNanos) {
    waiting.decrementAndGet();
    long now = clock.getAsLong();
    lastStart = now;
    synchronized (this) {
      windowMin = Math.min(windowMin, waitedNanos);
    }
    roll(now);
  }

  private void roll(long now) {
    synchronized (this) {
      if (now - windowStart < intervalNanos) {
        return;
      }
      // A standing queue: even the shortest wait was too long, and calls still wait now (a queue that
      // has drained since, or an old sample after a quiet spell, refuses nobody).
      boolean standingQueue = windowMin != Long.MAX_VALUE && windowMin > targetNanos && waiting.get() > 0;
      boolean stalled = windowMin == Long.MAX_VALUE && waiting.get() > 0 && now - lastStart > targetNanos;
      boolean refuse = standingQueue || stalled;
      if (refuse != refusing) {
        LOG.info(refuse ? "new calls refused (503): " + (stalled ? "calls waiting, none handled for over " + targetNanos / 1_000_000
            + " ms" : "the shortest wait for handling was " + windowMin / 1_000_000 + " ms") + "; " + waiting.get() + " waiting"
            : "new calls taken again");
      }
      refusing = refuse;
      heapFull = heapNearlyFull();
      lastWindowMin = windowMin == Long.MAX_VALUE ? 0 : windowMin;
      windowStart = now;
      windowMin = Long.MAX_VALUE;
    }
  }

  private boolean heapNearlyFull() {
    for (MemoryPoolMXBean pool : oldPools) {
      MemoryUsage afterGc = pool.getCollectionUsage();
      if (afterGc != null && afterGc.getMax() > 0 && afterGc.getUsed() > heapLimit * afterGc.getMax()) {
        return true;
      }
    }
    return false;
  }

  /** The heap pools where what survives collections lives: the old generation, or the one heap of ZGC and the like. */
  private static List<MemoryPoolMXBean> longLivedPools() {
    List<MemoryPoolMXBean> collected = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP && p.isCollectionUsageThresholdSupported()).toList();
    List<MemoryPoolMXBean> old = collected.stream()
        .filter(p -> p.getName().contains("Old") || p.getName().contains("Tenured")).toList();
    return old.isEmpty() ? collected : old;
  }

  /** The state now: an interval that ended since the last new call is judged first. */
  public SipConnection.AdmissionState state() {
    roll(clock.getAsLong());
    return new SipConnection.AdmissionState(refusing, lastWindowMin / 1000, waiting.get(), refused.get(), admitted.get());
  }
}
