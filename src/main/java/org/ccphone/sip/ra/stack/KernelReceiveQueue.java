package org.ccphone.sip.ra.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The bytes waiting in the kernel's receive queue of the SIP port's UDP sockets, as Linux shows
 * them in /proc/net/udp and /proc/net/udp6 ({@code rx_queue}): datagrams the stack has not read yet,
 * which no wait measured inside the server can see. -1 where the files do not exist.
 */
final class KernelReceiveQueue implements LongSupplier {
  private static final List<Path> TABLES = List.of(Path.of("/proc/net/udp"), Path.of("/proc/net/udp6"));
  private final String portHex;

  KernelReceiveQueue(int port) {
    this.portHex = ":" + String.format(Locale.ROOT, "%04X", port);
  }

  @Override
  public long getAsLong() {
    long bytes = -1;
    for (Path table : TABLES) {
      try {
        for (String line : Files.readAllLines(table)) {
          // "  sl  local_address rem_address   st tx_queue:rx_queue ..."
          String[] f = line.trim().split("\\s+");
          if (f.length > 4 && f[1].endsWith(portHex)) {
            String queues = f[4];
            bytes = Math.max(bytes, 0) + Long.parseLong(queues.substring(queues.indexOf(':') + 1), 16);
          }
        }
      } catch (IOException | RuntimeException e) {
        // not Linux, or a line of another shape: this table tells nothing
      }
    }
    return bytes;
  }
}
