package org.ccphone.support;

import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A test phone: a real WebSocket to /ws/phone that keeps every frame it receives. */
public final class PhoneClient implements AutoCloseable {
  private final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
  private final CompletableFuture<Integer> closed = new CompletableFuture<>();
  private final WebSocket ws;

  public PhoneClient(String httpBase) {
    String url = httpBase.replaceFirst("^http", "ws") + "/ws/phone";
    ws = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
        .buildAsync(URI.create(url), new Listener()).join();
  }

  /** Opens a socket and says hello; returns the welcome. */
  public static PhoneClient hello(String httpBase, String token) {
    PhoneClient phone = new PhoneClient(httpBase);
    phone.send("{\"type\":\"hello\",\"token\":\"" + token + "\"}");
    phone.await("welcome");
    return phone;
  }

  public synchronized void send(String text) {
    ws.sendText(text, true).join();
  }

  private final java.util.concurrent.ScheduledExecutorService answering = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "auto-answer");
    t.setDaemon(true);
    return t;
  });
  private volatile boolean autoAnswer;
  private volatile long answerAfterMillis;
  private final java.util.concurrent.atomic.AtomicInteger answered = new java.util.concurrent.atomic.AtomicInteger();

  /** From now on every offer is answered at once, as a load agent would. */
  public void autoAnswer() {
    autoAnswer = true;
  }

  /** From now on every offer is answered {@code after} it arrived, as a person clicking would. */
  public void autoAnswer(java.time.Duration after) {
    answerAfterMillis = after.toMillis();
    autoAnswer = true;
  }

  private final java.util.Map<String, java.util.concurrent.atomic.AtomicInteger> counts =
      new java.util.concurrent.ConcurrentHashMap<>();

  private final java.util.Map<String, Long> lastArrivals = new java.util.concurrent.ConcurrentHashMap<>();

  /** When (epoch ms) the latest frame of this type arrived, or null. */
  public Long lastArrival(String type) {
    return lastArrivals.get(type);
  }

  /** Frames of this type received so far, whether awaited or not. */
  public int received(String type) {
    var n = counts.get(type);
    return n == null ? 0 : n.get();
  }

  private volatile boolean reading = true;

  /** From now on the phone reads nothing more: the server's writes to it back up, as a hung browser's would. */
  public void stopReading() {
    reading = false;
  }

  /** Offers answered by {@link #autoAnswer()}. */
  public int answeredCount() {
    return answered.get();
  }

  /** The answer frame to an offer, with a browser-like session description. */
  public static String answerTo(JsonObject offer) {
    return "{\"type\":\"answer\",\"call\":\"" + offer.getString("call")
        + "\",\"sdp\":\"v=0\\r\\no=- 2 2 IN IP4 127.0.0.1\\r\\ns=-\\r\\nt=0 0\\r\\nm=audio 9 UDP/TLS/RTP/SAVPF 0\\r\\n\"}";
  }

  /** The next frame of this type, skipping others; fails after 10 s. */
  public JsonObject await(String type) {
    return await(f -> type.equals(f.getString("type", null)), "a '" + type + "' frame");
  }

  public JsonObject await(Predicate<JsonObject> wanted, String what) {
    return await(wanted, what, Duration.ofSeconds(10));
  }

  /** The next frame that matches, skipping others; fails after {@code limit}. */
  public JsonObject await(Predicate<JsonObject> wanted, String what, Duration limit) {
    long end = System.nanoTime() + limit.toNanos();
    List<JsonObject> skipped = new ArrayList<>();
    while (System.nanoTime() < end) {
      try {
        JsonObject f = frames.poll(100, TimeUnit.MILLISECONDS);
        if (f != null && wanted.test(f)) {
          return f;
        }
        if (f != null) {
          skipped.add(f);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return fail("no " + what + " within " + limit.toSeconds() + " s; got " + skipped);
  }

  /** Every frame received within the window. */
  public List<JsonObject> drain(Duration window) throws InterruptedException {
    List<JsonObject> all = new ArrayList<>();
    long end = System.nanoTime() + window.toNanos();
    while (System.nanoTime() < end) {
      JsonObject f = frames.poll(50, TimeUnit.MILLISECONDS);
      if (f != null) {
        all.add(f);
      }
    }
    return all;
  }

  /** The close code the server sent, waiting up to 10 s. */
  public int closeCode() throws Exception {
    return closed.get(10, TimeUnit.SECONDS);
  }

  /** Drops the connection without a goodbye, as a lost network would. */
  public void drop() {
    ws.abort();
  }

  @Override
  public void close() {
    if (!ws.isOutputClosed()) {
      ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    }
    ws.abort();
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder text = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        JsonObject frame = Json.createReader(new StringReader(text.toString())).readObject();
        List<JsonObject> received = "batch".equals(frame.getString("type", null))
            ? frame.getJsonArray("frames").getValuesAs(JsonObject.class) : List.of(frame);
        for (JsonObject f : received) {
          counts.computeIfAbsent(f.getString("type", ""), t -> new java.util.concurrent.atomic.AtomicInteger())
              .incrementAndGet();
          lastArrivals.put(f.getString("type", ""), System.currentTimeMillis());
          if (autoAnswer && "offer".equals(f.getString("type", null))) {
            answering.schedule(() -> {
              send(answerTo(f));
              answered.incrementAndGet();
            }, answerAfterMillis, java.util.concurrent.TimeUnit.MILLISECONDS);
          } else if (autoAnswer && "state".equals(f.getString("type", null)) && "Wrap-up".equals(f.getString("reason", null))) {
            answering.execute(() -> send("{\"type\":\"ready\"}")); // no after-call work between answered calls
          } else {
            frames.add(f);
          }
        }
        text.setLength(0);
      }
      if (reading) {
        socket.request(1);
      }
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int status, String reason) {
      closed.complete(status);
      return null;
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
      closed.complete(-1);
    }
  }
}
