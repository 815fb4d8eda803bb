package org.ccphone.sip.ra.stack;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.ccphone.overload.QueueDelay;
import org.ccphone.sip.ra.api.SipConnection;

/**
 * Decides whether a new INVITE is taken, from what the server can keep rather than a fixed number:
 * how long new calls wait before the application starts handling them ({@link QueueDelay}: a
 * standing queue or a stall), whether datagrams stand in the kernel's receive queue before the
 * stack reads them, and whether the heap after collection is nearly full. Past either, new
 * INVITEs are refused at once (503 with Retry-After) until the queue drains; calls already taken
 * keep their timing. The application judges the queues a call meets after this one itself.
 * Thread-safe; called on the stack's threads and the delivery threads.
 */
public final class Admission {
  private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(Admission.class.getName());
  private final QueueDelay delivery;
  private final long intervalNanos;
  private final double heapLimit;
  private final List<MemoryPoolMXBean> oldPools = longLivedPools();
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong admitted = new AtomicLong();
  private final LongSupplier clock;
  private final LongSupplier kernelQueue;
  private long lastSample;
  private long samples;
  private long shortestKernelQueue = Long.MAX_VALUE;
  private long kernelWindowStart;
  /** The kernel's receive queue never emptied during the last interval: the stack is behind reading. */
  private volatile boolean kernelBacklog;
  /** Judged once per interval, not per INVITE: reading the memory pools is not free. */
  private volatile boolean heapFull;
  private volatile long heapJudged;

  /**
   * @param targetMillis the longest a new call should wait before it is handled
   * @param intervalMillis how long the wait must stay above the target before calls are refused
   * @param heapLimit the share of the old generation, after collection, above which calls are refused
   */
  public Admission(long targetMillis, long intervalMillis, double heapLimit, int sipPort) {
    this(targetMillis, intervalMillis, heapLimit, System::nanoTime, new KernelReceiveQueue(sipPort));
  }

  /** As above, with the clock (nanoseconds) and the kernel's queue (bytes, -1 unknown) it reads: tests set both. */
  Admission(long targetMillis, long intervalMillis, double heapLimit, LongSupplier clock, LongSupplier kernelQueue) {
    this.kernelQueue = kernelQueue;
    this.delivery = new QueueDelay("new calls waiting for the application", targetMillis, intervalMillis, clock);
    this.intervalNanos = intervalMillis * 1_000_000;
    this.heapLimit = heapLimit;
    this.clock = clock;
    this.heapJudged = clock.getAsLong();
    this.kernelWindowStart = heapJudged;
    this.heapFull = heapNearlyFull();
  }

  /** A new INVITE arrived: true when it is taken (then {@link #started} follows), false to refuse it. */
  public boolean admit() {
    boolean kernelBehind = kernelBacklog(); // sampled whatever else refuses, so that its judgment stays current
    if (delivery.overloaded() || heapFull() || kernelBehind) {
      refused.incrementAndGet();
      return false;
    }
    delivery.entered();
    admitted.incrementAndGet();
    return true;
  }

  /** A taken INVITE is being handled, after waiting {@code waitedNanos} since it arrived. */
  public void started(long waitedNanos) {
    delivery.left(waitedNanos);
  }

  private boolean heapFull() {
    long now = clock.getAsLong();
    if (now - heapJudged >= intervalNanos) {
      heapJudged = now;
      heapFull = heapNearlyFull();
    }
    return heapFull;
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

  /**
   * Samples the kernel's receive queue (at most every 5 ms, as new INVITEs arrive) and judges it per
   * interval as CoDel judges a queue: a queue that never emptied in a whole interval (3 samples or
   * more, each above zero) is a standing backlog: INVITEs wait in the kernel before anything in the
   * server sees them, so new ones are refused until the stack catches up.
   */
  private synchronized boolean kernelBacklog() {
    long now = clock.getAsLong();
    if (now - lastSample >= 5_000_000) {
      lastSample = now;
      long bytes = kernelQueue.getAsLong();
      if (bytes >= 0) {
        samples++;
        shortestKernelQueue = Math.min(shortestKernelQueue, bytes);
      }
    }
    if (now - kernelWindowStart >= intervalNanos) {
      boolean backlog = samples >= 3 && shortestKernelQueue > 0;
      if (backlog != kernelBacklog) {
        LOG.info(backlog ? "new calls refused (503): the kernel's receive queue of the SIP port never emptied in "
            + intervalNanos / 1_000_000 + " ms (at least " + shortestKernelQueue + " bytes unread)" : "the SIP port's receive queue empties again");
      }
      kernelBacklog = backlog;
      kernelWindowStart = now;
      samples = 0;
      shortestKernelQueue = Long.MAX_VALUE;
    }
    return kernelBacklog;
  }

  /** The state now: an interval that ended since the last new call is judged first. */
  public SipConnection.AdmissionState state() {
    boolean refusing = kernelBacklog() | delivery.overloaded() | heapFull();
    return new SipConnection.AdmissionState(refusing, delivery.shortestWaitMicros(), delivery.waiting(), refused.get(), admitted.get());
  }
}
