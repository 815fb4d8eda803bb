package org.ccphone.bench;

/** The small helpers the load clients share: name=value arguments and percentiles. */
final class BenchArgs {
  private BenchArgs() {}

  static String arg(String[] args, String name, String fallback) {
    for (String a : args) {
      if (a.startsWith(name + "=")) {
        return a.substring(name.length() + 1);
      }
    }
    return fallback;
  }

  /** The p-th percentile of sorted values (nearest rank), or 0 when there are none. */
  static long percentile(long[] sorted, int p) {
    return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
  }
}
