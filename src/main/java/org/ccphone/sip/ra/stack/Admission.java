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
 * how many new calls are in their intake at once against what the server completes per second
 * ({@link IntakeLimit}, which holds from the first second after a start, the code still cold), how
 * long new calls wait before the application starts handling them ({@link QueueDelay}: a standing
 * queue or a stall), whether datagrams stand in the kernel's receive queue before the stack reads
 * them, and whether the heap after collection is nearly full. Past any of them, new INVITEs are
 * refused at once (503 with Retry-After); calls already taken keep their timing. The application
 * judges the queues a call meets after this one itself. Thread-safe; called on the stack's threads
 * and the delivery threads.
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
  private final IntakeLimit intakes;
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
  public Admission(long targetMillis, long intervalMillis, double heapLimit, long intakeMillis, int sipPort) {
    this(targetMillis, intervalMillis, heapLimit, intakeMillis, System::nanoTime, new KernelReceiveQueue(sipPort));
  }

  /** Admission as the stack's settings say, for the stack listening on {@code sipPort}. */
  static Admission of(StackSettings.Overload overload, int sipPort) {
    return new Admission(overload.targetMillis(), overload.intervalMillis(), overload.heapLimit(), overload.intakeMillis(), sipPort);
  }

  /** As above, with the clock (nanoseconds) and the kernel's queue (bytes, -1 unknown) it reads: tests set both. */
  Admission(long targetMillis, long intervalMillis, double heapLimit, long intakeMillis, LongSupplier clock,
      LongSupplier kernelQueue) {
    this.kernelQueue = kernelQueue;
    this.intakes = new IntakeLimit(intakeMillis, clock);
    this.delivery = new QueueDelay("new calls waiting for the application", targetMillis, intervalMillis, clock);
    this.intervalNanos = intervalMillis * 1_000_000;
    this.heapLimit = heapLimit;
    this.clock = clock;
    this.heapJudged = clock.getAsLong();
    this.kernelWindowStart = heapJudged;
    this.heapFull = heapNearlyFull();
  }

  /** A new INVITE arrived: its intake when it is taken, null to refuse it. */
  public Intake admit() {
    if (standing() || !intakes.tryEnter()) {
      refused.incrementAndGet();
      return null;
    }
    delivery.entered();
    admitted.incrementAndGet();
    return new Intake(clock.getAsLong());
  }

  /**
   * A new call taken: it waits for the application to start handling it ({@link #started}, once),
   * and is in its intake until the application has placed it or answered it beyond 100 Trying
   * ({@link #over}, the first time counts).
   */
  public final class Intake {
    private final long arrived;
    private final java.util.concurrent.atomic.AtomicBoolean started = new java.util.concurrent.atomic.AtomicBoolean();
    private final java.util.concurrent.atomic.AtomicBoolean over = new java.util.concurrent.atomic.AtomicBoolean();

    private Intake(long arrived) {
      this.arrived = arrived;
    }

    /** The application starts handling the call (or will not: it was not delivered). */
    public void started() {
      if (started.compareAndSet(false, true)) {
        delivery.left(clock.getAsLong() - arrived);
      }
    }

    /** The call is placed or answered: its intake no longer counts. */
    public void over() {
      if (over.compareAndSet(false, true)) {
        intakes.completed(clock.getAsLong() - arrived);
      }
    }
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

  /**
   * Whether a new INVITE would be refused now, asked before it is parsed ({@link UdpGate}): a
   * standing signal, or as many calls in their intake as the limit takes.
   */
  public boolean refusingNow() {
    return standing() || intakes.inFlight() >= intakes.limit();
  }

  /**
   * A signal that holds until a later interval says otherwise: a standing wait or a stall, the
   * kernel's queue, the heap. Each is judged every time (the kernel's queue is sampled whatever
   * else refuses, so that its judgement stays current).
   */
  private boolean standing() {
    return kernelBacklog() | delivery.overloaded() | heapFull();
  }

  /** The state now: an interval that ended since the last new call is judged first. */
  public SipConnection.AdmissionState state() {
    return state(0);
  }

  /** As above, counting {@code refusedUnparsed} INVITEs refused before they were parsed among the refused. */
  public SipConnection.AdmissionState state(long refusedUnparsed) {
    return new SipConnection.AdmissionState(standing(), delivery.shortestWaitMicros(), delivery.waiting(),
        refused.get() + refusedUnparsed, admitted.get(), intakes.inFlight(), intakes.limit());
  }
}
