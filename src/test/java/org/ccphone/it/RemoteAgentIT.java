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
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.InputStream;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.ccphone.media.turn.TurnCredentials;
import org.ccphone.support.Api;
import org.ccphone.support.BrowserPhones;
import org.ccphone.support.CustomerDatabases;
import org.ccphone.support.Eventually;
import org.ccphone.support.H2Server;
import org.ccphone.support.NattedNetwork;
import org.ccphone.support.RemoteChromium;
import org.ccphone.support.RtpPeer;
import org.ccphone.support.RunCommand;
import org.ccphone.support.Sipp;
import org.ccphone.support.TestCertificates;
import org.ccphone.support.TestNetwork;
import org.ccphone.support.TurnClient;
import org.ccphone.tls.TlsIdentity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Agents on other machines. Two test networks of namespaces: a Chromium on a LAN of its own
 * ("direct"), and a Chromium behind a NAT router whose firewall drops UDP (and TCP) toward the
 * media server's ports ("natted"); each trusts the test's certificate authority and ignores no
 * certificate error. {@code scripts/run} starts the product once for the class, with a keystore the
 * authority signed for the server's addresses on both networks, Kurento offering candidates on
 * both, and coturn relaying on the NAT side. Plain HTTP from another machine is redirected (pages)
 * or refused (API, phone socket) before anything is processed; over HTTPS the phone is on
 * {@code wss://}, goes Ready and answers SIPp calls with audio both ways: directly, or through the
 * relay with credentials that expire and are renewed; the relay refuses any peer but the media
 * server.
 */
@TestMethodOrder(MethodOrderer.MethodName.class)
class RemoteAgentIT {
  private static final int HTTP_PORT = 18091;
  private static final int HTTPS_PORT = HTTP_PORT + 363; // as scripts/run places it
  private static final int TURN_PORT = HTTP_PORT - 4602; // as scripts/run places it
  private static final int SIP_PORT = 15071;
  private static final double CALLER_HZ = 1000;
  private static final int CREDENTIAL_SECONDS = 20;
  private static final Path WORK = CustomerDatabases.build().resolve("it-remote-agent").toAbsolutePath();

  private static TestNetwork direct;
  private static NattedNetwork natted;
  private static TestCertificates ca;
  private static RunCommand script;
  private static String fingerprint;

  @BeforeAll
  static void start() throws Exception {
    H2Server.deleteQuietly(WORK);
    Files.createDirectories(WORK);
    direct = TestNetwork.create("ccagent", 231);
    natted = NattedNetwork.create("ccnat", 232);
    natted.dropTrafficTo(42000, 42999); // Kurento's media ports (scripts/kurento), UDP and ICE-TCP: only the relay gets through
    ca = new TestCertificates(WORK.resolve("ca"));
    Path keystore = ca.server("server", "ip:" + direct.serverAddress(), "ip:" + natted.serverAddress());
    fingerprint = TlsIdentity.load(keystore, TestCertificates.PASSWORD.toCharArray(), Optional.empty()).fingerprint();
    Map<String, String> settings = new HashMap<>(Map.of("PORT", String.valueOf(HTTP_PORT),
        "CALLCENTER_KEYSTORE", keystore.toString(), "CALLCENTER_KEYSTORE_PASSWORD", TestCertificates.PASSWORD,
        "CALLCENTER_JAVA_OPTS", "-Xmx512m -Dcallcenter.sip.port=" + SIP_PORT
            + " -Dcallcenter.media.turn.credentialSeconds=" + CREDENTIAL_SECONDS));
    // The SIP side and anything not named here on loopback; Kurento and the relay on the test networks.
    settings.putAll(Map.of("CALLCENTER_LOOPBACK_ONLY", "1",
        "CALLCENTER_MEDIA_INTERFACES", "lo," + direct.hostSide() + "," + natted.hostSide(),
        "CALLCENTER_CANDIDATE_ADDRESSES", "127.0.0.0/8,::1/128," + direct.cidr() + "," + natted.cidr(),
        "CALLCENTER_TURN_ADDRESS", natted.serverAddress()));
    script = RunCommand.start(WORK, settings);
    String started = script.awaitStarted(Duration.ofSeconds(240));
    assertTrue(started.contains("Started in"), "the server started: " + started);
    assertTrue(started.contains("From other machines: https://" + direct.serverAddress() + ":" + HTTPS_PORT
        + "/  (certificate SHA-256 fingerprint " + fingerprint + ")"), "the address the keystore is for, and its fingerprint");
    assertTrue(started.contains("TURN (coturn) on " + natted.serverAddress() + ":" + TURN_PORT), started);
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (script != null) {
        script.stop(90); // SIGTERM, as Ctrl-C: the server, Kurento and coturn stop
      }
    } finally {
      if (natted != null) {
        natted.close();
      }
      if (direct != null) {
        direct.close();
      }
    }
  }

  /** SIP over TLS on the port after SIP's, with the certificate HTTPS serves (the stack's own keystore). */
  @Test
  void sipOverTlsAnswersWithTheServersCertificate() throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (InputStream pem = Files.newInputStream(ca.authority())) {
      trust.setCertificateEntry("ca", java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(pem));
    }
    javax.net.ssl.TrustManagerFactory trusting = javax.net.ssl.TrustManagerFactory.getInstance(
        javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
    trusting.init(trust);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, trusting.getTrustManagers(), null);
    try (javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", SIP_PORT + 1)) {
      socket.setSoTimeout(10_000);
      socket.startHandshake(); // fails unless the server shows a certificate of the test authority
      assertEquals("CN=server", ((java.security.cert.X509Certificate) socket.getSession().getPeerCertificates()[0])
          .getSubjectX500Principal().getName());
      String options = "OPTIONS sip:ivr@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/TLS 127.0.0.1:" + socket.getLocalPort()
          + ";branch=z9hG4bKtls1\r\nMax-Forwards: 70\r\nFrom: <sip:probe@127.0.0.1>;tag=tls1\r\nTo: <sip:ivr@127.0.0.1>\r\n"
          + "Call-ID: tls1@127.0.0.1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
      socket.getOutputStream().write(options.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      String status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
          java.nio.charset.StandardCharsets.US_ASCII)).readLine();
      assertEquals("SIP/2.0 200 OK", status);
    }
  }

  @Test
  void plainHttpFromAnotherMachineIsRedirectedOrRefused() throws Exception {
    plainHttpIsRedirectedOrRefusedFrom(direct);
  }

  @Test
  void aCertificateForAnotherNameIsRefusedByTheBrowser() throws Exception {
    try (RemoteChromium remote = RemoteChromium.start(direct.name(), ca.authority(), WORK)) {
      refusesACertificateForAnotherName(direct, ca, remote);
    }
  }

  @Test
  void aPhoneOnAnotherMachineAnswersOverHttpsAndWssWithAudioBothWays() throws Exception {
    try (RemoteChromium remote = RemoteChromium.start(direct.name(), ca.authority(), WORK)) {
      answersOverHttps(direct, remote);
    }
  }

  private static void plainHttpIsRedirectedOrRefusedFrom(TestNetwork net) throws Exception {
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
  private static void refusesACertificateForAnotherName(TestNetwork net, TestCertificates ca, RemoteChromium remote) throws Exception {
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

  private static void answersOverHttps(TestNetwork net, RemoteChromium remote) throws Exception {
    Page page = remote.chromium().newContext().newPage();
    List<String> sockets = new CopyOnWriteArrayList<>();
    page.onWebSocket(ws -> sockets.add(ws.url()));
    try (RtpPeer caller = new RtpPeer(CALLER_HZ)) {
      // The address an agent types: plain HTTP, followed to HTTPS.
      page.navigate("http://" + net.serverAddress() + ":" + HTTP_PORT + "/phone/demo");
      assertEquals("https://" + net.serverAddress() + ":" + HTTPS_PORT + "/phone/demo", page.url());
      assertEquals(true, page.evaluate("window.isSecureContext"), "a secure context: the page may use the microphone");
      logInAndGoReady(page, "agent1");
      assertFalse(sockets.isEmpty(), "the phone opened its socket");
      assertTrue(sockets.stream().allMatch(url -> url.startsWith("wss://" + net.serverAddress() + ":" + HTTPS_PORT + "/")),
          "the phone's socket is wss:// " + sockets);
      String pair = answersWithAudioBothWays(page, caller, "sales", "5558047", 15571);
      assertTrue(pair.startsWith("host " + net.agentAddress() + " > host " + net.serverAddress()),
          "the media cross the test network, directly: " + pair);
      page.keyboard().press("Alt+L");
      assertThat(page.locator("#login-message")).hasText("You logged out.");
    } finally {
      page.context().close();
    }
  }

  @Test
  void aPhoneBehindNatWithNoDirectPathToTheMediaServerTalksThroughTheRelayAndRenewsExpiredCredentials() throws Exception {
    try (RemoteChromium remote = RemoteChromium.start(natted.name(), ca.authority(), WORK)) {
      Page page = remote.chromium().newContext().newPage();
      List<JsonObject> offers = new CopyOnWriteArrayList<>(); // the relay's credentials, as each media offer gave them
      page.onWebSocket(ws -> ws.onFrameReceived(frame -> offers.addAll(mediaOffers(frame.text()))));
      try (RtpPeer caller = new RtpPeer(CALLER_HZ)) {
        page.navigate("https://" + natted.serverAddress() + ":" + HTTPS_PORT + "/phone/demo");
        logInAndGoReady(page, "agent2");
        page.waitForCondition(() -> !offers.isEmpty(), new Page.WaitForConditionOptions().setTimeout(10_000));
        JsonObject relay = offers.get(0);
        assertEquals("turn:" + natted.serverAddress() + ":" + TURN_PORT + "?transport=udp", relay.getJsonArray("urls").getString(0));
        long expiry = Long.parseLong(relay.getString("username").split(":")[0]);
        assertTrue(expiry - Instant.now().getEpochSecond() <= CREDENTIAL_SECONDS, "short-lived credentials: " + relay);

        String pair = answersWithAudioBothWays(page, caller, "support", "5558048", 15572);
        assertTrue(pair.startsWith("relay " + natted.serverAddress() + " > "), "through the relay: " + pair);
        assertTrue(natted.dropped().matches("(?s).*counter packets [1-9].*"), "the firewall dropped the phone's direct attempts: "
            + natted.dropped());

        // The credentials expire; the phone reconnects (a reload) and its new media offer brings new ones.
        Eventually.await(Duration.ofSeconds(CREDENTIAL_SECONDS + 30), () -> Instant.now().getEpochSecond(), now -> now > expiry, 0L);
        int before = offers.size();
        page.reload();
        // Playwright hands its events over only while it is called: wait in it.
        page.waitForCondition(() -> offers.size() > before, new Page.WaitForConditionOptions().setTimeout(30_000));
        JsonObject renewed = offers.get(offers.size() - 1);
        long renewedExpiry = Long.parseLong(renewed.getString("username").split(":")[0]);
        assertTrue(renewedExpiry > Instant.now().getEpochSecond(), "new credentials, valid again: " + renewed);
        assertThat(page.locator("#state-name")).hasText("Ready", new LocatorAssertions.HasTextOptions().setTimeout(30_000));
        String again = answersWithAudioBothWays(page, caller, "support", "5558049", 15573);
        assertTrue(again.startsWith("relay " + natted.serverAddress() + " > "), "through the relay again: " + again);
        page.keyboard().press("Alt+L");
        assertThat(page.locator("#login-message")).hasText("You logged out.");
      } finally {
        page.context().close();
      }
    }
  }

  @Test
  void theRelayRelaysOnlyToTheMediaServerAndRefusesExpiredCredentials() throws Exception {
    String secret = Files.readString(WORK.resolve("data/turn-" + TURN_PORT + "/secret")).strip();
    InetSocketAddress relay = new InetSocketAddress(natted.serverAddress(), TURN_PORT);
    TurnCredentials valid = TurnCredentials.issue(secret, "demo/probe", Instant.now().plusSeconds(60));
    try (TurnClient client = new TurnClient(relay, valid.username(), valid.credential())) {
      assertEquals(0, client.allocate(), "an allocation with valid credentials");
      assertEquals(0, client.permit(natted.serverAddress()), "to the media server");
      assertEquals(0, client.permit(direct.serverAddress()), "to the media server's other address");
      assertEquals(403, client.permit(direct.agentAddress()), "to another host: refused");
      assertEquals(403, client.permit(natted.routerAddress()), "to another host: refused");
      assertEquals(403, client.permit("127.0.0.1"), "to this machine's loopback: refused");
    }
    TurnCredentials expired = TurnCredentials.issue(secret, "demo/probe", Instant.now().minusSeconds(5));
    try (TurnClient client = new TurnClient(relay, expired.username(), expired.credential())) {
      assertEquals(401, client.allocate(), "expired credentials are refused");
    }
  }

  @Test
  void aSupervisorsDetailedHealthShowsTheCertificateTheMediaAddressesAndThatTheRelayAnswers() throws Exception {
    Api api = new Api("http://127.0.0.1:" + HTTP_PORT);
    String token = api.token("demo", "super1", "super1");
    try {
      JsonObject network = api.get("/api/apps/demo/health", token).json().getJsonObject("network");
      assertEquals("UP", network.getJsonObject("turn").getString("status"), "the relay answers: " + network);
      assertTrue(network.getJsonObject("media").getString("candidateAddresses").contains(natted.cidr()), network.toString());
      assertEquals(fingerprint, network.getJsonObject("https").getJsonObject("certificate").getString("fingerprint"));
      assertFalse(api.get("/api/apps/demo/health", null).json().containsKey("network"), "not in the anonymous answer");
      String agent = api.token("demo", "agent1", "agent1");
      assertFalse(api.get("/api/apps/demo/health", agent).json().containsKey("network"), "nor in an agent's");
      api.delete("/api/sessions/current", agent);
    } finally {
      api.delete("/api/sessions/current", token);
    }
  }

  private static void logInAndGoReady(Page page, String agent) {
    page.getByLabel("Username").fill(agent);
    page.getByLabel("Password").fill(agent);
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
    assertThat(page.locator("#state-name")).hasText("Busy", new LocatorAssertions.HasTextOptions().setTimeout(20_000));
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Ready")).click();
    assertThat(page.locator("#state-name")).hasText("Ready", new LocatorAssertions.HasTextOptions().setTimeout(20_000));
  }

  /**
   * A SIPp call for {@code skills} rings at the page, which answers: the page's speaker plays the
   * caller's tone and the caller hears the page's microphone; returns the candidate pair the audio
   * took. The caller hangs up after a few seconds.
   */
  private static String answersWithAudioBothWays(Page page, RtpPeer caller, String skills, String ani, int sipLocalPort)
      throws Exception {
    Sipp ivr = Sipp.start("call-with-media.xml", SIP_PORT, sipLocalPort, Map.of("dnis", "8005551100", "ani", ani,
        "skills", skills, "callcenter", "sip:overflow@127.0.0.1:5070", "url", "", "session", "-",
        "rtp_port", String.valueOf(caller.port()), "record", "N", "callid", "remote-" + ani), "-d", "8000");
    assertThat(page.locator("#call-ani")).hasText(ani, new LocatorAssertions.HasTextOptions().setTimeout(20_000));
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Answer")).click();
    int heardFrom = caller.packets();
    double heard = BrowserPhones.speakerPlays(page, CALLER_HZ, Duration.ofSeconds(20));
    assertTrue(Math.abs(heard - CALLER_HZ) < 30, "the remote agent hears the caller: " + heard + " Hz");
    double spoken = Eventually.await(Duration.ofSeconds(20),
        () -> caller.packets() - heardFrom >= 25 ? caller.dominantHz(15) : 0.0, hz -> hz > 330 && hz < 470, 0.0);
    assertTrue(spoken > 330 && spoken < 470, "the caller hears the remote agent's microphone: " + spoken + " Hz");
    String pair = BrowserPhones.selectedCandidatePair(page);
    assertTrue(ivr.succeeded(60), "answered and ended with the caller's BYE: " + ivr.report());
    return pair;
  }

  /** The ICE servers of the media offers in a frame from the server (a batch or one frame). */
  private static List<JsonObject> mediaOffers(String text) {
    JsonObject frame = Json.createReader(new StringReader(text)).readObject();
    List<JsonObject> frames = "batch".equals(frame.getString("type", ""))
        ? frame.getJsonArray("frames").getValuesAs(JsonObject.class) : List.of(frame);
    return frames.stream().filter(f -> "mediaOffer".equals(f.getString("type", "")))
        .map(f -> f.getJsonArray("iceServers").getJsonObject(0)).toList();
  }
}
