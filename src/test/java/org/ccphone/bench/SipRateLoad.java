package org.ccphone.bench;

import static org.ccphone.bench.BenchArgs.arg;
import static org.ccphone.bench.BenchArgs.percentile;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The SIP path's clean rate, as a ratio to Kamailio's in the same run. Steps overflow calls (INVITE,
 * Call Start, 302, the durable Call End row) at the product for {@code seconds} each, then the anchor:
 * SIPp through a stateful Kamailio relay to a SIPp UAS ({@link KamailioAnchor}). A step of the product
 * is clean when every call got its 302 with no retransmission (SIPp resends an INVITE unanswered
 * after 500 ms); the aim adds p99 INVITE->302 under 20 ms. Prints each step with the CPU of the
 * server and of SIPp, then the highest clean rates and their ratio.
 *
 * <pre>java ... SipRateLoad url=http://127.0.0.1:18084 sip=15084 serverPid=N dnis=8005550100
 *   warmupRate=200 warmupSeconds=10 rates=300,600,1000,1500,2000 seconds=10 anchorRates=1000,1500,2000,2500,3000,4000</pre>
 */
public final class SipRateLoad {
  private SipRateLoad() {}

  private static final double AIM_P99_MS = 20;

  public static void main(String[] args) throws Exception {
    String url = arg(args, "url", "http://127.0.0.1:18084");
    int sipPort = Integer.parseInt(arg(args, "sip", "15084"));
    long serverPid = Long.parseLong(arg(args, "serverPid", "0"));
    int seconds = Integer.parseInt(arg(args, "seconds", "10"));
    String dnis = arg(args, "dnis", "8005550100");
    String scenario = Path.of("src/test/resources/sipp/bench-overload.xml").toAbsolutePath().toString();
    Path out = Path.of("target", "bench-sip").toAbsolutePath();
    Files.createDirectories(out);
    HttpClient http = HttpClient.newHttpClient();

    String rates = arg(args, "rates", "300,600,1000,1500,2000");
    // Warm-up: a server's first minutes are the JIT's (about 140 s at these rates, docs/performance.md),
    // so a step measured earlier measures the compiler; its logs go to warmup/.
    if (!rates.isBlank()) {
      OverloadLoad.awaitIdle(http, url);
      OverloadLoad.step(http, url, sipPort, scenario, dnis, Integer.parseInt(arg(args, "warmupRate", "200")),
          Integer.parseInt(arg(args, "warmupSeconds", "10")), 16600, Files.createDirectories(out.resolve("warmup")), null);
    }

    System.out.printf("%nProduct: overflow calls (Call Start, 302, Call End) for Dnis %s, %d s per step%n", dnis, seconds);
    System.out.println("rate/s  calls      302      503  unanswered  retrans | INVITE->302 p50/p99/max ms | server CPU %  ms/call  SIPp CPU % | kernel UDP drops | verdict");
    int clean = 0;
    int cleanInAim = 0;
    int localPort = 16601;
    for (String r : rates.split(",")) {
      if (r.isBlank()) {
        continue;
      }
      int rate = Integer.parseInt(r.strip());
      OverloadLoad.awaitIdle(http, url);
      OverloadLoad.awaitOutboxDelivered(http, url, "demo"); // the dnis's tenant
      CpuShare cpu = new CpuShare(serverPid);
      OverloadLoad.Step step = OverloadLoad.step(http, url, sipPort, scenario, dnis, rate, seconds, localPort++, out, cpu);
      boolean isClean = step.accepted().length == step.calls() && step.retransmissions() == 0;
      double p99 = percentile(step.accepted(), 99) / 1000.0;
      boolean inAim = isClean && p99 < AIM_P99_MS;
      System.out.printf("%6d %6d %8d %8d %11d %8d | %8.1f %8.1f %8.1f | %12.0f %8.2f %10.0f | %16d | %s%n",
          rate, step.calls(), step.accepted().length, step.refused().length, step.unanswered(), step.retransmissions(),
          percentile(step.accepted(), 50) / 1000.0, p99, max(step.accepted()) / 1000.0,
          cpu.serverPercent(), cpu.serverMillis() / step.calls(), cpu.loadPercent(), step.kernelDrops(),
          inAim ? "clean, p99 in aim" : isClean ? "clean" : "not clean");
      if (isClean) {
        clean = Math.max(clean, rate);
      }
      if (inAim) {
        cleanInAim = Math.max(cleanInAim, rate);
      }
    }

    KamailioAnchor.stopServer(serverPid);
    int anchor = KamailioAnchor.highestPassing(arg(args, "anchorRates", "1000,1500,2000,2500,3000,4000"), seconds, out);

    System.out.printf("%nhighest clean rate of the product:            %d calls/s (with p99 INVITE->302 under %.0f ms: %d)%n",
        clean, AIM_P99_MS, cleanInAim);
    System.out.printf("highest clean rate of Kamailio in this run:   %d calls/s%n", anchor);
    System.out.printf("ratio: %.3fx (%.3fx within the p99 aim); aim 0.35x%n",
        anchor == 0 ? 0.0 : (double) clean / anchor, anchor == 0 ? 0.0 : (double) cleanInAim / anchor);
  }

  private static long max(long[] sorted) {
    return sorted.length == 0 ? 0 : sorted[sorted.length - 1];
  }
}
