package org.ccphone.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ccphone.support.Api;
import org.ccphone.support.CallLogs;
import org.ccphone.support.CustomerDatabases;
import org.ccphone.support.Eventually;
import org.ccphone.support.H2Server;
import org.ccphone.support.KurentoProcess;
import org.ccphone.support.PayaraProcess;
import org.ccphone.support.RtpPeer;
import org.ccphone.support.Sipp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A call with real media end to end, on loopback: SIPp places the call, test code plays the
 * caller's RTP (a 1000 Hz tone, PCMU), Kurento Media Server bridges it, and headless Chromium
 * answers as the agent with its fake microphone (a beep near 400 Hz). The page hears the caller's
 * tone, and what KMS sends to the SIP side carries the browser's.
 */
class MediaCallIT {
  private static final int DB_PORT = 19098;
  private static final int HTTP_PORT = 18098;
  private static final int SIP_PORT = 15068;
  private static final int KMS_PORT = 18888;
  private static final double CALLER_HZ = 1000;
  private static final Path WORK = CustomerDatabases.build().resolve("it-media").toAbsolutePath();
  private static final H2Server DATABASES = new H2Server(DB_PORT, WORK.resolve("h2"));
  private static final KurentoProcess KMS = new KurentoProcess(KMS_PORT, WORK.resolve("kms"));
  private static PayaraProcess server;
  private static HttpServer pages;
  private static Playwright playwright;
  private static Browser chromium;

  @BeforeAll
  static void start() throws Exception {
    System.setProperty("h2.bindAddress", "127.0.0.1");
    H2Server.deleteQuietly(WORK);
    Files.createDirectories(WORK);
    DATABASES.startFresh();
    KMS.start();
    Path postBoot = WORK.resolve("post-boot.asadmin");
    Files.writeString(postBoot, String.join("\n",
        "deploy --name callcenter-sip " + CustomerDatabases.build().toAbsolutePath().resolve("callcenter-sip.rar"),
        pool("app", "callcenter-pool"), "create-jdbc-resource --connectionpoolid callcenter-pool jdbc/callcenter-app",
        pool("demo;MODE\\=MSSQLServer", "callcenter-demo-pool"),
        "create-jdbc-resource --connectionpoolid callcenter-demo-pool jdbc/callcenter/demo", ""));
    server = new PayaraProcess(HTTP_PORT, postBoot, Map.of(
        "callcenter.tenants.dirs", Path.of(System.getProperty("callcenter.project.dir", ".")).resolve("server-config/tenants").toString(),
        "callcenter.liquibase.contexts", "default,loadtest",
        "callcenter.outbox.pollMillis", "200",
        "callcenter.sip.port", String.valueOf(SIP_PORT),
        "callcenter.sip.defaultAppId", "demo",
        "callcenter.media.kurento.uri", KMS.uri(),
        "callcenter.media.rtpAddress", "127.0.0.1"), WORK.resolve("payara.log"));
    server.start();
    pages = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    pages.createContext("/", exchange -> {
      byte[] page;
      try (var in = MediaCallIT.class.getResourceAsStream("/media/agent-phone.html")) {
        page = in.readAllBytes();
      }
      exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
      exchange.sendResponseHeaders(200, page.length);
      exchange.getResponseBody().write(page);
      exchange.close();
    });
    pages.start();
    playwright = Playwright.create();
    chromium = playwright.chromium().launch(new BrowserType.LaunchOptions()
        .setExecutablePath(Path.of(System.getProperty("callcenter.chromium", "/usr/bin/chromium")))
        .setArgs(List.of("--no-sandbox", "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
            "--autoplay-policy=no-user-gesture-required")));
  }

  private static String pool(String database, String name) {
    return "create-jdbc-connection-pool --datasourceclassname org.h2.jdbcx.JdbcDataSource --restype javax.sql.DataSource"
        + " --property url=jdbc\\:h2\\:tcp\\://127.0.0.1\\:" + DB_PORT + "/" + database + ":user=sa:password=sa " + name;
  }

  @AfterAll
  static void stop() throws Exception {
    if (chromium != null) {
      chromium.close();
    }
    if (playwright != null) {
      playwright.close();
    }
    if (pages != null) {
      pages.stop(0);
    }
    if (server != null) {
      server.kill();
    }
    KMS.kill();
    DATABASES.stop();
  }

  /** The test agent page, logged in as {@code username} and READY. */
  private static Page agentPhone(String username) throws Exception {
    String token = new Api(server.url()).token("demo", username, "load");
    Page page = chromium.newPage();
    page.navigate("http://127.0.0.1:" + pages.getAddress().getPort() + "/agent-phone.html?token="
        + URLEncoder.encode(token, StandardCharsets.UTF_8) + "&ws="
        + URLEncoder.encode("ws://127.0.0.1:" + HTTP_PORT + "/ws/phone", StandardCharsets.UTF_8));
    Eventually.await(Duration.ofSeconds(20), () -> page.evaluate("window.phone && window.phone.state"), "READY"::equals);
    return page;
  }

  private static Map<String, String> call(String ani, RtpPeer caller) {
    return new HashMap<>(Map.of("dnis", "8005551100", "ani", ani, "skills", "sales", "callcenter",
        "sip:overflow@127.0.0.1:5070", "url", "", "session", "-", "rtp_port", String.valueOf(caller.port())));
  }

  @Test
  void theAgentHearsTheCallerAndTheCallerHearsTheAgent() throws Exception {
    Page agent = agentPhone("load1");
    try (RtpPeer caller = new RtpPeer(CALLER_HZ)) {
      Sipp ivr = Sipp.start("call-with-media.xml", SIP_PORT, 15531, call("5558001", caller), "-d", "12000");
      double heard = Eventually.await(Duration.ofSeconds(20),
          () -> ((Number) agent.evaluate("window.phone.peakHz")).doubleValue(), hz -> Math.abs(hz - CALLER_HZ) < 30, 0.0);
      assertTrue(Math.abs(heard - CALLER_HZ) < 30, "the agent's page hears the caller's tone: " + heard + " Hz; page: "
          + agent.evaluate("JSON.stringify(window.phone)") + "; caller got " + caller.packets() + " packets");
      Eventually.await(Duration.ofSeconds(20), caller::packets, n -> n > 150);
      double spoken = caller.dominantHz(150);
      assertTrue(spoken > 330 && spoken < 470,
          "the SIP side gets the browser's microphone (Chromium's fake beep near 400 Hz): " + spoken + " Hz from "
              + caller.packets() + " packets");
      assertTrue(ivr.succeeded(60), "the call ends with the caller's BYE: " + ivr.report());
    } finally {
      agent.close();
    }
    assertEquals(1, Eventually.await(Duration.ofSeconds(30), () -> CallLogs.agentIds(DATABASES, "5558001").size(), n -> n >= 1),
        "one CallLog row");
  }
}
