package org.ccphone.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ccphone.support.Eventually;

/**
 * The anchor of the SIP benchmarks: SIPp places 1 s calls (INVITE, 180, 200, ACK, BYE) through
 * Kamailio relaying statefully (tm, t_relay, record_route; its default receive buffer) to a SIPp UAS,
 * all on loopback, as the machine's reference of what a SIP server does here. A step passes when
 * every call succeeded, none failed at either end and retransmissions stay within 0.1 % of the calls.
 * Kamailio and both SIPp run as processes of this step and are stopped by it.
 */
final class KamailioAnchor {
  private KamailioAnchor() {}

  private static final Path CONFIG = Path.of("src/test/resources/bench/kamailio/kamailio.cfg").toAbsolutePath();
  private static final Path UAC = Path.of("src/test/resources/bench/kamailio/uac-txn.xml").toAbsolutePath();
  private static final int KAMAILIO_PORT = 5062;
  private static final int UAS_PORT = 5064;
  private static final int UAC_PORT = 5066;

  record Step(int rate, long calls, long successful, long failed, long retransmissions, double kamailioCpu,
      double sippCpu) {
    boolean passed() {
      return successful == calls && failed == 0 && retransmissions <= calls / 1000;
    }

    @Override
    public String toString() {
      return String.format("%6d %6d %11d %7d %8d | %14.0f %10.0f | %s", rate, calls, successful, failed, retransmissions,
          kamailioCpu, sippCpu, passed() ? "pass" : "fail");
    }
  }

  /**
   * Steps the anchor through {@code rates} (comma-separated, blank for none), printing each step, up
   * to the first that fails; returns the highest rate that passed (0 when none did).
   */
  static int highestPassing(String rates, int seconds, Path out) throws Exception {
    System.out.printf("%nAnchor: SIPp -> Kamailio (stateful relay, default receive buffer) -> SIPp UAS, 1 s calls, %d s per step%n", seconds);
    System.out.println("rate/s  calls  successful  failed  retrans | Kamailio CPU %  SIPp CPU % | verdict");
    int best = 0;
    for (String r : rates.split(",")) {
      if (r.isBlank()) {
        continue;
      }
      int rate = Integer.parseInt(r.strip());
      Step step = step(rate, seconds, out);
      System.out.println(step);
      if (!step.passed()) {
        break;
      }
      best = rate;
    }
    return best;
  }

  /** Stops the server gracefully and waits (bounded) for its exit, so that the anchor has the cores to itself. */
  static void stopServer(long pid) throws Exception {
    java.util.Optional<ProcessHandle> server = ProcessHandle.of(pid);
    if (pid != 0 && server.isPresent()) {
      server.get().destroy();  // a graceful stop: the server ends its agents' sessions first
      try {
        server.get().onExit().get(300, TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        System.out.println("the server did not stop within 300 s; killed before the anchor");
        server.get().destroyForcibly();
        server.get().onExit().get(30, TimeUnit.SECONDS);
      }
    }
  }

  static Step step(int rate, int seconds, Path out) throws Exception {
    Path dir = Files.createDirectories(out.resolve("kamailio-" + rate));
    Path run = Files.createDirectories(dir.resolve("run"));
    long calls = (long) rate * seconds;
    Process kamailio = start(dir.resolve("kamailio.log"), "kamailio", "-f", CONFIG.toString(), "-DD", "-E",
        "-m", "2048", "-M", "8", "-Y", run.toString());
    Process uas = null;
    Process uac = null;
    try {
      awaitBound(KAMAILIO_PORT);
      uas = start(dir.resolve("uas.out"), "sipp", "-sn", "uas", "-i", "127.0.0.1", "-p", String.valueOf(UAS_PORT),
          "-nostdin", "-buff_size", "1048576", "-trace_stat", "-stf", dir.resolve("uas-stat.csv").toString(), "-fd", "1");
      awaitBound(UAS_PORT);
      long kamailioBefore = treeTicks(kamailio);
      long start = System.nanoTime();
      uac = start(dir.resolve("uac.out"), "sipp", "127.0.0.1:" + KAMAILIO_PORT, "-sf", UAC.toString(),
          "-i", "127.0.0.1", "-p", String.valueOf(UAC_PORT), "-r", String.valueOf(rate), "-m", String.valueOf(calls),
          "-d", "1000", "-nostdin", "-buff_size", "1048576", "-recv_timeout", "10s", "-timeout", (seconds + 40) + "s",
          "-trace_stat", "-stf", dir.resolve("uac-stat.csv").toString(), "-fd", "1");
      CpuShare sipp = new CpuShare(0);
      sipp.follow(uac);
      if (!uac.waitFor(seconds + 60, TimeUnit.SECONDS)) {
        uac.destroyForcibly();
      }
      sipp.stop();
      double window = (System.nanoTime() - start) / 1e9;
      double kamailioCpu = (treeTicks(kamailio) - kamailioBefore) / 100.0 / window * 100;
      // The UAS finishes its calls and writes its last statistics on SIGUSR1.
      new ProcessBuilder("kill", "-USR1", String.valueOf(uas.pid())).start().waitFor();
      uas.waitFor(10, TimeUnit.SECONDS);
      Path uacStat = dir.resolve("uac-stat.csv");
      Path uasStat = dir.resolve("uas-stat.csv");
      long retransmissions = Math.max(0, SippStats.last(uacStat, "Retransmissions(C)"))
          + Math.max(0, SippStats.last(uasStat, "Retransmissions(C)"));
      long failed = SippStats.last(uacStat, "FailedCall(C)") + Math.max(0, SippStats.last(uasStat, "FailedCall(C)"));
      return new Step(rate, calls, SippStats.last(uacStat, "SuccessfulCall(C)"), failed, retransmissions, kamailioCpu,
          sipp.loadPercent());
    } finally {
      for (Process p : new Process[] {uac, uas, kamailio}) {
        if (p != null) {
          p.destroy();
          if (!p.waitFor(5, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
          }
        }
      }
      // Kamailio's workers stop with their main process; wait until the port is free for the next step.
      awaitFree(KAMAILIO_PORT);
    }
  }

  private static Process start(Path output, String... command) throws IOException {
    return new ProcessBuilder(List.of(command)).redirectErrorStream(true).redirectOutput(output.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
  }

  /** CPU ticks of a process and its children (Kamailio's workers). */
  private static long treeTicks(Process p) {
    return CpuShare.ticks(p.pid()) + p.descendants().mapToLong(h -> CpuShare.ticks(h.pid())).sum();
  }

  private static void awaitBound(int port) throws Exception {
    Eventually.await(Duration.ofSeconds(10), () -> bound(port), b -> b);
  }

  private static void awaitFree(int port) throws Exception {
    Eventually.await(Duration.ofSeconds(10), () -> bound(port), b -> !b, false);
  }

  /** Whether a socket is bound to 127.0.0.1:port, as /proc/net/udp lists it. */
  private static boolean bound(int port) throws IOException {
    String local = String.format("0100007F:%04X", port);
    return Files.readAllLines(Path.of("/proc/net/udp")).stream().skip(1)
        .anyMatch(line -> line.strip().split("\\s+")[1].equals(local));
  }
}
