package org.ccphone.overload;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * How long work waits in one queue on the way of a new call, judged as CoDel judges a queue: when
 * even the shortest wait of two intervals in a row was above the target while work still waits (a
 * standing queue), or work has waited a whole interval and nothing left the queue (a stall), the queue
 * is overloaded until the next interval says otherwise. A burst that drains within an interval, or
 * one old long wait after a quiet spell, is not overload. Thread-safe.
 *
 * <p>Shipped in the SIP resource adapter (its admission of new INVITEs) and in the application (the
 * queues a call meets after the adapter: Call Start connections, the routing thread, Call End rows).
 */
public final class QueueDelay {
  private static final Logger LOG = Logger.getLogger(QueueDelay.class.getName());
  private final String name;
  private final long targetNanos;
  private final long intervalNanos;
  private final LongSupplier clock;
  private final AtomicLong waiting = new AtomicLong();
  private final AtomicLong serving = new AtomicLong();
  /** How long work holds what it waited for (a connection), smoothed; 0 until something was served. */
  private volatile long serviceNanos;
  private volatile boolean standing;
  private volatile long lastLeft;
  /** When the queue last went from empty to busy. */
  private volatile long busySince;
  private volatile long lastShortest;
  private long windowStart;
  private long windowMin = Long.MAX_VALUE;
  private boolean aboveBefore;

  /**
   * @param name what waits, for the log (e.g. "Call Start connections of demo")
   * @param targetMillis the longest work should wait in this queue
   * @param intervalMillis how long waits must stay above the target before the queue counts as overloaded
   * @param clock nanoseconds; tests move time themselves
   */
  public QueueDelay(String name, long targetMillis, long intervalMillis, LongSupplier clock) {
    this.name = name;
    this.targetNanos = targetMillis * 1_000_000;
    this.intervalNanos = intervalMillis * 1_000_000;
    this.clock = clock;
    this.lastLeft = clock.getAsLong();
    this.windowStart = lastLeft;
  }

  public QueueDelay(String name, long targetMillis, long intervalMillis) {
    this(name, targetMillis, intervalMillis, System::nanoTime);
  }

  /** The clock this queue reads, for callers that time a wait themselves. */
  public long now() {
    return clock.getAsLong();
  }

  /** Work joined the queue. */
  public void entered() {
    if (waiting.incrementAndGet() == 1) {
      busySince = clock.getAsLong();
    }
  }

  /** Work left the queue (handled, or given up) after waiting {@code waitedNanos}. */
  public void left(long waitedNanos) {
    waiting.decrementAndGet();
    long now = clock.getAsLong();
    lastLeft = now;
    synchronized (this) {
      windowMin = Math.min(windowMin, waitedNanos);
    }
    roll(now);
  }

  /** Work that joined at {@code enteredAt} (this queue's clock) leaves now. */
  public void leftSince(long enteredAt) {
    left(clock.getAsLong() - enteredAt);
  }

  /**
   * Work that left the queue now holds what it waited for (a connection of a pool). Telling the
   * queue when it lets go ({@link #released}) lets it foresee waits: see {@link #overloaded()}.
   */
  public void holding() {
    serving.incrementAndGet();
  }

  /** Work let go of what it held, after {@code heldNanos}. */
  public void released(long heldNanos) {
    serving.decrementAndGet();
    long before = serviceNanos;
    serviceNanos = before == 0 ? heldNanos : before + (heldNanos - before) / 8;
  }

  /**
   * True while the queue is overloaded: an interval that ended since the last look is judged first.
   * A queue whose work holds what it waits for (a pool of connections) is also overloaded as soon
   * as the next comer would wait longer than the target, foreseen from how many wait, how many are
   * served at once and how long each is held: so a pool of 8 connections held 50 ms each takes
   * 3 waiting calls, not a burst that drains only after an interval.
   */
  public boolean overloaded() {
    roll(clock.getAsLong());
    return standing || foreseenWaitNanos() > targetNanos;
  }

  /** The wait the next comer would have, as far as it can be foreseen (0 when nothing is held). */
  public long foreseenWaitNanos() {
    long held = serving.get();
    long queued = waiting.get();
    return held == 0 || queued == 0 ? 0 : (queued + 1) * serviceNanos / held;
  }

  /** The shortest wait of the last judged interval, in microseconds (0 when nothing left the queue). */
  public long shortestWaitMicros() {
    roll(clock.getAsLong());
    return lastShortest / 1000;
  }

  /** Work in the queue now. */
  public long waiting() {
    return waiting.get();
  }

  private void roll(long now) {
    synchronized (this) {
      if (now - windowStart < intervalNanos) {
        return;
      }
      // Work must still wait now: a queue that drained since, or an old sample after a quiet spell,
      // is no overload.
      // Above the target for two intervals in a row, as CoDel waits a whole interval after the first wait
      // above it: one interval of a few slow calls (a burst on a server just started) is no standing queue.
      boolean above = windowMin != Long.MAX_VALUE && windowMin > targetNanos;
      boolean standingQueue = above && aboveBefore && waiting.get() > 0;
      aboveBefore = above;
      // A stall: work has waited a whole interval and none left (a database that hangs, a thread that
      // stopped); one slow connection after a quiet spell is not one.
      boolean stalled = windowMin == Long.MAX_VALUE && waiting.get() > 0 && now - Math.max(lastLeft, busySince) > intervalNanos;
      boolean overload = standingQueue || stalled;
      if (overload != standing) {
        LOG.info(name + (overload ? ": overloaded, " + (stalled ? "work waiting and none handled for over "
            + intervalNanos / 1_000_000 + " ms" : "the shortest wait was " + windowMin / 1_000_000 + " ms")
            + ", " + waiting.get() + " waiting" : ": keeping up again"));
      }
      standing = overload;
      lastShortest = windowMin == Long.MAX_VALUE ? 0 : windowMin;
      windowStart = now;
      windowMin = Long.MAX_VALUE;
    }
  }
}
