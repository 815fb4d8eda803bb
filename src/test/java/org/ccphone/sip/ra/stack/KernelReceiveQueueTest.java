package org.ccphone.sip.ra.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KernelReceiveQueueTest {
  private static final byte[] PORT_5060 = ":13C4".getBytes(StandardCharsets.US_ASCII);

  private static long parse(String table) {
    byte[] bytes = table.getBytes(StandardCharsets.US_ASCII);
    return KernelReceiveQueue.rxQueueBytes(bytes, bytes.length, PORT_5060);
  }

  @Test
  void sumsTheReceiveQueuesOfThePortsSockets() {
    String table = """
          sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops
         1: 0100007F:13C4 00000000:0000 07 00000000:00000A00 00:00000000 00000000     0        0 4711 2 0000000000000000 0
         2: 0100007F:13C5 00000000:0000 07 00000000:0000FFFF 00:00000000 00000000     0        0 4712 2 0000000000000000 0
        12: 00000000:13C4 00000000:0000 07 00000000:00000010 00:00000000 00000000     0        0 4713 2 0000000000000000 0
        """;
    assertEquals(0xA00 + 0x10, parse(table));
  }

  @Test
  void aPortWithNoSocketIsUnknown() {
    String table = """
          sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops
         1: 0100007F:13C5 00000000:0000 07 00000000:00000A00 00:00000000 00000000     0        0 4711 2 0000000000000000 0
        """;
    assertEquals(-1, parse(table));
  }

  @Test
  void anEmptyQueueIsZeroAndAPortOnlyMatchesAtTheAddressEnd() {
    String table = "   1: 13C40000:0050 00000000:0000 07 00000000:00000300 00:00000000 00000000 0 0 1 2 0 0\n"
        + "   2: 0100007F:13C4 00000000:0000 07 00000000:00000000 00:00000000 00000000 0 0 2 2 0 0";
    assertEquals(0, parse(table));
  }
}
