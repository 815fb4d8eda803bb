package org.ccphone.it;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.ccphone.support.BrowserPhones;
import org.ccphone.support.CustomerDatabases;
import org.ccphone.support.Eventually;
import org.ccphone.support.H2Server;
import org.ccphone.support.RemoteChromium;
import org.ccphone.support.RtpPeer;
import org.ccphone.support.Sipp;
import org.ccphone.support.TestCertificates;
import org.ccphone.support.TestNetwork;
import org.ccphone.tls.TlsIdentity;
import org.junit.jupiter.api.Test;

/**
 * An agent on another machine: a Chromium in a network namespace of the test's own, trusting the
 * test's certificate authority (and ignoring no certificate error), reaches the product that
 * {@code scripts/run} starts with a keystore the authority signed for the server's address on the
 * test network. Plain HTTP from there is redirected (pages) or refused (API, phone socket) before
 * anything is processed; over HTTPS the phone logs in on {@code wss://}, goes Ready and answers a
 * SIPp call with audio both ways through Kurento, whose candidates include the test network.
 */
class RemoteAgentIT {
  private static final int HTTP_PORT = 18091;
  private static final int HTTPS_PORT = HTTP_PORT + 363; // as scripts/run places it
  private static final int SIP_PORT = 15071;
  private static final double CALLER_HZ = 1000;

  @Test
  void anAgentOnAnotherMachineUsesThePhoneOverHttpsAndWssWithAudioBothWays() throws Exception {
    Path project = Path.of(System.getProperty("callcenter.project.dir", ".")).toAbsolutePath();
    Path work = CustomerDatabases.build().resolve("it-remote-agent").toAbsolutePath();
    H2Server.deleteQuietly(work);
    Files.createDirectories(work);
    try (TestNetwork net = TestNetwork.create("ccagent", 231)) {
      TestCertificates ca = new TestCertificates(work.resolve("ca"));
      Path keystore = ca.server("server", "ip:" + net.serverAddress());
      String fingerprint = TlsIdentity.load(keystore, TestCertificates.PASSWORD.toCharArray(), Optional.empty()).fingerprint();
      Path log = work.resolve("run.log");
      ProcessBuilder run = new ProcessBuilder(project.resolve("scripts/run").toString())
          .directory(project.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
      run.environment().putAll(Map.of("PORT", String.valueOf(HTTP_PORT), "CALLCENTER_DATA", work.resolve("data").toString(),
          "CALLCENTER_NO_BUILD", "1", "CALLCENTER_JAVA_OPTS", "-Xmx512m -Dcallcenter.sip.port=" + SIP_PORT,
          "CALLCENTER_KEYSTORE", keystore.toString(), "CALLCENTER_KEYSTORE_PASSWORD", TestCertificates.PASSWORD,
          "CALLCENTER_MEDIA_INTERFACES", "lo," + net.hostSide(),
          "CALLCENTER_CANDIDATE_ADDRESSES", "127.0.0.0/8,::1/128," + net.cidr()));
      Process script = run.start();
      try {
        String started = Eventually.await(Duration.ofSeconds(240), () -> Files.readString(log),
            out -> out.contains("Started in") || !script.isAlive(), "");
        assertTrue(started.contains("Started in"), "the server started: " + started);
        assertTrue(started.contains("From other machines: https://" + net.serverAddress() + ":" + HTTPS_PORT
            + "/  (certificate SHA-256 fingerprint " + fingerprint + ")"), "the address the keystore is for, and its fingerprint");

        plainHttpFromAnotherMachineIsRedirectedOrRefused(net);
        try (RemoteChromium remote = RemoteChromium.start(net, ca.authority(), work)) {
          aCertificateForAnotherNameIsRefused(net, ca, remote);
          thePhoneWorksOverHttps(net, remote);
        }
      } finally {
        script.destroy(); // SIGTERM, as Ctrl-C
        if (!script.waitFor(90, TimeUnit.SECONDS)) {
          script.destroyForcibly();
        }
      }
    }
  }

  private static void plainHttpFromAnotherMachineIsRedirectedOrRefused(TestNetwork net) throws Exception {
    String plain = "http://" + net.serverAddress() + ":" + HTTP_PORT;
    String page = net.exec("curl", "-s", "-o", "/dev/null", "-w", "%{http_code} %{redirect_url}", plain + "/phone/demo?x=1");
    assertEquals("308 https://" + net.serverAddress() + ":" + HTTPS_PORT + "/phone/demo?x=1", page);
    // More wrong passwords than the throttle allows: each refused before it is read, so agent1 is not locked out.
    for (int i = 0; i < 7; i++) {
      String login = net.exec("curl", "-s", "-w", " %{http_code}", "-X", "POST", plain + "/api/apps/demo/sessions",
          "-H", "Content-Type: application/json", "-d", "{\"username\":\"agent1\",\"password\":\"wrong\"}");
      assertTrue(login.endsWith(" 403") && login.contains("\"https_required\""), "the plain-HTTP API refuses: " + login);
    }
    String socket = net.exec("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-m", "5", "-H", "Connection: Upgrade",
        "-H", "Upgrade: websocket", "-H", "Sec-WebSocket-Version: 13", "-H", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
        plain + "/ws/phone");
    assertEquals("403", socket, "the plain-HTTP phone socket refuses");
    String spoofed = net.exec("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-H", "X-Forwarded-For: 127.0.0.1",
        "-H", "X-Forwarded-Proto: https", plain + "/api/apps/demo/health");
    assertEquals("403", spoofed, "forwarded headers from a machine that is no trusted proxy are not believed");
  }

  /** The same authority's certificate for another name, served on the server's address: the browser refuses it. */
  private static void aCertificateForAnotherNameIsRefused(TestNetwork net, TestCertificates ca, RemoteChromium remote) throws Exception {
    Path other = ca.server("other-name", "dns:other.example.test");
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(other)) {
      store.load(in, TestCertificates.PASSWORD.toCharArray());
    }
    store.deleteEntry("ca"); // its key entry only
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, TestCertificates.PASSWORD.toCharArray());
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(keys.getKeyManagers(), null, null);
    HttpsServer server = HttpsServer.create(new InetSocketAddress(net.serverAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    server.createContext("/", exchange -> {
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    server.start();
    Page page = remote.chromium().newContext().newPage();
    try {
      PlaywrightException refused = assertThrows(PlaywrightException.class,
          () -> page.navigate("https://" + net.serverAddress() + ":" + server.getAddress().getPort() + "/"));
      assertTrue(refused.getMessage().contains("ERR_CERT_COMMON_NAME_INVALID"), refused.getMessage());
    } finally {
      page.context().close();
      server.stop(0);
    }
  }

  private static void thePhoneWorksOverHttps(TestNetwork net, RemoteChromium remote) throws Exception {
    Page page = remote.chromium().newContext().newPage();
    List<String> sockets = new CopyOnWriteArrayList<>();
    page.onWebSocket(ws -> sockets.add(ws.url()));
    try (RtpPeer caller = new RtpPeer(CALLER_HZ)) {
      // The address an agent types: plain HTTP, followed to HTTPS.
      page.navigate("http://" + net.serverAddress() + ":" + HTTP_PORT + "/phone/demo");
      assertEquals("https://" + net.serverAddress() + ":" + HTTPS_PORT + "/phone/demo", page.url());
      assertEquals(true, page.evaluate("window.isSecureContext"), "a secure context: the page may use the microphone");
      page.getByLabel("Username").fill("agent1");
      page.getByLabel("Password").fill("agent1");
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
      assertThat(page.locator("#state-name")).hasText("Busy", new LocatorAssertions.HasTextOptions().setTimeout(20_000));
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Ready")).click();
      assertThat(page.locator("#state-name")).hasText("Ready", new LocatorAssertions.HasTextOptions().setTimeout(20_000));
      assertFalse(sockets.isEmpty(), "the phone opened its socket");
      assertTrue(sockets.stream().allMatch(url -> url.startsWith("wss://" + net.serverAddress() + ":" + HTTPS_PORT + "/")),
          "the phone's socket is wss:// " + sockets);

      Sipp ivr = Sipp.start("call-with-media.xml", SIP_PORT, 15571, Map.of("dnis", "8005551100", "ani", "5558047",
          "skills", "sales", "callcenter", "sip:overflow@127.0.0.1:5070", "url", "", "session", "-",
          "rtp_port", String.valueOf(caller.port()), "record", "N", "callid", "remote-agent-1"), "-d", "8000");
      assertThat(page.locator("#call-ani")).hasText("5558047", new LocatorAssertions.HasTextOptions().setTimeout(20_000));
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Answer")).click();
      double heard = BrowserPhones.speakerPlays(page, CALLER_HZ, Duration.ofSeconds(20));
      assertTrue(Math.abs(heard - CALLER_HZ) < 30, "the remote agent hears the caller: " + heard + " Hz");
      double spoken = Eventually.await(Duration.ofSeconds(20), () -> caller.dominantHz(15), hz -> hz > 330 && hz < 470, 0.0);
      assertTrue(spoken > 330 && spoken < 470, "the caller hears the remote agent's microphone: " + spoken + " Hz");
      String pair = BrowserPhones.selectedCandidatePair(page);
      assertTrue(pair.startsWith("host " + net.agentAddress() + " > host " + net.serverAddress()),
          "the media cross the test network, not loopback: " + pair);
      assertTrue(ivr.succeeded(60), "answered and ended with the caller's BYE: " + ivr.report());
    } finally {
      page.context().close();
    }
  }
}
