package org.ccphone.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads SIPp's statistics file ({@code -trace_stat}: a header row, then one row per period, ';'-separated). */
final class SippStats {
  private SippStats() {}

  /** The named column of the last row (a cumulative counter such as "Retransmissions(C)"), or -1. */
  static long last(Path csv, String column) {
    try {
      List<String> lines = Files.readAllLines(csv);
      if (lines.size() < 2) {
        return -1;
      }
      String[] names = lines.get(0).split(";");
      String[] values = lines.get(lines.size() - 1).split(";");
      for (int i = 0; i < names.length && i < values.length; i++) {
        if (names[i].equals(column)) {
          return Long.parseLong(values[i].strip());
        }
      }
      return -1;
    } catch (Exception e) {
      return -1;
    }
  }
}
