package org.ccphone.bench;

import static org.ccphone.bench.BenchArgs.arg;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ccphone.support.Eventually;

/**
 * Steps new calls past what the server can keep, for each tenant given (a Dnis each: by default the
 * benchmark tenants whose Call Start takes 1 ms and 50 ms, on the same 8-connection pool), and prints per step: calls placed,
 * accepted (302 after Call Start, with its Call End), refused (503 with Retry-After) and unanswered;
 * the time to the final answer of each kind (p50, p99, max); the server's own count of overload
 * refusals and the kernel's UDP receive-buffer drops in the same step.
 *
 * <pre>java ... OverloadLoad url=http://127.0.0.1:18083 sip=15083 dnis=8005552010,8005552050 rates=200,400,800,1600 seconds=10</pre>
 */
public final class OverloadLoad {
  private OverloadLoad() {}

  // SIPp prints its variables as decimals ("accepted 1795715437.000000 767340.000000 ..."), and a
  // variable that is 0 as nothing: a 302 in the first microsecond of a second ends its line with
  // "1795838243.000000 " and no microseconds.
  private static final Pattern LINE = Pattern.compile("^(accepted|refused) (.*)$", Pattern.MULTILINE);

  public static void main(String[] args) throws Exception {
    String url = arg(args, "url", "http://127.0.0.1:18083");
    int sipPort = Integer.parseInt(arg(args, "sip", "15083"));
    int seconds = Integer.parseInt(arg(args, "seconds", "10"));
    String scenario = Path.of(arg(args, "scenario", "src/test/resources/sipp/bench-overload.xml")).toAbsolutePath().toString();
    List<Integer> rates = new ArrayList<>();
    for (String r : arg(args, "rates", "200,400,800,1600").split(",")) {
      rates.add(Integer.parseInt(r.strip()));
    }
    Path out = Path.of("target", "bench-overload").toAbsolutePath();
    Files.createDirectories(out);
    HttpClient http = HttpClient.newHttpClient();
    awaitAnswer(http, url + "/api/apps/" + arg(args, "appId", "slowstart") + "/health");
    if (Boolean.parseBoolean(arg(args, "cold", "false"))) {
      coldBesideWarm(http, url, sipPort, scenario, arg(args, "dnis", "8005552010").split(",")[0], rates.get(0), seconds,
          Integer.parseInt(arg(args, "warmupRate", "400")), Integer.parseInt(arg(args, "warmupSeconds", "60")), out);
      return;
    }
    int localPort = 16500;
    for (String dnis : arg(args, "dnis", "8005552010,8005552050").split(",")) {
      System.out.printf("%nDnis %s%n", dnis);
      System.out.println(HEADER);
      for (int rate : rates) {
        awaitIdle(http, url);
        System.out.println(step(http, url, sipPort, scenario, dnis, rate, seconds, localPort++, out));
      }
    }
  }

  private static final String HEADER = "rate/s  calls  accepted  refused  unanswered | accepted INVITE->302 p50/p99/max ms"
      + " | refused INVITE->503 p50/p99/max ms | server refusals | kernel UDP drops";

  /**
   * The same flood twice: first on the server as it is (just started, its code cold: the caller
   * starts this as soon as the API answers), then after a warm-up at a rate the server keeps, not
   * counted; prints both, and how many calls of each got their final answer within 1 s.
   */
  static void coldBesideWarm(HttpClient http, String url, int sipPort, String scenario, String dnis, int rate, int seconds,
      int warmupRate, int warmupSeconds, Path out) throws Exception {
    Step cold = step(http, url, sipPort, scenario, dnis, rate, seconds, 16500, out);
    awaitIdle(http, url);
    Step warmup = step(http, url, sipPort, scenario, dnis, warmupRate, warmupSeconds, 16501, out);
    awaitIdle(http, url);
    Step warm = step(http, url, sipPort, scenario, dnis, rate, seconds, 16502, out);
    System.out.printf("%nDnis %s: %d calls/s for %d s as soon as the API answered (cold), then after %d s at %d/s (warm-up: %d accepted, %d refused)%n",
        dnis, rate, seconds, warmupSeconds, warmupRate, warmup.accepted().length, warmup.refused().length);
    System.out.println("run  " + HEADER + " | answered within 1 s");
    for (var run : List.of(Map.entry("cold", cold), Map.entry("warm", warm))) {
      Step s = run.getValue();
      System.out.printf("%s %s | %d of %d%n", run.getKey(), s, s.answeredWithin(1_000_000), s.calls());
    }
  }

  /** One step: what the calls of one rate got. Times in microseconds, sorted. */
  public record Step(int rate, long calls, long[] accepted, long[] refused, long retransmissions, long serverRefusals,
      long kernelDrops) {
    public long unanswered() {
      return calls - accepted.length - refused.length;
    }

    /** Calls whose final answer (302 or 503) came within {@code micros} of their INVITE. */
    public long answeredWithin(long micros) {
      return java.util.Arrays.stream(accepted).filter(t -> t <= micros).count()
          + java.util.Arrays.stream(refused).filter(t -> t <= micros).count();
    }

    @Override
    public String toString() {
      return String.format("%6d %6d %9d %8d %11d | %8.1f %8.1f %8.1f | %8.1f %8.1f %8.1f | %15d | %d",
          rate, calls, accepted.length, refused.length, unanswered(),
          ms(BenchArgs.percentile(accepted, 50)), ms(BenchArgs.percentile(accepted, 99)), ms(max(accepted)),
          ms(BenchArgs.percentile(refused, 50)), ms(BenchArgs.percentile(refused, 99)), ms(max(refused)),
          serverRefusals, kernelDrops);
    }

    private static long max(long[] sorted) {
      return sorted.length == 0 ? 0 : sorted[sorted.length - 1];
    }
  }

  /** Places {@code rate * seconds} overflow calls to {@code dnis} with SIPp and reads how each ended. */
  public static Step step(HttpClient http, String url, int sipPort, String scenario, String dnis, int rate, int seconds,
      int localPort, Path out) throws Exception {
    return step(http, url, sipPort, scenario, dnis, rate, seconds, localPort, out, null);
  }

  /**
   * Places {@code rate * seconds} overflow calls to {@code dnis} with SIPp and reads how each ended;
   * {@code cpu}, when given, follows SIPp's CPU and ends its window when SIPp is done.
   */
  static Step step(HttpClient http, String url, int sipPort, String scenario, String dnis, int rate, int seconds,
      int localPort, Path out, CpuShare cpu) throws Exception {
    long calls = (long) rate * seconds;
    String name = dnis + "-" + rate;
    Path log = out.resolve(name + ".log");
    Path stat = out.resolve(name + "-stat.csv");
    Files.deleteIfExists(log);
    Files.deleteIfExists(stat);
    long refusalsBefore = serverRefusals(http, url);
    long dropsBefore = udpReceiveBufferErrors();
    List<String> command = List.of("sipp", "127.0.0.1:" + sipPort, "-sf", scenario, "-i", "127.0.0.1",
        "-p", String.valueOf(localPort), "-r", String.valueOf(rate), "-m", String.valueOf(calls),
        "-l", String.valueOf(rate * 12), "-key", "dnis", dnis, "-key", "ani", "5559" + rate,
        "-nostdin", "-timeout", (seconds + 40) + "s", "-trace_logs", "-log_file", log.toString(),
        "-buff_size", "1048576", "-trace_stat", "-stf", stat.toString(), "-fd", "1",
        "-trace_err", "-error_file", out.resolve(name + "-errors.log").toString());
    Process sipp = new ProcessBuilder(command).directory(out.toFile()).redirectErrorStream(true)
        .redirectOutput(out.resolve(name + ".out").toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
    if (cpu != null) {
      cpu.follow(sipp);
    }
    if (!sipp.waitFor(seconds + 60, TimeUnit.SECONDS)) {
      sipp.destroyForcibly();
    }
    if (cpu != null) {
      cpu.stop();
    }
    List<Long> accepted = new ArrayList<>();
    List<Long> refused = new ArrayList<>();
    Matcher m = LINE.matcher(Files.exists(log) ? Files.readString(log) : "");
    while (m.find()) {
      String[] t = m.group(2).split(" ", -1); // sent s, sent us, answered s, answered us
      long micros = (whole(t, 2) - whole(t, 0)) * 1_000_000 + whole(t, 3) - whole(t, 1);
      ("accepted".equals(m.group(1)) ? accepted : refused).add(micros);
    }
    return new Step(rate, calls, accepted.stream().mapToLong(Long::longValue).sorted().toArray(),
        refused.stream().mapToLong(Long::longValue).sorted().toArray(), SippStats.last(stat, "Retransmissions(C)"),
        serverRefusals(http, url) - refusalsBefore, udpReceiveBufferErrors() - dropsBefore);
  }

  private static long whole(String[] fields, int i) {
    String field = i < fields.length ? fields[i].strip() : "";
    return field.isEmpty() ? 0 : (long) Double.parseDouble(field);
  }

  /** New calls the server refused for overload: at the SIP adapter, and past it for a queue that stood. */
  static long serverRefusals(HttpClient http, String url) throws Exception {
    long sum = 0;
    for (String name : List.of("sip_refused_overload", "calls_refused_call_start_connections",
        "calls_refused_routing_behind", "calls_refused_call_end_store_behind")) {
      sum += Math.max(0, metric(http, url, name));
    }
    return sum;
  }

  private static double ms(long micros) {
    return micros / 1000.0;
  }

  /** Waits (up to 240 s, asking every 20 ms) until the tenant's health answers 200: the server just started. */
  public static void awaitAnswer(HttpClient http, String health) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
    HttpRequest ask = HttpRequest.newBuilder(URI.create(health)).timeout(Duration.ofSeconds(1)).build();
    while (System.nanoTime() < end) {
      try {
        if (http.send(ask, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (java.io.IOException e) {
        // not listening yet
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException("no answer from " + health + " within 240 s");
  }

  /** Waits (bounded) until the server holds no call and takes new ones again. */
  public static void awaitIdle(HttpClient http, String url) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < end
        && (metric(http, url, "calls_in_progress") != 0 || metric(http, url, "sip_admission_refusing") != 0
            || metric(http, url, "calls_admission_refusing") != 0)) {
      Thread.sleep(200);
    }
  }

  /**
   * Waits (up to 120 s) until the tenant's outbox has delivered every row, so that a step does not
   * pay for the deliveries of the one before it; says so when it gives up.
   */
  public static void awaitOutboxDelivered(HttpClient http, String url, String appId) throws Exception {
    long start = System.nanoTime();
    long left = Eventually.await(Duration.ofSeconds(120), () -> outboxPending(http, url, appId), n -> n == 0, -1L);
    long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    if (left != 0) {
      System.out.printf("(the outbox of %s still had %d rows to deliver after 120 s)%n", appId, left);
    } else if (waited > 1000) {
      System.out.printf("(waited %.1f s for the outbox of %s to deliver its rows)%n", waited / 1000.0, appId);
    }
  }

  private static final Pattern PENDING = Pattern.compile("\"pending\":(\\d+)");

  /** The tenant's outbox rows not yet delivered, from its health; -1 when the answer has none. */
  private static long outboxPending(HttpClient http, String url, String appId) throws Exception {
    String health = http.send(HttpRequest.newBuilder(URI.create(url + "/api/apps/" + appId + "/health")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    Matcher m = PENDING.matcher(health);
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }

  public static long metric(HttpClient http, String url, String name) throws Exception {
    String text = http.send(HttpRequest.newBuilder(URI.create(url + "/metrics?scope=application")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    Matcher m = Pattern.compile("(?m)^(?:application_)?" + name + "(?:\\{[^}]*\\})?\\s+([0-9.eE+-]+)").matcher(text);
    return m.find() ? (long) Double.parseDouble(m.group(1)) : -1;
  }

  /** The kernel's count of UDP datagrams dropped for a full receive buffer (all sockets). */
  static long udpReceiveBufferErrors() throws Exception {
    List<String> lines = Files.readAllLines(Path.of("/proc/net/snmp"));
    for (int i = 0; i + 1 < lines.size(); i++) {
      if (lines.get(i).startsWith("Udp:") && lines.get(i + 1).startsWith("Udp:")) {
        String[] names = lines.get(i).split("\\s+");
        String[] values = lines.get(i + 1).split("\\s+");
        for (int k = 0; k < names.length; k++) {
          if (names[k].equals("RcvbufErrors")) {
            return Long.parseLong(values[k]);
          }
        }
      }
    }
    return -1;
  }
}
