package org.ccphone.store;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * How long a group-commit writer that holds some rows waits for more before it commits, as
 * PostgreSQL's {@code commit_delay} with {@code commit_siblings}: it waits only while rows have been
 * arriving fast enough that at least one more is expected within the wait, and stops as soon as the
 * expected rows are in. A lightly loaded server commits each row at once; under load one commit
 * carries several rows. Fewer commits cost less CPU and leave less for the collector to copy (each
 * H2 commit writes a chunk whose record stays in memory for the store's retention time).
 *
 * <p>One writer thread uses an instance; the rate is that of the rows the writer takes, measured over
 * windows of {@value #WINDOW_MILLIS} ms.
 */
public final class CommitDelay {
  static final long WINDOW_MILLIS = 50;
  private static final long WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(WINDOW_MILLIS);

  private final long maxWaitNanos;
  private final LongSupplier clock;
  private long taken;
  private long windowStart;
  private long takenAtWindowStart;
  private double rowsPerNano;

  public CommitDelay(Duration maxWait) {
    this(maxWait, System::nanoTime);
  }

  CommitDelay(Duration maxWait, LongSupplier nanoClock) {
    this.maxWaitNanos = maxWait.toNanos();
    this.clock = nanoClock;
    this.windowStart = nanoClock.getAsLong();
  }

  /**
   * Adds to {@code batch} (the rows the writer has just taken from {@code queue}) the rows that
   * arrive while it waits, if it waits; returns with at most {@code maxRows} rows. An interrupt ends
   * the wait (and stays set): the rows held are then committed as they are, not dropped.
   */
  public <E> void gather(BlockingQueue<E> queue, List<E> batch, int maxRows) {
    long now = clock.getAsLong();
    int target = (int) Math.min(maxRows, (long) batch.size() + expectedWithinWait(now));
    long deadline = now + maxWaitNanos;
    while (batch.size() < target) {
      long left = deadline - clock.getAsLong();
      if (left <= 0) {
        break;
      }
      E next;
      try {
        next = queue.poll(left, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      if (next == null) {
        break;
      }
      batch.add(next);
      queue.drainTo(batch, maxRows - batch.size());
    }
    taken += batch.size();
  }

  /** Rows expected to arrive within the wait, from the rate of the rows taken in the last full window. */
  int expectedWithinWait(long now) {
    long elapsed = now - windowStart;
    if (elapsed >= WINDOW_NANOS) {
      rowsPerNano = (taken - takenAtWindowStart) / (double) elapsed;
      windowStart = now;
      takenAtWindowStart = taken;
    }
    return (int) (rowsPerNano * maxWaitNanos);
  }
}
