package org.ccphone.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.ccphone.support.CustomerDatabases;
import org.ccphone.support.Eventually;
import org.ccphone.support.H2Server;
import org.ccphone.support.RunCommand;
import org.junit.jupiter.api.Test;

/**
 * A start that cannot finish: {@code scripts/run} with a data grid member that accepts connections
 * and never answers. The grid listens on its configured address only while it waits, and the start
 * ends within its bound, non-zero, naming what it waited for.
 */
class StartBoundIT {
  private static final int HTTP_PORT = 18096;
  private static final int GRID_PORT = HTTP_PORT - 1180; // as scripts/run places it
  private static final int BOUND_SECONDS = 30;

  @Test
  void aDataGridThatCannotFormEndsTheStartWithinItsBoundSayingSo() throws Exception {
    Path work = CustomerDatabases.build().resolve("it-start-bound").toAbsolutePath();
    H2Server.deleteQuietly(work);
    Files.createDirectories(work);
    // A member that never answers: the kernel completes its connections, nobody reads them.
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      String member = "127.0.0.1:" + silent.getLocalPort();
      long began = System.nanoTime();
      RunCommand run = RunCommand.start(work, Map.of("PORT", String.valueOf(HTTP_PORT),
          "CALLCENTER_JAVA_OPTS", "-Xmx512m -Dcallcenter.sip.port=15066",
          "CALLCENTER_KMS_URI", "ws://127.0.0.1:9/kurento", // no media server: the grid is what this start waits for
          "CALLCENTER_GRID_MEMBERS", "127.0.0.1:" + GRID_PORT + "," + member,
          "CALLCENTER_START_SECONDS", String.valueOf(BOUND_SECONDS), "CALLCENTER_LOOPBACK_ONLY", "1"));
      Process script = run.process();
      try {
        String listening = Eventually.await(Duration.ofSeconds(BOUND_SECONDS), () -> listeners(GRID_PORT),
            out -> !out.isBlank(), "");
        assertTrue(listening.contains("127.0.0.1:" + GRID_PORT), "the grid listens while it waits: " + listening);
        assertEquals(1, listening.strip().lines().count(), "on the configured address only, not on every interface: " + listening);
        assertTrue(script.waitFor(BOUND_SECONDS + 30, TimeUnit.SECONDS), "the start ends by itself: " + run.log());
        long took = Duration.ofNanos(System.nanoTime() - began).toSeconds();
        assertNotEquals(0, script.exitValue(), "a start that did not finish is a failure");
        assertTrue(took <= BOUND_SECONDS + 15, "within its bound (" + BOUND_SECONDS + " s): " + took + " s");
        String out = run.log();
        assertTrue(out.contains("not started within " + BOUND_SECONDS + " s") && out.contains("the data grid to form")
            && out.contains(member), "it says what it waited for: " + out.substring(Math.max(0, out.length() - 600)));
        assertEquals("", listeners(GRID_PORT), "nothing of it is left listening");
      } finally {
        run.stop(60); // the script stops its server as on Ctrl-C (when it has not ended already)
      }
    }
  }

  /** The local addresses listening on TCP {@code port}, one per line (ss). */
  private static String listeners(int port) throws Exception {
    Process ss = new ProcessBuilder("ss", "-ltnH", "sport = :" + port).redirectErrorStream(true).start();
    String out = new String(ss.getInputStream().readAllBytes());
    ss.waitFor(10, TimeUnit.SECONDS);
    return out.lines().map(line -> line.trim().split("\\s+")).filter(f -> f.length >= 4)
        .map(f -> f[3].replace("[::ffff:", "").replace("]", "")) // an IPv4 address on a dual-stack socket
        .reduce("", (a, b) -> a + b + "\n");
  }
}
