package org.ccphone.support;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Waits, bounded, for something the server does in the background (the outbox). */
public final class Eventually {
  private Eventually() {}

  public static <T> T await(Duration limit, Callable<T> probe, java.util.function.Predicate<T> done) throws Exception {
    long end = System.nanoTime() + limit.toNanos();
    T value = probe.call();
    while (!done.test(value)) {
      if (System.nanoTime() > end) {
        throw new AssertionError("still " + value + " after " + limit);
      }
      Thread.sleep(200);
      value = probe.call();
    }
    return value;
  }

  /** As above, but returns the last value seen when the limit passes, for a test that explains what it saw. */
  public static <T> T await(Duration limit, Callable<T> probe, java.util.function.Predicate<T> done, T orElse)
      throws Exception {
    try {
      return await(limit, probe, done);
    } catch (AssertionError e) {
      T last = probe.call();
      return last != null ? last : orElse;
    }
  }
}
