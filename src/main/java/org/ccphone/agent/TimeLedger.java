package org.ccphone.agent;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * Counts a session's time per bucket. Time is kept in milliseconds and turned into whole seconds
 * only when read, so that the seconds always add up to the session's length to the second.
 */
public final class TimeLedger {
  private final Instant start;
  private final long[] millis = new long[TimeBucket.values().length];
  private TimeBucket current;
  private Instant since;

  public TimeLedger(Instant start, TimeBucket initial) {
    this.start = start;
    this.current = initial;
    this.since = start;
  }

  /** What a checkpoint keeps of a ledger: the milliseconds counted up to {@code since}, and where time goes now. */
  public record Snapshot(long[] millis, TimeBucket current, Instant since) {}

  /** A ledger as it was at a checkpoint. */
  public static TimeLedger restore(Instant start, Snapshot snapshot) {
    TimeLedger ledger = new TimeLedger(start, snapshot.current());
    System.arraycopy(snapshot.millis(), 0, ledger.millis, 0, ledger.millis.length);
    ledger.since = snapshot.since();
    return ledger;
  }

  public synchronized Snapshot snapshot() {
    return new Snapshot(millis.clone(), current, since);
  }

  public synchronized TimeBucket current() {
    return current;
  }

  /** From {@code at} on, time counts in {@code bucket}. */
  public synchronized void enter(TimeBucket bucket, Instant at) {
    charge(at);
    current = bucket;
  }

  /**
   * Whole seconds per bucket from the start to {@code end}. Their sum is exactly the number of
   * seconds between start and end as both are written to the database (truncated to the second):
   * the seconds lost to truncation go to the buckets with the largest remainders.
   */
  public synchronized Map<TimeBucket, Integer> seconds(Instant end) {
    long[] upTo = millis.clone();
    if (end.isAfter(since)) {
      upTo[current.ordinal()] += end.toEpochMilli() - since.toEpochMilli();
    }
    long total = Math.max(0, end.getEpochSecond() - start.getEpochSecond());
    int[] whole = new int[upTo.length];
    long assigned = 0;
    for (int i = 0; i < upTo.length; i++) {
      whole[i] = (int) (upTo[i] / 1000);
      assigned += whole[i];
    }
    while (assigned < total) {
      int best = largestRemainder(upTo, whole);
      whole[best]++;
      assigned++;
    }
    while (assigned > total) {
      int best = largestWhole(whole);
      whole[best]--;
      assigned--;
    }
    Map<TimeBucket, Integer> result = new EnumMap<>(TimeBucket.class);
    for (TimeBucket b : TimeBucket.values()) {
      result.put(b, whole[b.ordinal()]);
    }
    return result;
  }

  private void charge(Instant at) {
    if (at.isAfter(since)) {
      millis[current.ordinal()] += at.toEpochMilli() - since.toEpochMilli();
      since = at;
    }
  }

  private static int largestRemainder(long[] millis, int[] whole) {
    int best = 0;
    long bestRest = -1;
    for (int i = 0; i < millis.length; i++) {
      long rest = millis[i] - whole[i] * 1000L;
      if (rest > bestRest) {
        best = i;
        bestRest = rest;
      }
    }
    return best;
  }

  private static int largestWhole(int[] whole) {
    int best = 0;
    for (int i = 1; i < whole.length; i++) {
      if (whole[i] > whole[best]) {
        best = i;
      }
    }
    return best;
  }
}
