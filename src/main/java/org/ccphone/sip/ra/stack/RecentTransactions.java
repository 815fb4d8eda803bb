package org.ccphone.sip.ra.stack;

import java.util.HashSet;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The transactions seen in the last 32 to 40 seconds (as long as an INVITE is retransmitted, RFC
 * 3261 Timer B), by key: five sets of 8 s each, the oldest dropped as time moves. Thread-safe.
 */
final class RecentTransactions {
  private static final long SPAN_NANOS = 8_000_000_000L;
  private final LongSupplier clock;
  @SuppressWarnings("unchecked")
  private final Set<String>[] spans = new Set[5];
  private long spanStart;
  private int current;

  RecentTransactions(LongSupplier clock) {
    this.clock = clock;
    for (int i = 0; i < spans.length; i++) {
      spans[i] = new HashSet<>();
    }
    this.spanStart = clock.getAsLong();
  }

  synchronized void add(String key) {
    roll();
    spans[current].add(key);
  }

  synchronized boolean contains(String key) {
    roll();
    for (Set<String> span : spans) {
      if (span.contains(key)) {
        return true;
      }
    }
    return false;
  }

  private void roll() {
    long now = clock.getAsLong();
    while (now - spanStart >= SPAN_NANOS) {
      current = (current + 1) % spans.length;
      spans[current] = new HashSet<>();
      spanStart += SPAN_NANOS;
      if (now - spanStart >= SPAN_NANOS * spans.length) {
        spanStart = now; // a long quiet spell: every span is old
      }
    }
  }
}
