package org.ccphone.it;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.ccphone.support.Api;
import org.ccphone.support.BrowserPhones;
import org.ccphone.support.CallActions;
import org.ccphone.support.CustomerDatabases;
import org.ccphone.support.DigestCheck;
import org.ccphone.support.Eventually;
import org.ccphone.support.H2Server;
import org.ccphone.support.KurentoProcess;
import org.ccphone.support.PayaraProcess;
import org.ccphone.support.PostBoot;
import org.ccphone.support.RtpPeer;
import org.ccphone.support.Sipp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kurento.client.KurentoClient;

/**
 * Outbound calls (CallType 2) end to end, on loopback: an agent dials from the phone page's dial
 * pad in Chromium, the server places the call through the tenant's SIP trunk (SIPp, which
 * challenges with 407), Kurento carries the audio, and test code plays and hears the far party's
 * RTP. Busy, refused credentials, no answer and the agent's own cancel are each shown in words and
 * leave no dialog and no pipeline behind.
 */
class OutboundCallIT {
  private static final int DB_PORT = 19131;
  private static final int HTTP_PORT = 18131;
  private static final int SIP_PORT = 15131;
  /** The test tenant's trunk (src/test/resources/tenants-dialer/dialer.json). */
  private static final int TRUNK_PORT = 15090;
  private static final int KMS_PORT = 18931;
  private static final double CALLEE_HZ = 1200;
  private static final String AGENT1_CALLER_ID = "5550101";
  private static final Path WORK = CustomerDatabases.build().resolve("it-outbound").toAbsolutePath();
  private static final H2Server DATABASES = new H2Server(DB_PORT, WORK.resolve("h2"));
  private static final KurentoProcess KMS = new KurentoProcess(KMS_PORT, WORK.resolve("kms"));
  private static PayaraProcess server;
  private static BrowserPhones phones;

  @BeforeAll
  static void start() throws Exception {
    System.setProperty("h2.bindAddress", "127.0.0.1");
    H2Server.deleteQuietly(WORK);
    Files.createDirectories(WORK);
    DATABASES.startFresh();
    KMS.start();
    Path postBoot = new PostBoot()
        .h2Server("callcenter-pool", "jdbc/callcenter-app", DB_PORT, "app")
        .h2Server("callcenter-demo-pool", "jdbc/callcenter/demo", DB_PORT, "demo;MODE\\=MSSQLServer")
        .write(WORK.resolve("post-boot.asadmin"));
    Path project = Path.of(System.getProperty("callcenter.project.dir", "."));
    Path dialer = Path.of(OutboundCallIT.class.getResource("/tenants-dialer").toURI());
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("callcenter.tenants.dirs", project.resolve("server-config/demo") + "," + dialer);
    properties.put("callcenter.outbox.pollMillis", "200");
    properties.put("callcenter.sip.port", String.valueOf(SIP_PORT));
    properties.put("callcenter.media.kurento.uri", KMS.uri());
    properties.put("callcenter.media.rtpAddress", "127.0.0.1");
    properties.put("callcenter.media.candidateAddresses", "127.0.0.0/8,::1/128");
    properties.put("callcenter.media.recordings", WORK.resolve("recordings").toString());
    server = new PayaraProcess(HTTP_PORT, postBoot, properties, WORK.resolve("payara.log"));
    server.start();
    phones = BrowserPhones.start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (phones != null) {
      phones.close();
    }
    if (server != null) {
      server.kill();
    }
    KMS.kill();
    DATABASES.stop();
  }

  @Test
  void anAgentDialsFromTheDialPadTheTrunkChallengesAndBothPartiesHearEachOther() throws Exception {
    Page page = login("agent1");
    try (RtpPeer callee = new RtpPeer(CALLEE_HZ)) {
      Sipp trunk = Sipp.start("trunk-answers.xml", SIP_PORT, TRUNK_PORT, Map.of("rtp_port", String.valueOf(callee.port())));
      page.getByLabel("Number").fill("2001");
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Call").setExact(true)).click();
      assertThat(page.locator("#call-title")).hasText("On a call", new LocatorAssertions.HasTextOptions().setTimeout(20_000));
      CallActions.onlyVisible(page, "mute", "hold", "hangup");
      assertThat(page.locator("#state-name")).hasText("On a call");
      double heard = BrowserPhones.speakerPlays(page, CALLEE_HZ, Duration.ofSeconds(20));
      assertTrue(Math.abs(heard - CALLEE_HZ) < 30, "the page's speaker plays the far party's tone: " + heard + " Hz");
      double spoken = Eventually.await(Duration.ofSeconds(20), () -> callee.dominantHz(15), OutboundCallIT::agentsBeep, 0.0);
      assertTrue(agentsBeep(spoken), "the far party hears the page's microphone: " + spoken + " Hz");
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Hang up")).click();
      assertTrue(trunk.succeeded(30), "the trunk got the retried INVITE and our BYE: " + trunk.report());

      String messages = trunk.messages();
      String digest = DigestCheck.lastHeader(messages, "Proxy-Authorization");
      assertTrue(digest != null && DigestCheck.valid(digest, "INVITE", "acme", "s3cret"), "the digest answers the trunk's challenge: " + digest);
      assertTrue(DigestCheck.lastHeader(messages, "P-Asserted-Identity").contains("<sip:" + AGENT1_CALLER_ID + "@trunk.test>"), messages);
      assertTrue(DigestCheck.lastHeader(messages, "From").contains("\"Agent One\" <sip:" + AGENT1_CALLER_ID + "@trunk.test>"), messages);
      assertTrue(messages.contains("INVITE sip:2001@trunk.test SIP/2.0"), "the dialed number, at the trunk's domain");
      assertTrue(!messages.contains("s3cret"), "the trunk's password never goes on the wire");
      assertTrue(!Files.readString(WORK.resolve("payara.log")).contains("s3cret"), "nor in the server's log");

      assertEquals(List.of("2 1001 5550101"), Eventually.await(Duration.ofSeconds(10),
          () -> rows("select CallType, AgentId, Ani from CallStart where Dnis = '2001'"), r -> !r.isEmpty()), "Call Start");
      List<String> callLog = Eventually.await(Duration.ofSeconds(10),
          () -> rows("select CallType, AgentId, Segment, TalkTime from CallLog where DNIS = '2001'"), r -> !r.isEmpty());
      assertEquals(1, callLog.size(), callLog.toString());
      assertTrue(callLog.get(0).startsWith("2 1001 1 "), "Call End: CallType 2, the agent, its one segment: " + callLog);
      assertTrue(Integer.parseInt(callLog.get(0).split(" ")[3]) >= 1, "it talked: " + callLog);
      assertNothingLeft();
    } finally {
      page.context().close();
    }
  }

  @Test
  void busyRefusedNoAnswerAndCancelAreEachShownInWordsAndLeaveNothingBehind() throws Exception {
    Page page = login("agent2");
    try {
      Sipp busy = Sipp.start("trunk-busy.xml", SIP_PORT, TRUNK_PORT, Map.of());
      dial(page, "2002");
      assertThat(page.locator("#call-message")).containsText("Busy", new LocatorAssertions.ContainsTextOptions().setTimeout(20_000));
      assertThat(page.locator("#call-message")).containsText("486 Busy Here");
      assertTrue(busy.succeeded(20), busy.report());
      assertThat(page.locator("#state-name")).hasText("Busy"); // back to where it dialed from

      Sipp refuses = Sipp.start("trunk-refuses.xml", SIP_PORT, TRUNK_PORT, Map.of());
      dial(page, "2003");
      assertThat(page.locator("#call-message")).containsText("refused", new LocatorAssertions.ContainsTextOptions().setTimeout(20_000));
      assertThat(page.locator("#call-message")).containsText("403");
      assertTrue(refuses.succeeded(20), refuses.report());

      Sipp rings = Sipp.start("trunk-rings.xml", SIP_PORT, TRUNK_PORT, Map.of());
      dial(page, "2004");
      assertThat(page.locator("#call-title")).hasText("Ringing 2004", new LocatorAssertions.HasTextOptions().setTimeout(20_000));
      CallActions.onlyVisible(page, "cancel-dial");
      assertTrue(!page.locator("#dial").isVisible(), "no second call is dialed while one is placed");
      assertThat(page.locator("#call-message")).hasText(Pattern.compile("No answer\\."), new LocatorAssertions.HasTextOptions().setTimeout(20_000));
      assertTrue(rings.succeeded(20), "the tenant's dial time (6 s) ran out: CANCEL, then the 487's ACK: " + rings.report());

      Sipp cancelled = Sipp.start("trunk-rings.xml", SIP_PORT, TRUNK_PORT, Map.of());
      dial(page, "2005");
      assertThat(page.locator("#call-title")).hasText("Ringing 2005", new LocatorAssertions.HasTextOptions().setTimeout(20_000));
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Cancel call")).click();
      assertThat(page.locator("#call-message")).containsText("You cancelled the call");
      assertTrue(cancelled.succeeded(20), "the agent's cancel sent CANCEL: " + cancelled.report());
      assertThat(page.locator("#state-name")).hasText("Busy");

      List<String> rows = Eventually.await(Duration.ofSeconds(10),
          () -> rows("select CallType, AgentId, TalkTime from CallLog where AgentId = 1002 and CallType = 2"), r -> r.size() == 4);
      assertEquals(List.of("2 1002 0", "2 1002 0", "2 1002 0", "2 1002 0"), rows, "a row for each attempt, without talk");
      assertNothingLeft();
    } finally {
      page.context().close();
    }
  }

  private static void dial(Page page, String number) {
    page.getByLabel("Number").fill(number);
    page.getByLabel("Number").press("Enter");
  }

  /** The real phone page of the dialing tenant, logged in (Busy). */
  private static Page login(String username) {
    Page page = phones.chromium().newContext().newPage();
    page.navigate(server.url() + "/phone/dialer");
    page.getByLabel("Username").fill(username);
    page.getByLabel("Password").fill(username);
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
    assertThat(page.locator("#state-name")).hasText("Busy");
    return page;
  }

  /** No SIP dialog and no call left, and on the media server only this agent's standing leg. */
  private static void assertNothingLeft() throws Exception {
    Api api = new Api(server.url());
    assertEquals(0.0, Eventually.await(Duration.ofSeconds(40), () -> api.metric("sip_dialogs"), n -> n == 0), "no dialog left");
    assertEquals(0.0, Eventually.await(Duration.ofSeconds(10), () -> api.metric("calls_in_progress"), n -> n == 0));
    assertEquals(1, Eventually.await(Duration.ofSeconds(20), OutboundCallIT::pipelinesOnKms, n -> n == 1),
        "on the media server only the agent's standing leg (an earlier test's phone closed with its page)");
  }

  private static int pipelinesOnKms() {
    KurentoClient kurento = KurentoClient.create(KMS.uri());
    try {
      return kurento.getServerManager().getPipelines().size();
    } finally {
      kurento.destroy();
    }
  }

  /** The rows of a query on the demo database, each as its columns joined by spaces. */
  private static List<String> rows(String sql) throws Exception {
    try (Connection c = DATABASES.connect("demo"); PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
      List<String> rows = new ArrayList<>();
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> values = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          values.add(rs.getString(i));
        }
        rows.add(String.join(" ", values));
      }
      return rows;
    }
  }

  private static boolean agentsBeep(double hz) {
    return hz > 330 && hz < 470; // Chromium's fake microphone
  }
}
