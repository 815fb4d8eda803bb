package org.ccphone.bench;

import static org.ccphone.bench.BenchArgs.arg;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load client of the real HTTP API: each worker logs its own agents in and out as fast as the
 * server answers, for a bounded time and count, then prints pairs per second and latencies.
 *
 * <pre>java ... LoginLogoutLoad url=http://127.0.0.1:18080 workers=16 agents=500 seconds=30 warmup=60</pre>
 */
public final class LoginLogoutLoad {
  private static final Pattern TOKEN = Pattern.compile("\"token\":\"([^\"]+)\"");
  private static final long MAX_PAIRS = 2_000_000;

  public static void main(String[] args) throws Exception {
    String url = arg(args, "url", "http://127.0.0.1:18080");
    int workers = Integer.parseInt(arg(args, "workers", "16"));
    int agents = Integer.parseInt(arg(args, "agents", "500"));
    int seconds = Integer.parseInt(arg(args, "seconds", "30"));
    int warmup = Integer.parseInt(arg(args, "warmup", "60")); // Payara's JIT is still compiling after 10 s
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    System.out.printf("warm-up %d s ...%n", warmup);
    run(http, url, workers, agents, warmup);
    Result r = run(http, url, workers, agents, seconds);
    System.out.printf("workers=%d agents=%d seconds=%d%n", workers, agents, seconds);
    System.out.printf("pairs=%d errors=%d pairs/s=%.0f%n", r.pairs, r.errors, r.pairs / (double) seconds);
    System.out.printf("login  p50=%.1f ms p99=%.1f ms%n", ms(r.login, 50), ms(r.login, 99));
    System.out.printf("logout p50=%.1f ms p99=%.1f ms%n", ms(r.logout, 50), ms(r.logout, 99));
    System.out.printf("pair   p50=%.1f ms p99=%.1f ms%n", ms(r.pair, 50), ms(r.pair, 99));
  }

  record Result(long pairs, long errors, long[] login, long[] logout, long[] pair) {}

  private static Result run(HttpClient http, String url, int workers, int agents, int seconds) throws Exception {
    long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    AtomicLong errors = new AtomicLong();
    AtomicLong pairs = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    List<Future<long[][]>> results = new ArrayList<>();
    for (int w = 0; w < workers; w++) {
      int worker = w;
      results.add(pool.submit(() -> {
        long[] login = new long[1 << 16];
        long[] logout = new long[1 << 16];
        int n = 0;
        int agent = worker;
        while (System.nanoTime() < end && pairs.get() < MAX_PAIRS) {
          String username = "load" + (agent % agents + 1);
          agent += workers; // each worker has its own agents: no login ends another worker's session
          long t0 = System.nanoTime();
          HttpResponse<String> in = http.send(HttpRequest.newBuilder(URI.create(url + "/api/apps/demo/sessions"))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + username + "\",\"password\":\"load\"}"))
              .build(), HttpResponse.BodyHandlers.ofString());
          long t1 = System.nanoTime();
          Matcher m = TOKEN.matcher(in.body());
          if (in.statusCode() != 201 || !m.find()) {
            errors.incrementAndGet();
            continue;
          }
          HttpResponse<Void> out = http.send(HttpRequest.newBuilder(URI.create(url + "/api/sessions/current"))
              .header("Authorization", "Bearer " + m.group(1)).DELETE().build(), HttpResponse.BodyHandlers.discarding());
          long t2 = System.nanoTime();
          if (out.statusCode() != 204) {
            errors.incrementAndGet();
            continue;
          }
          if (n == login.length) {
            login = Arrays.copyOf(login, n * 2);
            logout = Arrays.copyOf(logout, n * 2);
          }
          login[n] = t1 - t0;
          logout[n] = t2 - t1;
          n++;
          pairs.incrementAndGet();
        }
        return new long[][] {Arrays.copyOf(login, n), Arrays.copyOf(logout, n)};
      }));
    }
    List<long[]> logins = new ArrayList<>();
    List<long[]> logouts = new ArrayList<>();
    for (Future<long[][]> f : results) {
      long[][] r = f.get();
      logins.add(r[0]);
      logouts.add(r[1]);
    }
    pool.shutdown();
    long[] login = concat(logins);
    long[] logout = concat(logouts);
    long[] pair = new long[login.length];
    for (int i = 0; i < pair.length; i++) {
      pair[i] = login[i] + logout[i];
    }
    Arrays.sort(login);
    Arrays.sort(logout);
    Arrays.sort(pair);
    return new Result(pairs.get(), errors.get(), login, logout, pair);
  }

  private static double ms(long[] sorted, int p) {
    return BenchArgs.percentile(sorted, p) / 1e6;
  }

  private static long[] concat(List<long[]> parts) {
    return parts.stream().flatMapToLong(Arrays::stream).toArray();
  }


}
