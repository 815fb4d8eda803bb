package org.ccphone.sip.ra.stack;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The bytes waiting in the kernel's receive queue of the SIP port's UDP sockets, as Linux shows
 * them in /proc/net/udp and /proc/net/udp6 ({@code rx_queue}): datagrams the stack has not read yet,
 * which no wait measured inside the server can see. -1 where the files do not exist.
 *
 * <p>Sampled up to 200 times a second under load, on the path of new INVITEs: the tables are read
 * into one buffer kept for the purpose and scanned in place (reading them line by line into strings
 * was a tenth of the server's allocation in the SIP overflow benchmark).
 */
final class KernelReceiveQueue implements LongSupplier {
  private static final List<String> TABLES = List.of("/proc/net/udp", "/proc/net/udp6");
  private final byte[] portSuffix;
  private byte[] buffer = new byte[16 * 1024];

  KernelReceiveQueue(int port) {
    this.portSuffix = String.format(Locale.ROOT, ":%04X", port).getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public synchronized long getAsLong() {
    long bytes = -1;
    for (String table : TABLES) {
      try (FileInputStream in = new FileInputStream(table)) {
        int length = 0;
        for (int n; (n = in.read(buffer, length, buffer.length - length)) > 0; ) {
          length += n;
          if (length == buffer.length) {
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
          }
        }
        long queued = rxQueueBytes(buffer, length, portSuffix);
        if (queued >= 0) {
          bytes = Math.max(bytes, 0) + queued;
        }
      } catch (IOException e) {
        // not Linux, or no IPv6: this table tells nothing
      }
    }
    return bytes;
  }

  /**
   * The sum of {@code rx_queue} over the table's lines whose {@code local_address} ends with
   * {@code portSuffix} (":13C4"), -1 when none does. A line reads
   * {@code "  0: 0100007F:13C4 00000000:0000 07 00000000:00000A00 ..."}: fields 1 and 4 matter.
   */
  static long rxQueueBytes(byte[] table, int length, byte[] portSuffix) {
    long sum = -1;
    int lineStart = 0;
    while (lineStart < length) {
      int lineEnd = lineStart;
      while (lineEnd < length && table[lineEnd] != '\n') {
        lineEnd++;
      }
      long queued = lineRxQueue(table, lineStart, lineEnd, portSuffix);
      if (queued >= 0) {
        sum = Math.max(sum, 0) + queued;
      }
      lineStart = lineEnd + 1;
    }
    return sum;
  }

  private static long lineRxQueue(byte[] b, int from, int to, byte[] portSuffix) {
    int field = -1;
    int i = from;
    while (i < to) {
      while (i < to && b[i] == ' ') {
        i++;
      }
      int start = i;
      while (i < to && b[i] != ' ') {
        i++;
      }
      if (start == i) {
        break;
      }
      field++;
      if (field == 1 && !endsWith(b, start, i, portSuffix)) {
        return -1;
      } else if (field == 4) {
        return hexAfterColon(b, start, i);
      }
    }
    return -1;
  }

  private static boolean endsWith(byte[] b, int start, int end, byte[] suffix) {
    if (end - start < suffix.length) {
      return false;
    }
    for (int k = 0; k < suffix.length; k++) {
      if (b[end - suffix.length + k] != suffix[k]) {
        return false;
      }
    }
    return true;
  }

  /** "00000000:00000A00" -> 0xA00; -1 when the field has another shape. */
  private static long hexAfterColon(byte[] b, int start, int end) {
    int colon = start;
    while (colon < end && b[colon] != ':') {
      colon++;
    }
    if (colon == end || colon + 1 == end) {
      return -1;
    }
    long value = 0;
    for (int k = colon + 1; k < end; k++) {
      int digit = Character.digit(b[k], 16);
      if (digit < 0) {
        return -1;
      }
      value = value * 16 + digit;
    }
    return value;
  }
}
