package org.ccphone.bench;

import static org.ccphone.bench.BenchArgs.arg;

import com.microsoft.playwright.Page;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.ccphone.support.Api;
import org.ccphone.support.BrowserPhones;
import org.ccphone.support.RtpPeer;
import org.ccphone.support.Sipp;
import org.kurento.client.IceCandidate;
import org.kurento.client.KurentoClient;
import org.kurento.client.MediaPipeline;
import org.kurento.client.MediaType;
import org.kurento.client.OfferOptions;
import org.kurento.client.RtpEndpoint;
import org.kurento.client.WebRtcEndpoint;

/**
 * Concurrent calls with real media through Kurento (scripts/bench-media), each step in three ways
 * in the same run:
 * <ul>
 *   <li>bare KMS, the anchor: this client does to KMS what the product does, with no server in
 *   between: per peer a pipeline and a WebRtcEndpoint negotiated with a Chromium peer, then an
 *   RtpEndpoint for the caller's RTP, connected both ways;</li>
 *   <li>the product: N agents' phones (standing legs) in Chromium, N calls placed at once by SIPp,
 *   the callers' RTP (a PCMU tone) from test peers; then the same with Record=Y.</li>
 * </ul>
 * Prints per step: calls held, packets lost on the browser side and on the SIP side, KMS's and the
 * application's CPU per call over a window of steady talk, KMS's memory, answer-to-audio p50/p99
 * (from the agent's answer, or from the start of the bare call, to the first packet the browser
 * receives), and the product's figures as ratios to the bare ones.
 *
 * <pre>java ... MediaLoad url=http://127.0.0.1:18084 sip=15084 kms=ws://127.0.0.1:18892/kurento kmsPid=.. appPid=.. calls=5,10,20 seconds=15</pre>
 */
public final class MediaLoad {
  private static final double TICKS_PER_SECOND = 100; // USER_HZ on Linux

  private final String url;
  private final int sipPort;
  private final String kmsUri;
  private final long kmsPid;
  private final long appPid;
  private final int seconds;
  private final BrowserPhones browsers;
  private int nextAgent = 1;
  private int nextSipPort = 15600;

  private MediaLoad(String[] args, BrowserPhones browsers) {
    url = arg(args, "url", "http://127.0.0.1:18084");
    sipPort = Integer.parseInt(arg(args, "sip", "15084"));
    kmsUri = arg(args, "kms", "ws://127.0.0.1:18892/kurento");
    kmsPid = Long.parseLong(arg(args, "kmsPid", "0"));
    appPid = Long.parseLong(arg(args, "appPid", "0"));
    // The calls end before the demo tenant's in-call OPTIONS (keepAliveSeconds 30), which the scenario does not answer.
    seconds = Math.min(15, Integer.parseInt(arg(args, "seconds", "15")));
    this.browsers = browsers;
  }

  public static void main(String[] args) throws Exception {
    List<Integer> steps = new ArrayList<>();
    for (String n : arg(args, "calls", "5,10,20").split(",")) {
      steps.add(Integer.parseInt(n.strip()));
    }
    try (BrowserPhones browsers = BrowserPhones.start()) {
      MediaLoad load = new MediaLoad(args, browsers);
      System.out.printf("%-14s %5s %6s %9s %9s %10s %10s %9s %9s %9s%n", "run", "calls", "held", "lost(web)",
          "lost(sip)", "KMS %/call", "app %/call", "KMS MB", "audio p50", "audio p99");
      for (int n : steps) {
        Step bare = load.attempt("bare KMS", n, () -> load.bare(n));
        Step plain = load.attempt("product", n, () -> load.product(n, false));
        Step recorded = load.attempt("product+record", n, () -> load.product(n, true));
        if (bare != null && plain != null && recorded != null) {
          System.out.printf("  ratios at %d calls: KMS CPU per call %.2fx bare (recording %.2fx); answer-to-audio p50 %.2fx, p99 %.2fx bare%n",
              n, plain.kmsPerCall / bare.kmsPerCall, recorded.kmsPerCall / bare.kmsPerCall, plain.audioP50 / bare.audioP50,
              plain.audioP99 / bare.audioP99);
        }
      }
    }
  }

  /** One step's figures. */
  private record Step(double kmsPerCall, double audioP50, double audioP99) {}

  /** A step that could not be held (the machine saturated) is printed as such, and the next goes on. */
  private Step attempt(String run, int n, java.util.concurrent.Callable<Step> step) {
    try {
      return step.call();
    } catch (Exception | Error e) {
      System.out.printf("%-14s %5d   not held: %s%n", run, n, e.getMessage() == null ? e : e.getMessage().lines().findFirst().orElse(""));
      return null;
    }
  }

  /** The anchor: N bridged calls made on KMS by this client alone. */
  private Step bare(int n) throws Exception {
    KurentoClient kurento = KurentoClient.create(kmsUri);
    Page page = browsers.chromium().newContext().newPage();
    List<MediaPipeline> pipelines = new ArrayList<>();
    List<RtpPeer> callers = new ArrayList<>();
    try {
      page.navigate(browsers.page("media-bench.html", "mode=bare"));
      page.waitForFunction("window.pageReady === true");
      List<WebRtcEndpoint> browsersSide = new ArrayList<>();
      List<ConcurrentLinkedQueue<IceCandidate>> found = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        MediaPipeline pipeline = kurento.createMediaPipeline();
        pipelines.add(pipeline);
        WebRtcEndpoint webrtc = new WebRtcEndpoint.Builder(pipeline).build();
        ConcurrentLinkedQueue<IceCandidate> candidates = new ConcurrentLinkedQueue<>();
        webrtc.addIceCandidateFoundListener(e -> candidates.add(e.getCandidate()));
        OfferOptions audioOnly = new OfferOptions();
        audioOnly.setOfferToReceiveAudio(true);
        audioOnly.setOfferToReceiveVideo(false);
        String offer = webrtc.generateOffer(audioOnly);
        String answer = (String) page.evaluate("([slot, sdp]) => bare.open(slot, sdp)", List.of(i, offer));
        webrtc.processAnswer(answer);
        webrtc.gatherCandidates();
        browsersSide.add(webrtc);
        found.add(candidates);
      }
      // Trickle ICE both ways until every peer connected (Playwright is driven from this thread only).
      long end = System.nanoTime() + 30_000_000_000L;
      while (System.nanoTime() < end) {
        for (int i = 0; i < n; i++) {
          for (IceCandidate c; (c = found.get(i).poll()) != null; ) {
            if (c.getCandidate().contains(" 127.0.0.1 ")) {
              page.evaluate("([slot, c]) => bare.addCandidate(slot, c)", List.of(i,
                  Map.of("candidate", c.getCandidate(), "sdpMid", c.getSdpMid(), "sdpMLineIndex", c.getSdpMLineIndex())));
            }
          }
          @SuppressWarnings("unchecked")
          List<Map<String, Object>> fromPage = (List<Map<String, Object>>) page.evaluate("slot => bare.candidates(slot)", i);
          for (Map<String, Object> c : fromPage) {
            browsersSide.get(i).addIceCandidate(new IceCandidate((String) c.get("candidate"), (String) c.get("sdpMid"),
                ((Number) c.get("sdpMLineIndex")).intValue()));
          }
        }
        Object connected = page.evaluate("peers.filter(p => p.pc.connectionState === 'connected').length");
        if (((Number) connected).intValue() == n) {
          break;
        }
        Thread.sleep(20);
      }
      // The calls, all at once as SIPp places them at the product: the caller's RtpEndpoint in each
      // pipeline, connected both ways, as the product attaches a call (one thread per call).
      for (int i = 0; i < n; i++) {
        callers.add(new RtpPeer(1000));
        page.evaluate("slot => peers[slot].expect()", i);
      }
      java.util.concurrent.ExecutorService calls = java.util.concurrent.Executors.newFixedThreadPool(n);
      try {
        List<java.util.concurrent.Future<?>> made = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          int slot = i;
          made.add(calls.submit(() -> {
            RtpEndpoint rtp = new RtpEndpoint.Builder(pipelines.get(slot)).build();
            rtp.processOffer(callerOffer(callers.get(slot).port()));
            rtp.connect(browsersSide.get(slot), MediaType.AUDIO);
            browsersSide.get(slot).connect(rtp, MediaType.AUDIO);
          }));
        }
        for (var f : made) {
          f.get();
        }
      } finally {
        calls.shutdown();
      }
      return measure("bare KMS", n, page, callers, false);
    } finally {
      pipelines.forEach(MediaPipeline::release);
      callers.forEach(RtpPeer::close);
      page.context().close();
      kurento.destroy();
    }
  }

  /** N agents' phones and N calls placed at once by SIPp through the product. */
  private Step product(int n, boolean record) throws Exception {
    Api api = new Api(url);
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      tokens.add(api.token("demo", "load" + nextAgent++, "load"));
    }
    Page page = browsers.chromium().newContext().newPage();
    List<RtpPeer> callers = new ArrayList<>();
    try {
      page.navigate(browsers.page("media-bench.html", "mode=product&tokens=" + String.join(",", tokens)
          + "&ws=" + java.net.URLEncoder.encode(url.replace("http", "ws") + "/ws/phone", java.nio.charset.StandardCharsets.UTF_8)));
      page.waitForFunction("window.peers && window.peers.length === " + n + " && window.peers.every(p => p.state === 'READY')",
          null, new Page.WaitForFunctionOptions().setTimeout(60_000));
      StringBuilder inf = new StringBuilder("SEQUENTIAL\n");
      for (int i = 0; i < n; i++) {
        RtpPeer caller = new RtpPeer(1000);
        callers.add(caller);
        inf.append(caller.port()).append(';').append(5559000 + i).append('\n');
      }
      Path csv = Files.createTempFile("bench-media", ".csv");
      Files.writeString(csv, inf);
      int talkMs = (seconds + 12) * 1000; // settling and measuring fit in it, and it ends before the 30 s OPTIONS
      Sipp ivr = Sipp.start("bench-media-call.xml", sipPort, nextSipPort++, Map.of("dnis", "8005551100", "skills", "sales",
          "callcenter", "sip:overflow@127.0.0.1:5070", "url", "", "session", "-", "record", record ? "Y" : "N",
          "callid", "bench-media"), "-inf", csv.toString(), "-m", String.valueOf(n), "-l", String.valueOf(n),
          "-r", String.valueOf(n), "-d", String.valueOf(talkMs));
      page.waitForFunction("window.peers.reduce((a, p) => a + p.answered, 0) === " + n, null,
          new Page.WaitForFunctionOptions().setTimeout(60_000));
      Step step = measure(record ? "product+record" : "product", n, page, callers, true);
      ivr.succeeded(talkMs / 1000 + 60);
      System.out.printf("  %s: SIPp %d of %d calls successful%n", record ? "product+record" : "product", ivr.successfulCalls(), n);
      for (String token : tokens) {
        api.delete("/api/sessions/current", token);
      }
      return step;
    } finally {
      callers.forEach(RtpPeer::close);
      page.context().close();
    }
  }

  /** Lets the calls settle, measures a window of steady talk, and prints the step's figures. */
  private Step measure(String run, int n, Page page, List<RtpPeer> callers, boolean withApp) throws Exception {
    // Steady talk: every peer got its first packets (the answers are over), then a moment more.
    page.waitForFunction("window.peers.every(p => p.audioMs.length > 0)", null,
        new Page.WaitForFunctionOptions().setTimeout(30_000));
    Thread.sleep(1000); // the first second of a call carries its set-up, not steady talk
    long kms0 = cpuTicks(kmsPid);
    long app0 = cpuTicks(appPid);
    long t0 = System.nanoTime();
    Thread.sleep(seconds * 1000L);
    double window = (System.nanoTime() - t0) / 1e9;
    double kmsCpu = (cpuTicks(kmsPid) - kms0) / TICKS_PER_SECOND / window * 100;
    double appCpu = (cpuTicks(appPid) - app0) / TICKS_PER_SECOND / window * 100;
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> peers = (List<Map<String, Object>>) page.evaluate("window.counted()");
    long lostWeb = 0;
    List<Long> audio = new ArrayList<>();
    int flowing = 0;
    for (Map<String, Object> p : peers) {
      lostWeb += ((Number) p.get("lost")).longValue();
      for (Object ms : (List<?>) p.get("audioMs")) {
        audio.add(Math.round(((Number) ms).doubleValue() * 1000));
      }
      if (((Number) p.get("received")).longValue() > 0) {
        flowing++;
      }
    }
    long lostSip = callers.stream().mapToLong(RtpPeer::lost).sum();
    int held = (int) Math.min(flowing, callers.stream().filter(c -> c.packets() > 0).count());
    long[] sorted = audio.stream().mapToLong(Long::longValue).sorted().toArray();
    double p50 = BenchArgs.percentile(sorted, 50) / 1e3;
    double p99 = BenchArgs.percentile(sorted, 99) / 1e3;
    System.out.printf("%-14s %5d %6d %9d %9d %10.2f %10s %9.0f %6.0f ms %6.0f ms%n", run, n, held, lostWeb, lostSip,
        kmsCpu / n, withApp ? String.format("%.2f", appCpu / n) : "-", rssMb(kmsPid), p50, p99);
    return new Step(kmsCpu / n, p50, p99);
  }

  /** The IVR's offer as SIPp sends it: PCMU to the caller's peer on loopback. */
  private static String callerOffer(int port) {
    return "v=0\r\no=ivr 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio " + port
        + " RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
  }

  /** User and system CPU of a process so far, in clock ticks (/proc/PID/stat fields 14 and 15). */
  private static long cpuTicks(long pid) throws Exception {
    if (pid <= 0) {
      return 0;
    }
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(f[11]) + Long.parseLong(f[12]);
  }

  private static double rssMb(long pid) throws Exception {
    if (pid <= 0) {
      return 0;
    }
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
      }
    }
    return 0;
  }
}
