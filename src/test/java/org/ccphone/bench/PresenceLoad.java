package org.ccphone.bench;

import java.io.StringReader;
import static org.ccphone.bench.BenchArgs.arg;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load client of the phone WebSocket: logs in N agents and 10 supervisors, opens a phone for each,
 * then changes agents' states at a fixed rate for a bounded time while the supervisors listen.
 * Prints the server's heap per session (after a full GC, through jcmd) and the delay from each
 * state change (its "since", stamped by the server) to its arrival at the supervisors.
 *
 * <pre>java ... PresenceLoad url=http://127.0.0.1:18081 agents=10000 rate=1000 seconds=60 serverPid=1234</pre>
 */
public final class PresenceLoad {
  private static final Pattern TOKEN = Pattern.compile("\"token\":\"([^\"]+)\"");
  private static final Pattern OBJECT = Pattern.compile("\\{[^{}]*\\}");
  private static final Pattern SINCE = Pattern.compile("\"since\":\"([^\"]+)\"");
  private static final String[] MOVES = {"{\"type\":\"ready\"}", "{\"type\":\"away\",\"reason\":\"Break\"}", "{\"type\":\"busy\"}"};

  public static void main(String[] args) throws Exception {
    String url = arg(args, "url", "http://127.0.0.1:18081");
    int agents = Integer.parseInt(arg(args, "agents", "10000"));
    int supervisors = Integer.parseInt(arg(args, "supervisors", "10"));
    int rate = Integer.parseInt(arg(args, "rate", "1000"));
    int seconds = Integer.parseInt(arg(args, "seconds", "60"));
    String pid = arg(args, "serverPid", null);
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    long heapBefore = heapAfterGc(pid);
    long t0 = System.nanoTime();
    List<String> agentTokens = login(http, url, "load", agents);
    List<String> supervisorTokens = login(http, url, "loadsup", supervisors);
    System.out.printf("logged in %d agents and %d supervisors in %.0f s%n", agents, supervisors, (System.nanoTime() - t0) / 1e9);

    ConcurrentLinkedQueue<Long> delays = new ConcurrentLinkedQueue<>();
    AtomicLong measuring = new AtomicLong(0);
    List<WebSocket> supervisorPhones = new java.util.concurrent.CopyOnWriteArrayList<>();
    List<WebSocket> agentPhones = new java.util.concurrent.CopyOnWriteArrayList<>();
    // Like real phones, every socket says ping every 20 s; the server closes phones silent for 60 s.
    java.util.concurrent.ScheduledExecutorService pinger = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "pinger");
      t.setDaemon(true);
      return t;
    });
    AtomicLong tick = new AtomicLong();
    pinger.scheduleWithFixedDelay(() -> { // spread over the 20 s, as phones that logged in at different times do
      long slot = tick.getAndIncrement() % 200;
      supervisorPhones.forEach(ws -> send(ws, "{\"type\":\"ping\"}"));
      for (int i = (int) slot; i < agentPhones.size(); i += 200) {
        send(agentPhones.get(i), "{\"type\":\"ping\"}");
      }
    }, 100, 100, TimeUnit.MILLISECONDS);
    for (String token : supervisorTokens) {
      supervisorPhones.add(phone(http, url, token, text -> {
        if (measuring.get() == 1 && text.contains("\"type\":\"state\"")) {
          Instant now = Instant.now();
          Matcher o = OBJECT.matcher(text); // one state frame, or the state frames of a batch
          while (o.find()) {
            String frame = o.group();
            Matcher m = SINCE.matcher(frame);
            if (frame.contains("\"type\":\"state\"") && m.find()) {
              delays.add(Duration.between(Instant.parse(m.group(1)), now).toNanos());
            }
          }
        }
      }));
    }
    t0 = System.nanoTime();
    for (String token : agentTokens) {
      agentPhones.add(phone(http, url, token, text -> { }));
    }
    System.out.printf("opened %d phones in %.0f s%n", agentPhones.size() + supervisorPhones.size(), (System.nanoTime() - t0) / 1e9);
    Thread.sleep(3000);
    long heapAfter = heapAfterGc(pid);
    if (heapBefore > 0) {
      System.out.printf("server heap after full GC: %d MiB before logins, %d MiB with %d sessions and phones: %.1f KiB per session%n",
          heapBefore >> 20, heapAfter >> 20, agents + supervisors, (heapAfter - heapBefore) / 1024.0 / (agents + supervisors));
    }

    measuring.set(1);
    long serverTicks = pid == null ? 0 : CpuShare.ticks(Long.parseLong(pid));
    long intervalNanos = 1_000_000_000L / rate;
    long start = System.nanoTime();
    long sent = 0;
    long end = start + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < end) {
      long due = start + sent * intervalNanos;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      WebSocket ws = agentPhones.get((int) (sent % agents));
      send(ws, MOVES[(int) ((sent / agents) % MOVES.length)]);
      sent++;
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    double achieved = sent / elapsed;
    double serverCpuSeconds = pid == null ? 0 : (CpuShare.ticks(Long.parseLong(pid)) - serverTicks) / 100.0;
    Thread.sleep(2000);
    measuring.set(0);
    long[] sorted = delays.stream().mapToLong(Long::longValue).sorted().toArray();
    System.out.printf("state changes sent=%d (%.0f/s for %d s), arrivals at supervisors=%d (expected %d)%n",
        sent, achieved, seconds, sorted.length, sent * supervisors);
    System.out.printf("server CPU while sending: %.0f %% of one core, %.0f us per state change (with its %d frames out)%n",
        serverCpuSeconds / elapsed * 100, serverCpuSeconds / Math.max(1, sent) * 1e6, 1 + supervisors);
    System.out.printf("delay change->supervisor p50=%.1f ms p99=%.1f ms max=%.1f ms%n",
        BenchArgs.percentile(sorted, 50) / 1e6, BenchArgs.percentile(sorted, 99) / 1e6, sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6);
    for (WebSocket ws : agentPhones) {
      ws.abort();
    }
    supervisorPhones.forEach(WebSocket::abort);
  }

  /** One frame at a time per socket, as java.net.http's WebSocket requires. */
  static void send(WebSocket ws, String frame) {
    synchronized (ws) {
      try {
        ws.sendText(frame, true).join();
      } catch (RuntimeException e) {
        // a closed phone; the missing arrivals show in the figures
      }
    }
  }

  static List<String> login(HttpClient http, String url, String prefix, int count) throws Exception {
    String[] tokens = new String[count];
    ExecutorService pool = Executors.newFixedThreadPool(16);
    CountDownLatch done = new CountDownLatch(count);
    for (int i = 0; i < count; i++) {
      int n = i;
      pool.execute(() -> {
        try {
          HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/api/apps/demo/sessions"))
              .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + prefix + (n + 1) + "\",\"password\":\"load\"}"))
              .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
          Matcher m = TOKEN.matcher(r.body());
          if (m.find()) {
            tokens[n] = m.group(1);
          }
        } catch (Exception e) {
          // counted below
        } finally {
          done.countDown();
        }
      });
    }
    done.await(15, TimeUnit.MINUTES);
    pool.shutdown();
    List<String> ok = Arrays.stream(tokens).filter(t -> t != null).toList();
    if (ok.size() != count) {
      throw new IllegalStateException(prefix + ": only " + ok.size() + " of " + count + " logins succeeded");
    }
    return ok;
  }

  interface Frames {
    void text(String frame);
  }

  static WebSocket phone(HttpClient http, String url, String token, Frames frames) throws Exception {
    CompletableFuture<Void> welcomed = new CompletableFuture<>();
    WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create(url.replaceFirst("^http", "ws") + "/ws/phone"),
        new WebSocket.Listener() {
          final StringBuilder text = new StringBuilder();

          @Override
          public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
              String frame = text.toString();
              text.setLength(0);
              if (frame.contains("\"type\":\"welcome\"")) {
                welcomed.complete(null);
              }
              frames.text(frame);
            }
            socket.request(1);
            return null;
          }

          @Override
          public CompletionStage<?> onClose(WebSocket socket, int status, String reason) {
            System.out.printf("a phone was closed by the server: %d %s%n", status, reason);
            return null;
          }
        }).get(30, TimeUnit.SECONDS);
    ws.sendText("{\"type\":\"hello\",\"token\":\"" + token + "\"}", true);
    welcomed.get(30, TimeUnit.SECONDS);
    return ws;
  }

  /** The server's used heap after a full GC, in bytes, or 0 without a pid. */
  private static long heapAfterGc(String pid) throws Exception {
    if (pid == null) {
      return 0;
    }
    run("jcmd", pid, "GC.run");
    String info = run("jcmd", pid, "GC.heap_info");
    Matcher m = Pattern.compile("used (\\d+)K").matcher(info);
    return m.find() ? Long.parseLong(m.group(1)) * 1024 : 0;
  }

  private static String run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    p.waitFor(60, TimeUnit.SECONDS);
    return out;
  }


}
