package org.ccphone.support;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Headless Chromium (Debian's, driven by Playwright) with the test agent pages of
 * src/test/resources/media served on loopback: agents' browsers with a fake microphone (a beep
 * near 400 Hz) that answer calls with real WebRTC media.
 */
public final class BrowserPhones implements AutoCloseable {
  private final HttpServer pages;
  private final Playwright playwright;
  private final Browser chromium;
  private Browser asShipped;

  /** The agent's voice in every page: a steady 400 Hz tone from Chromium's fake microphone. */
  public static final double AGENT_HZ = 400;

  private BrowserPhones(HttpServer pages, Playwright playwright, Browser chromium) {
    this.pages = pages;
    this.playwright = playwright;
    this.chromium = chromium;
  }

  /** Chromium's switches for the tests: fake devices, no permission prompts, the agent's tone as the microphone. */
  static List<String> switches(boolean autoplayAllowed) throws java.io.IOException {
    return switches(autoplayAllowed, AGENT_HZ);
  }

  /** As above, with the microphone playing {@code voiceHz}. */
  static List<String> switches(boolean autoplayAllowed, double voiceHz) throws java.io.IOException {
    List<String> args = new java.util.ArrayList<>(List.of("--no-sandbox", "--use-fake-device-for-media-stream",
        "--use-fake-ui-for-media-stream", "--use-file-for-fake-audio-capture=" + agentTone(voiceHz),
        // many agents' pages at once: none of them is a background tab to be slowed down
        "--disable-background-timer-throttling", "--disable-backgrounding-occluded-windows",
        "--disable-renderer-backgrounding"));
    if (autoplayAllowed) {
      args.add("--autoplay-policy=no-user-gesture-required");
    }
    return args;
  }

  /**
   * A steady tone rather than Chromium's default beep once a second: the agent's audio reaches the
   * caller continuously, so the time it takes after the answer can be measured.
   */
  private static String agentTone(double hz) throws java.io.IOException {
    Path file = CustomerDatabases.build().resolve(hz == AGENT_HZ ? "agent-tone.wav" : "agent-tone-" + (int) hz + ".wav").toAbsolutePath();
    if (!java.nio.file.Files.exists(file)) {
      int rate = 48000;
      int samples = rate * 4;
      java.nio.ByteBuffer wav = java.nio.ByteBuffer.allocate(44 + 2 * samples).order(java.nio.ByteOrder.LITTLE_ENDIAN);
      wav.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + 2 * samples).put("WAVE".getBytes(StandardCharsets.US_ASCII))
          .put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
          .putInt(rate).putInt(rate * 2).putShort((short) 2).putShort((short) 16)
          .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(2 * samples);
      for (int i = 0; i < samples; i++) {
        wav.putShort((short) (8000 * Math.sin(2 * Math.PI * hz * i / rate)));
      }
      java.nio.file.Files.createDirectories(file.getParent());
      java.nio.file.Files.write(file, wav.array());
    }
    return file.toString();
  }

  public static BrowserPhones start() throws Exception {
    HttpServer pages = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    pages.createContext("/", exchange -> {
      String name = exchange.getRequestURI().getPath().replaceFirst("^/", "");
      byte[] page = null;
      if (name.matches("[a-z-]+\\.html")) { // the test pages only
        try (var in = BrowserPhones.class.getResourceAsStream("/media/" + name)) {
          page = in == null ? null : in.readAllBytes();
        }
      }
      if (page == null) {
        exchange.sendResponseHeaders(404, -1);
        exchange.close();
        return;
      }
      exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
      exchange.sendResponseHeaders(200, page.length);
      exchange.getResponseBody().write(page);
      exchange.close();
    });
    pages.start();
    // Debian's chromium, never a download: the machine reaches no browser CDN.
    Playwright playwright = Playwright.create(new Playwright.CreateOptions()
        .setEnv(java.util.Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    Browser chromium = playwright.chromium().launch(new BrowserType.LaunchOptions()
        .setExecutablePath(Path.of(System.getProperty("callcenter.chromium", "/usr/bin/chromium")))
        .setArgs(switches(true)));
    return new BrowserPhones(pages, playwright, chromium);
  }

  /**
   * Another Chromium whose pages speak {@code voiceHz} instead of {@link #AGENT_HZ}: a second agent
   * whose voice a caller can tell from the first's. The caller closes it.
   */
  public Browser newChromiumSpeaking(double voiceHz) throws java.io.IOException {
    return playwright.chromium().launch(new BrowserType.LaunchOptions()
        .setExecutablePath(Path.of(System.getProperty("callcenter.chromium", "/usr/bin/chromium")))
        .setArgs(switches(true, voiceHz)));
  }

  /** A second Chromium without the autoplay switch: sound only after a click in the page, as shipped. */
  public synchronized Browser chromiumAsShipped() throws java.io.IOException {
    if (asShipped == null) {
      asShipped = playwright.chromium().launch(new BrowserType.LaunchOptions()
          .setExecutablePath(Path.of(System.getProperty("callcenter.chromium", "/usr/bin/chromium")))
          .setArgs(switches(false)));
    }
    return asShipped;
  }

  /** A new Chromium without the autoplay switch, as a browser restarted: nothing of an earlier one's state. The caller closes it. */
  public Browser newChromiumAsShipped() throws java.io.IOException {
    return playwright.chromium().launch(new BrowserType.LaunchOptions()
        .setExecutablePath(Path.of(System.getProperty("callcenter.chromium", "/usr/bin/chromium")))
        .setArgs(switches(false)));
  }

  public Browser chromium() {
    return chromium;
  }

  /** The address of a test page, with its query. */
  public String page(String name, String query) {
    return "http://127.0.0.1:" + pages.getAddress().getPort() + "/" + name + "?" + query;
  }

  /**
   * The test agent page in a browser context of its own (an agent's own browser), its phone
   * connected to {@code wsUrl} with {@code token}, once it is READY. {@code standing}: the phone
   * opens its media once, before READY, and calls attach to it.
   */
  public Page agentPhone(String wsUrl, String token, boolean standing) throws Exception {
    Page page = chromium.newContext().newPage();
    page.navigate(page("agent-phone.html", "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)
        + "&ws=" + URLEncoder.encode(wsUrl, StandardCharsets.UTF_8) + (standing ? "&standing=1" : "")));
    Object state = Eventually.await(Duration.ofSeconds(30), () -> page.evaluate("window.phone && window.phone.state"),
        "READY"::equals, "none");
    if (!"READY".equals(state)) {
      throw new AssertionError("the agent's phone is not READY: " + page.evaluate("JSON.stringify(window.phone)"));
    }
    return page;
  }

  /** The strongest frequency the page hears on its call, once it is near {@code tone} or the time is up. */
  public static double hearing(Page agent, double tone, Duration within) throws Exception {
    return Eventually.await(within, () -> ((Number) agent.evaluate("window.phone ? window.phone.peakHz : 0")).doubleValue(),
        hz -> Math.abs(hz - tone) < 30, 0.0);
  }

  private static final String LISTEN_TO_SPEAKER = """
      () => {
        const context = new AudioContext();
        const analyser = context.createAnalyser();
        analyser.fftSize = 4096;
        context.createMediaStreamSource(document.getElementById('speaker').srcObject).connect(analyser);
        const bins = new Float32Array(analyser.frequencyBinCount);
        window.heardHz = 0;
        window.levelAt = (hz) => {
          const i = Math.round(hz * analyser.fftSize / context.sampleRate);
          return Math.max(bins[i - 1], bins[i], bins[i + 1]);
        };
        window.quietLevel = () => {
          let loudest = -Infinity;
          for (let hz = 1500; hz <= 1900; hz += 10) { loudest = Math.max(loudest, window.levelAt(hz)); }
          return loudest;
        };
        setInterval(() => {
          analyser.getFloatFrequencyData(bins);
          let best = 1;
          for (let i = 1; i < bins.length; i++) { if (bins[i] > bins[best]) best = i; }
          window.heardHz = best * context.sampleRate / analyser.fftSize;
        }, 200);
      }""";

  /** The strongest frequency the product's phone page plays on its speaker, once it is near {@code tone} or the time is up. */
  public static double speakerPlays(Page page, double tone, Duration within) throws Exception {
    page.evaluate(LISTEN_TO_SPEAKER);
    return Eventually.await(within, () -> ((Number) page.evaluate("window.heardHz")).doubleValue(),
        hz -> Math.abs(hz - tone) < 30, 0.0);
  }

  /**
   * Whether the page's speaker plays every one of {@code tones} at once (each 20 dB over a band
   * nobody speaks in), within the time given.
   */
  public static boolean speakerPlaysAll(Page page, Duration within, double... tones) throws Exception {
    page.evaluate(LISTEN_TO_SPEAKER);
    StringBuilder check = new StringBuilder("(() => { const q = window.quietLevel(); return ");
    for (double hz : tones) {
      check.append("window.levelAt(").append(hz).append(") > q + 20 && ");
    }
    check.append("true; })()");
    return Eventually.await(within, () -> Boolean.TRUE.equals(page.evaluate(check.toString())), heard -> heard, false);
  }

  /**
   * How far (dB) the page's speaker's level at {@code hz} stands over the levels 45 Hz either side:
   * a tone played stands 20 dB or more over them, the noise a loud tone beside it brings does not
   * (that noise is tens of dB over a band nobody speaks in, so a quiet band cannot tell them apart).
   */
  private static double standsOut(Page page, double hz) {
    return ((Number) page.evaluate("(() => window.levelAt(" + hz + ") - Math.max(window.levelAt(" + (hz - 45) + "), window.levelAt("
        + (hz + 45) + ")))()")).doubleValue();
  }

  /** Whether the page's speaker plays every one of {@code tones} (each standing out of the noise beside it) within the time given. */
  public static boolean speakerPlaysClearly(Page page, Duration within, double... tones) throws Exception {
    page.evaluate(LISTEN_TO_SPEAKER);
    boolean all = Eventually.await(within, () -> java.util.Arrays.stream(tones).allMatch(hz -> standsOut(page, hz) > 20), heard -> heard, false);
    if (!all) {
      for (double hz : tones) {
        System.out.printf("speaker: %.0f Hz stands %.1f dB out of its neighbours%n", hz, standsOut(page, hz));
      }
    }
    return all;
  }

  /**
   * Whether the page's speaker stays without {@code tone} through {@code window}, sampled every
   * 200 ms, while it plays {@code playing} (so that the check means something): {@code tone} never
   * stands 10 dB out of the levels beside it.
   */
  public static boolean speakerNeverPlays(Page page, Duration window, double tone, double playing) throws Exception {
    if (!speakerPlaysClearly(page, Duration.ofSeconds(20), playing)) {
      throw new AssertionError("the page does not play " + playing + " Hz, so its silence at " + tone + " Hz means nothing");
    }
    // The page reads its analyser every 200 ms through the window and says how far the tone stood out at most.
    double most = ((Number) page.evaluate("([hz, ms]) => new Promise((done) => {"
        + " const out = () => window.levelAt(hz) - Math.max(window.levelAt(hz - 45), window.levelAt(hz + 45));"
        + " let most = out(); const every = setInterval(() => { most = Math.max(most, out()); }, 200);"
        + " setTimeout(() => { clearInterval(every); done(most); }, ms); })",
        java.util.List.of(tone, (double) window.toMillis()))).doubleValue();
    if (most > 10) {
      System.out.printf("speaker: %.0f Hz stood %.1f dB out of its neighbours%n", tone, most);
      return false;
    }
    return true;
  }

  /**
   * The candidate pair the product page's call audio flows on, as its peer connection's stats say
   * ("host 10.0.0.2 > relay 10.0.0.1"): the local and remote candidates' types and addresses.
   */
  public static String selectedCandidatePair(Page page) {
    return String.valueOf(page.evaluate("""
        async () => {
          const pc = window.phone.media && window.phone.media.callPeer();
          if (!pc) return 'no peer connection';
          const stats = await pc.getStats();
          let out = 'no selected pair';
          stats.forEach((s) => {
            if (s.type === 'transport' && s.selectedCandidatePairId) {
              const pair = stats.get(s.selectedCandidatePairId);
              const local = stats.get(pair.localCandidateId);
              const remote = stats.get(pair.remoteCandidateId);
              out = `${local.candidateType} ${local.address} > ${remote.candidateType} ${remote.address}`;
            }
          });
          return out;
        }"""));
  }

  /** What a test agent page did, frame by frame, for a failure's message. */
  public static String story(Page agent) {
    return String.valueOf(agent.evaluate("window.phone ? JSON.stringify({ state: window.phone.state, errors: window.phone.errors,"
        + " inPackets: window.phone.inPackets, log: window.phone.log }) : 'no phone'"));
  }

  @Override
  public void close() {
    if (asShipped != null) {
      asShipped.close();
    }
    chromium.close();
    playwright.close();
    pages.stop(0);
  }
}
