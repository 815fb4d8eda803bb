package org.ccphone.bench;

import static org.ccphone.bench.BenchArgs.arg;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ccphone.support.Eventually;

/**
 * Load of inbound calls on the signaling path: N load agents of the demo tenant log in, go READY and
 * answer every offer at once over their phone WebSockets, while SIPp (the IVR) places calls at each
 * given rate for a bounded time: INVITE, 180, 200, ACK, talk, BYE. Prints, per rate, SIPp's
 * successful and failed calls, INVITE-to-180 (SIPp's response time) and answer-to-connected at the
 * agent (the server sends "connected" right after its 200 OK) as p50/p99, SIPp's retransmissions and
 * the server's CPU. Then the server is stopped and the Kamailio anchor runs on the same cores
 * ({@link KamailioAnchor}); the highest rate with no failed call and no retransmission is printed
 * as a ratio to Kamailio's.
 *
 * <pre>java ... CallLoad url=http://127.0.0.1:18082 sip=15082 serverPid=N agents=1700 rates=100,200,300 seconds=60
 *     [warmupSeconds=30 warmupRate=50]
 *   talkMs=5000 anchorRates=1000,1500,2000,2500,3000,4000 (none: no anchor)</pre>
 */
public final class CallLoad {
  private static final Pattern CALL = Pattern.compile("\"call\":\"([^\"]+)\"");

  public static void main(String[] args) throws Exception {
    String url = arg(args, "url", "http://127.0.0.1:18082");
    int sipPort = Integer.parseInt(arg(args, "sip", "15082"));
    int agents = Integer.parseInt(arg(args, "agents", "1700"));
    int seconds = Integer.parseInt(arg(args, "seconds", "60"));
    int talkMs = Integer.parseInt(arg(args, "talkMs", "5000"));
    long serverPid = Long.parseLong(arg(args, "serverPid", "0"));
    String scenario = Path.of(arg(args, "scenario", "src/test/resources/sipp/bench-call.xml")).toAbsolutePath().toString();
    List<Integer> rates = new ArrayList<>();
    for (String r : arg(args, "rates", "100,200,300").split(",")) {
      rates.add(Integer.parseInt(r.strip()));
    }
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    long t0 = System.nanoTime();
    List<String> tokens = PresenceLoad.login(http, url, "load", agents);
    Map<String, Long> answeredAt = new ConcurrentHashMap<>();
    ConcurrentLinkedQueue<Long> answerToConnected = new ConcurrentLinkedQueue<>();
    AtomicLong offers = new AtomicLong();
    List<WebSocket> phones = new java.util.concurrent.CopyOnWriteArrayList<>();
    for (String token : tokens) {
      WebSocket[] self = new WebSocket[1];
      WebSocket ws = PresenceLoad.phone(http, url, token, text -> {
        // one frame, or a batch of frames: offers are answered, "connected" closes the measure, and the
        // tenant's wrap-up is skipped (an agent answering every call at once does no after-call work)
        if (text.contains("\"reason\":\"Wrap-up\"")) {
          PresenceLoad.send(self[0], "{\"type\":\"ready\"}");
        }
        for (String frame : text.split("(?=\\{\"type\")")) {
          if (frame.contains("\"type\":\"offer\"")) {
            Matcher m = CALL.matcher(frame);
            if (m.find()) {
              offers.incrementAndGet();
              answeredAt.put(m.group(1), System.nanoTime());
              PresenceLoad.send(self[0], "{\"type\":\"answer\",\"call\":\"" + m.group(1)
                  + "\",\"sdp\":\"v=0\\r\\no=- 2 2 IN IP4 127.0.0.1\\r\\ns=-\\r\\nt=0 0\\r\\nm=audio 9 UDP/TLS/RTP/SAVPF 0\\r\\n\"}");
            }
          } else if (frame.contains("\"type\":\"connected\"")) {
            Matcher m = CALL.matcher(frame);
            Long at = m.find() ? answeredAt.remove(m.group(1)) : null;
            if (at != null) {
              answerToConnected.add(System.nanoTime() - at);
            }
          }
        }
      });
      self[0] = ws;
      PresenceLoad.send(ws, "{\"type\":\"ready\"}");
      phones.add(ws);
    }
    System.out.printf("%d agents logged in, READY and auto-answering after %.0f s%n", agents, (System.nanoTime() - t0) / 1e9);
    // Like real phones, every phone says ping every 20 s (the server closes phones silent for 60 s).
    java.util.concurrent.ScheduledExecutorService pinger = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "pinger");
      t.setDaemon(true);
      return t;
    });
    AtomicLong tick = new AtomicLong();
    pinger.scheduleWithFixedDelay(() -> {
      long slot = tick.getAndIncrement() % 200;
      for (int i = (int) slot; i < phones.size(); i += 200) {
        PresenceLoad.send(phones.get(i), "{\"type\":\"ping\"}");
      }
    }, 100, 100, TimeUnit.MILLISECONDS);
    Thread.sleep(2000);

    Path out = Path.of("target", "bench-calls").toAbsolutePath();
    Files.createDirectories(out);
    int localPort = 16000;
    // The server's JIT compiles the call path in its first calls: a cold server refuses the first
    // second of load with 503 (admission by queue delay), which says nothing about the rate itself.
    int warmupSeconds = Integer.parseInt(arg(args, "warmupSeconds", "30"));
    int warmupRate = Integer.parseInt(arg(args, "warmupRate", "50"));
    if (warmupSeconds > 0) {
      long warmupCalls = (long) warmupRate * warmupSeconds;
      Process warmup = start(sipp(sipPort, scenario, localPort++, warmupRate, warmupSeconds, talkMs), out.resolve("warmup.out"));
      if (!warmup.waitFor(warmupSeconds + talkMs / 1000 + 90, TimeUnit.SECONDS)) {
        warmup.destroyForcibly();
      }
      String screen = Files.readString(out.resolve("warmup.out"));
      System.out.printf("warm-up: %d calls at %d/s, %d successful, %d failed (not counted)%n",
          warmupCalls, warmupRate, lastCount(screen, "Successful call"), lastCount(screen, "Failed call"));
      // every warm-up call the agents answered has been told connected before the measure starts
      Eventually.await(Duration.ofSeconds(10), answeredAt::isEmpty, empty -> empty, false);
      answeredAt.clear();
    }
    int clean = 0;
    int cleanInAim = 0;
    for (int rate : rates) {
      answerToConnected.clear();
      long calls = (long) rate * seconds;
      String name = "rate" + rate;
      List<String> command = new ArrayList<>(sipp(sipPort, scenario, localPort++, rate, seconds, talkMs));
      command.addAll(List.of("-trace_rtt", "-rtt_freq", "1",
          "-trace_stat", "-stf", out.resolve(name + "-stat.csv").toString(), "-fd", "1",
          "-trace_err", "-error_file", out.resolve(name + "-errors.log").toString()));
      long start = System.nanoTime();
      CpuShare cpu = new CpuShare(serverPid);
      Process sipp = start(command, out.resolve(name + ".out"));
      cpu.follow(sipp);
      boolean ended = sipp.waitFor(seconds + talkMs / 1000 + 90, TimeUnit.SECONDS);
      if (!ended) {
        sipp.destroyForcibly();
      }
      cpu.stop();
      long retransmissions = SippStats.last(out.resolve(name + "-stat.csv"), "Retransmissions(C)");
      double wall = (System.nanoTime() - start) / 1e9;
      String screen = Files.readString(out.resolve(name + ".out"));
      long ok = lastCount(screen, "Successful call");
      long failed = lastCount(screen, "Failed call");
      long[] ringing = rtt(out, sipp.pid());
      long[] connected = answerToConnected.stream().mapToLong(Long::longValue).sorted().toArray();
      double ringingP99 = BenchArgs.percentile(ringing, 99) / 1e3;
      boolean isClean = ok == calls && failed == 0 && retransmissions == 0;
      System.out.printf("rate %d/s for %d s (%d calls, %.0f s wall): successful=%d failed=%d retransmissions=%d;"
              + " INVITE->180 p50=%.1f ms p99=%.1f ms (%d); answer->connected p50=%.1f ms p99=%.1f ms (%d);"
              + " server CPU %.0f %% (%.2f ms/call), SIPp CPU %.0f %%; %s%n",
          rate, seconds, calls, wall, ok, failed, retransmissions,
          BenchArgs.percentile(ringing, 50) / 1e3, ringingP99, ringing.length,
          BenchArgs.percentile(connected, 50) / 1e6, BenchArgs.percentile(connected, 99) / 1e6, connected.length,
          cpu.serverPercent(), cpu.serverMillis() / calls, cpu.loadPercent(),
          isClean ? (ringingP99 < 20 ? "clean, p99 in aim" : "clean") : "not clean");
      if (isClean) {
        clean = Math.max(clean, rate);
        if (ringingP99 < 20) {
          cleanInAim = Math.max(cleanInAim, rate);
        }
      }
      Thread.sleep(5000);
    }
    phones.forEach(WebSocket::abort);
    pinger.shutdownNow();

    KamailioAnchor.stopServer(serverPid);
    String anchorRates = arg(args, "anchorRates", "1000,1500,2000,2500,3000,4000");
    if (anchorRates.equals("none")) {
      return; // compared with another build of the product instead (scripts/bench-calls-compare)
    }
    int anchor = KamailioAnchor.highestPassing(anchorRates, 10, out);
    System.out.printf("%nhighest clean rate of the product: %d calls/s (with p99 INVITE->180 under 20 ms: %d)%n", clean, cleanInAim);
    System.out.printf("highest clean rate of Kamailio in this run: %d calls/s%n", anchor);
    System.out.printf("ratio: %.3fx (%.3fx within the p99 aim)%n",
        anchor == 0 ? 0.0 : (double) clean / anchor, anchor == 0 ? 0.0 : (double) cleanInAim / anchor);
  }

  /** SIPp placing {@code rate} calls a second for {@code seconds}, each talking {@code talkMs}; it stops by itself. */
  private static List<String> sipp(int sipPort, String scenario, int localPort, int rate, int seconds, int talkMs) {
    return List.of("sipp", "127.0.0.1:" + sipPort, "-sf", scenario, "-i", "127.0.0.1",
        "-p", String.valueOf(localPort), "-r", String.valueOf(rate), "-m", String.valueOf((long) rate * seconds),
        "-l", String.valueOf(rate * (talkMs / 1000 + 3)), "-d", String.valueOf(talkMs), "-nostdin",
        "-timeout", (seconds + talkMs / 1000 + 60) + "s");
  }

  /** Starts SIPp in the folder of {@code screen}, its screen written there, with no input. */
  private static Process start(List<String> command, Path screen) throws IOException {
    return new ProcessBuilder(command).directory(screen.getParent().toFile()).redirectErrorStream(true)
        .redirectOutput(screen.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
        .start();
  }

  /** The cumulative value of a counter on SIPp's last statistics screen. */
  private static long lastCount(String screen, String counter) {
    Matcher m = Pattern.compile(Pattern.quote(counter) + "\\s*\\|\\s*\\d+\\s*\\|\\s*(\\d+)").matcher(screen);
    long last = -1;
    while (m.find()) {
      last = Long.parseLong(m.group(1));
    }
    return last;
  }

  /** SIPp's per-call response times (INVITE to 180) of the run, in microseconds, sorted. */
  private static long[] rtt(Path dir, long pid) throws Exception {
    try (var files = Files.list(dir)) {
      Path file = files.filter(p -> p.getFileName().toString().endsWith("_" + pid + "_rtt.csv")).findFirst().orElse(null);
      if (file == null) {
        return new long[0];
      }
      return Files.readAllLines(file).stream()
          .filter(l -> !l.isBlank() && Character.isDigit(l.charAt(0)))
          .map(l -> l.split(";"))
          .filter(f -> f.length >= 2)
          .mapToLong(f -> Math.round(Double.parseDouble(f[1]) * 1000))
          .sorted().toArray();
    }
  }
}
