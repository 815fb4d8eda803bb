package org.ccphone.it;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
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
import org.ccphone.support.Wav;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kurento.client.KurentoClient;

/**
 * Call control end to end, on loopback, from the real phone page in Chromium with Kurento carrying
 * the audio and test code playing and hearing the far party's RTP:
 * outbound calls (CallType 2) dialed from the dial pad through the tenant's SIP trunk (SIPp, which
 * challenges with 407), with busy, refused credentials, no answer and the agent's own cancel each
 * shown in words and leaving no dialog and no pipeline behind; and a blind transfer of an IVR's
 * call (SIPp) to a skill queue, where a second agent, speaking another tone, takes it; transfers to
 * a number (REFER, and the trunk); consultations of an agent (cancelled, made a conference that the
 * first agent leaves, completed, the caller hanging up meanwhile) and of a number through the trunk,
 * with each party's tones checked.
 */
class CallControlIT {
  private static final int DB_PORT = 19131;
  private static final int HTTP_PORT = 18131;
  private static final int SIP_PORT = 15131;
  /** The test tenant's trunk (src/test/resources/tenants-dialer/dialer.json). */
  private static final int TRUNK_PORT = 15090;
  private static final int KMS_PORT = 18931;
  private static final double CALLEE_HZ = 1200;
  private static final double CALLER_HZ = 1000;
  /** A transfer's outside party: no harmonic nor mix of the agents' tones (400, 700) and the caller's. */
  private static final double OUTSIDE_HZ = 1300;
  /** The second agent's voice, told apart from the first's ({@link BrowserPhones#AGENT_HZ}). */
  private static final double AGENT2_HZ = 700;
  private static final String AGENT1_CALLER_ID = "5550101";
  private static final Path WORK = CustomerDatabases.build().resolve("it-outbound").toAbsolutePath();
  private static final Path RECORDINGS = WORK.resolve("recordings");
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
    Path dialer = Path.of(CallControlIT.class.getResource("/tenants-dialer").toURI());
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("callcenter.tenants.dirs", project.resolve("server-config/demo") + "," + dialer);
    properties.put("callcenter.outbox.pollMillis", "200");
    properties.put("callcenter.sip.port", String.valueOf(SIP_PORT));
    properties.put("callcenter.media.kurento.uri", KMS.uri());
    properties.put("callcenter.media.rtpAddress", "127.0.0.1");
    properties.put("callcenter.media.candidateAddresses", "127.0.0.0/8,::1/128");
    properties.put("callcenter.media.recordings", RECORDINGS.toString());
    properties.put("callcenter.sip.defaultAppId", "demo");
    properties.put("callcenter.media.holdMusic", project.resolve("server-config/media/hold-music.ogg").toAbsolutePath().toUri().toString());
    server = new PayaraProcess(HTTP_PORT, postBoot, properties, WORK.resolve("payara.log"));
    server.start();
    phones = BrowserPhones.start();
    try (Connection c = DATABASES.connect("demo"); PreparedStatement s = c.prepareStatement(
        "create table Disposition (CallId varchar(100), Segment int, AgentId int, Code varchar(50), Notes varchar(1000))")) {
      s.execute(); // the wrapper tenant's Disposition event writes here
    }
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
      CallActions.onlyVisible(page, "mute", "hold", "transfer", "hangup");
      assertThat(page.locator("#state-name")).hasText("On a call");
      double heard = BrowserPhones.speakerPlays(page, CALLEE_HZ, Duration.ofSeconds(20));
      assertTrue(Math.abs(heard - CALLEE_HZ) < 30, "the page's speaker plays the far party's tone: " + heard + " Hz");
      double spoken = Eventually.await(Duration.ofSeconds(20), () -> callee.dominantHz(15), CallControlIT::agentsBeep, 0.0);
      assertTrue(agentsBeep(spoken), "the far party hears the page's microphone: " + spoken + " Hz");
      int talking = callee.packets();
      Eventually.await(Duration.ofSeconds(10), callee::packets, n -> n >= talking + 100); // 2 s of talk: a TalkTime to count
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
    Page supervisor = supervisor("dialer");
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
      assertThat(supervisor.locator("#agents tr[data-agent-id='1002'] .call")).containsText("Dialing 2004",
          new LocatorAssertions.ContainsTextOptions().setTimeout(5_000));
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
      supervisor.context().close();
    }
  }

  @Test
  void aBlindTransferToTheSupportQueueRingsTheNextAgentWhoTalksWithTheCallerAndTheRecordingKeepsBoth() throws Exception {
    Browser secondBrowser = phones.newChromiumSpeaking(AGENT2_HZ);
    Page first = login(phones.chromium(), "demo", "agent1");
    Page second = login(secondBrowser, "demo", "agent2");
    Page supervisor = supervisor("demo");
    try (RtpPeer caller = new RtpPeer(CALLER_HZ)) {
      goReady(second); // longest READY: the transfer to support rings agent2, not agent1 back
      goReady(first);
      Map<String, String> call = demoCall(caller, "5558101", "transfer-5558101", "Y");
      Sipp ivr = Sipp.start("call-with-media-hung-up.xml", SIP_PORT, 15132, call);
      // agent1 (sales) answers and talks.
      first.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Answer")).click();
      assertThat(first.locator("#call-title")).hasText("On a call", new LocatorAssertions.HasTextOptions().setTimeout(20_000));
      double firstHeard = BrowserPhones.speakerPlays(first, CALLER_HZ, Duration.ofSeconds(20));
      assertTrue(Math.abs(firstHeard - CALLER_HZ) < 30, "agent1 hears the caller: " + firstHeard);
      assertTrue(hears(caller, BrowserPhones.AGENT_HZ), "the caller hears agent1");
      int talking = caller.packets();
      Eventually.await(Duration.ofSeconds(10), caller::packets, n -> n >= talking + 100); // 2 s of talk: a TalkTime to count

      // The transfer: the targets listed, the support queue picked.
      first.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Transfer").setExact(true)).click();
      assertThat(first.getByLabel("Transfer to")).isVisible();
      first.getByLabel("Transfer to").selectOption("queue:support");
      assertThat(first.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName("Agent: agent2 (Ready)"))).isAttached();
      first.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Transfer now")).click();
      assertThat(first.locator("#call-message")).hasText("You transferred the call.", new LocatorAssertions.HasTextOptions().setTimeout(20_000));
      assertThat(first.locator("#state-name")).hasText("Busy"); // wrap-up

      // agent2 rings, answers, and the caller and agent2 hear each other.
      assertThat(second.locator("#call-ani")).hasText("5558101", new LocatorAssertions.HasTextOptions().setTimeout(20_000));
      assertThat(supervisor.locator("#waiting tbody")).containsText("support (transferred by agent1)",
          new LocatorAssertions.ContainsTextOptions().setTimeout(10_000)); // the supervisors see the transfer while it rings
      long answered = System.nanoTime();
      second.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Answer")).click();
      assertTrue(hears(caller, AGENT2_HZ), "the caller hears agent2");
      // The target's browser connects to a new endpoint where the call's media are (ICE and DTLS):
      // printed for docs/media.md, "Transfers" (polled every 200 ms).
      System.out.printf("transfer: the caller hears the next agent %d ms after its Answer%n", (System.nanoTime() - answered) / 1_000_000);
      assertThat(second.locator("#call-title")).hasText("On a call", new LocatorAssertions.HasTextOptions().setTimeout(20_000));
      double secondHeard = BrowserPhones.speakerPlays(second, CALLER_HZ, Duration.ofSeconds(20));
      assertTrue(Math.abs(secondHeard - CALLER_HZ) < 30, "agent2 hears the caller: " + secondHeard);
      assertThat(supervisor.locator("#agents tr[data-agent-id='1002'] .call")).containsText("transferred in",
          new LocatorAssertions.ContainsTextOptions().setTimeout(10_000));

      // agent1 logs out: the call goes on.
      first.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log out")).click();
      assertThat(first.getByLabel("Username")).isVisible();
      int before = caller.packets();
      Eventually.await(Duration.ofSeconds(10), caller::packets, n -> n >= before + 100); // 2 s more of the call
      assertTrue(hears(caller, AGENT2_HZ), "the caller still hears agent2 after agent1 logged out");

      second.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Hang up")).click();
      assertTrue(ivr.succeeded(30), "the caller got agent2's BYE: " + ivr.report());
    } finally {
      first.context().close();
      second.context().close();
      supervisor.context().close();
      secondBrowser.close();
    }
    List<String> segments = Eventually.await(Duration.ofSeconds(20),
        () -> rows("select Segment, AgentId, TalkTime from CallLog where ANI = '5558101' order by Segment"), r -> r.size() == 2);
    assertTrue(segments.get(0).startsWith("1 1001 ") && segments.get(1).startsWith("2 1002 "), "a segment each: " + segments);
    for (String segment : segments) {
      assertTrue(Integer.parseInt(segment.split(" ")[2]) >= 1, "each talked: " + segments);
    }
    Path file = RECORDINGS.resolve("transfer-5558101.wav");
    Wav wav = Wav.read(file);
    double quiet = wav.strongest(1500, 1900)[1];
    assertTrue(wav.strongest(900, 1100)[1] > 20 * quiet, "the caller is in the call's one recording");
    assertTrue(wav.strongest(380, 420)[1] > 20 * quiet, "agent1's segment is in it");
    assertTrue(wav.strongest(680, 720)[1] > 20 * quiet, "agent2's segment is in it");
  }

  @Test
  void aCallStartsDefaultTransferNumberIsInTheDialPadWhenTheCallRings() throws Exception {
    Page page = login("agent1");
    try {
      goReady(page);
      // The dialing tenant's Call Start inserts its row and returns DefaultTransferNumber 3001.
      Sipp ivr = Sipp.start("call-cancelled.xml", SIP_PORT, 15133, Map.of("dnis", "8005552700", "ani", "5558102",
          "skills", "sales", "callcenter", "", "url", ""), "-d", "8000");
      assertThat(page.locator("#call-ani")).hasText("5558102", new LocatorAssertions.HasTextOptions().setTimeout(20_000));
      CallActions.onlyVisible(page, "answer", "decline");
      assertThat(page.getByLabel("Number")).hasValue("3001");
      assertTrue(ivr.succeeded(30), "the caller gave up while it rang: " + ivr.report());
      assertThat(page.locator("#call")).isHidden();
    } finally {
      page.context().close();
    }
  }

  @Test
  void aTransferToANumberAsksTheIvrThatTakesReferAndTheCallEndsForTheServerCleanly() throws Exception {
    Page page = login(phones.chromium(), "referrer", "agent2");
    try (RtpPeer caller = new RtpPeer(CALLER_HZ)) {
      goReady(page);
      Map<String, String> call = new LinkedHashMap<>(Map.of("dnis", "8005552800", "ani", "5558103", "skills", "support",
          "callcenter", "", "url", "", "rtp_port", String.valueOf(caller.port()), "record", "N", "callid", "refer-5558103"));
      Sipp ivr = Sipp.start("call-refer.xml", SIP_PORT, 15134, call);
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Answer")).click();
      assertThat(page.locator("#call-title")).hasText("On a call", new LocatorAssertions.HasTextOptions().setTimeout(20_000));
      page.getByLabel("Number").fill("3001");
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Transfer").setExact(true)).click();
      page.getByLabel("Transfer to").selectOption("number:3001");
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Transfer now")).click();
      assertThat(page.locator("#call-message")).hasText("You transferred the call.", new LocatorAssertions.HasTextOptions().setTimeout(20_000));
      assertTrue(ivr.succeeded(40), "the IVR got REFER, said it is done, and got our BYE: " + ivr.report());
      assertEquals("<sip:3001@127.0.0.1:15134>", DigestCheck.lastHeader(ivr.messages(), "Refer-To"), "the tenant's referTo");
      List<String> rows = Eventually.await(Duration.ofSeconds(10),
          () -> rows("select Segment, AgentId from CallLog where ANI = '5558103'"), r -> !r.isEmpty());
      assertEquals(List.of("1 1002"), rows, "the agent's segment; no row for the number it went to");
      assertNothingLeft();
    } finally {
      page.context().close();
    }
  }

  @Test
  void aTransferToANumberThroughTheTrunkBridgesTheCallerAndTheOutsidePartyAndOutlivesTheAgent() throws Exception {
    Page page = login("agent1");
    try (RtpPeer caller = new RtpPeer(CALLER_HZ); RtpPeer outside = new RtpPeer(OUTSIDE_HZ)) {
      Sipp ivr = answeredByAgent1(page, caller, "5558104", "bridge-5558104", "Y", 15135);
      Sipp trunk = Sipp.start("trunk-answers-hangs-up.xml", SIP_PORT, TRUNK_PORT,
          Map.of("rtp_port", String.valueOf(outside.port())), "-d", "8000");
      page.getByLabel("Number").fill("3001");
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Transfer").setExact(true)).click();
      page.getByLabel("Transfer to").selectOption("number:3001");
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Transfer now")).click();
      assertThat(page.locator("#call-message")).hasText("You transferred the call.", new LocatorAssertions.HasTextOptions().setTimeout(20_000));
      assertTrue(hears(caller, OUTSIDE_HZ), "the caller hears the outside party");
      assertTrue(hears(outside, CALLER_HZ), "the outside party hears the caller");
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log out")).click();
      assertThat(page.getByLabel("Username")).isVisible();
      int before = outside.packets();
      Eventually.await(Duration.ofSeconds(10), outside::packets, n -> n >= before + 50); // a second more of the call
      assertTrue(hears(caller, OUTSIDE_HZ), "the call goes on after agent1 logged out");
      assertTrue(trunk.succeeded(40), "the outside party hung up: " + trunk.report());
      assertTrue(ivr.succeeded(30), "and the server hung the caller up: " + ivr.report());
      String messages = trunk.messages();
      assertTrue(messages.contains("X-Dnis: 8005552700") && messages.contains("X-Ani: 5558104")
          && messages.contains("X-CallId: bridge-5558104"), "the trunk's INVITE carries the call's data: " + messages);
      assertTrue(DigestCheck.lastHeader(messages, "P-Asserted-Identity").contains("<sip:5558104@trunk.test>"), "the caller's number");
      List<String> rows = Eventually.await(Duration.ofSeconds(10),
          () -> rows("select Segment, AgentId from CallLog where ANI = '5558104'"), r -> !r.isEmpty());
      assertEquals(List.of("1 1001"), rows, "agent1's segment; no row for the outside party");
      assertNothingLeft(0);
      // The file is finished beside the transfer, not before the row: it is waited for.
      Path file = RECORDINGS.resolve("bridge-5558104.wav");
      Eventually.await(Duration.ofSeconds(20), () -> Files.exists(file) && Files.size(file) > 44, done -> done);
      Wav wav = Wav.read(file);
      double quiet = wav.strongest(1500, 1900)[1];
      assertTrue(wav.strongest(380, 420)[1] > 20 * quiet, "the recording has agent1's part");
      assertTrue(wav.strongest(1280, 1320)[1] < 5 * quiet, "and not the outside party's: " + wav.strongest(1280, 1320)[1] + " against " + quiet);
    } finally {
      page.context().close();
    }
  }

  @Test
  void aConsultationIsCancelledThenMadeAConferenceThatGoesOnWhenTheFirstAgentLeaves() throws Exception {
    Browser secondBrowser = phones.newChromiumSpeaking(AGENT2_HZ);
    Page first = login(phones.chromium(), "demo", "agent1");
    Page second = login(secondBrowser, "demo", "agent2");
    Page supervisor = supervisor("demo");
    try (RtpPeer caller = new RtpPeer(CALLER_HZ)) {
      goReady(second);
      goReady(first);
      Map<String, String> call = demoCall(caller, "5558105", "consult-5558105", "Y");
      Sipp ivr = Sipp.start("call-with-media-hung-up.xml", SIP_PORT, 15136, call);
      first.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Answer")).click();
      assertThat(first.locator("#call-title")).hasText("On a call", new LocatorAssertions.HasTextOptions().setTimeout(20_000));
      assertTrue(hears(caller, BrowserPhones.AGENT_HZ), "the caller hears agent1");

      // A consultation, cancelled: the caller on music meanwhile, then with agent1 again.
      long answered = consult(first, second);
      assertTrue(BrowserPhones.speakerPlaysAll(first, Duration.ofSeconds(20), AGENT2_HZ), "agent1 hears agent2");
      // The consulted browser connects to a new endpoint beside the caller's (ICE and DTLS): printed
      // for docs/media.md, "Consultation and conference" (polled every 200 ms).
      System.out.printf("consultation: agent1 hears agent2 %d ms after its Answer%n", (System.nanoTime() - answered) / 1_000_000);
      assertTrue(hearsMusic(caller), "the caller hears music while the agents talk");
      assertTrue(BrowserPhones.speakerPlaysAll(second, Duration.ofSeconds(20), BrowserPhones.AGENT_HZ), "agent2 hears agent1");
      assertThat(supervisor.locator("#agents tr[data-agent-id='1001'] .call")).containsText("consulting agent2",
          new LocatorAssertions.ContainsTextOptions().setTimeout(10_000));
      assertThat(supervisor.locator("#agents tr[data-agent-id='1002'] .call")).containsText("consulted by agent1");
      first.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Back to caller")).click();
      assertThat(second.locator("#call-message")).hasText("The consultation ended.", new LocatorAssertions.HasTextOptions().setTimeout(20_000));
      assertThat(second.locator("#state-name")).hasText("Ready");
      CallActions.onlyVisible(first, "mute", "hold", "transfer", "hangup");
      assertTrue(hears(caller, BrowserPhones.AGENT_HZ), "the caller hears agent1 again");
      assertTrue(BrowserPhones.speakerPlaysAll(first, Duration.ofSeconds(20), CALLER_HZ), "and agent1 the caller");

      // Again, then a conference: each of the three hears the other two.
      consult(first, second);
      first.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Conference")).click();
      assertThat(first.locator("#call-title")).hasText("Conference with the caller and agent2",
          new LocatorAssertions.HasTextOptions().setTimeout(20_000));
      CallActions.onlyVisible(first, "mute", "hangup");
      CallActions.onlyVisible(second, "mute", "hangup");
      assertTrue(Eventually.await(Duration.ofSeconds(20), () -> caller.hearsAll(25, BrowserPhones.AGENT_HZ, AGENT2_HZ), h -> h, false),
          "the caller hears both agents");
      assertTrue(BrowserPhones.speakerPlaysAll(first, Duration.ofSeconds(20), CALLER_HZ, AGENT2_HZ), "agent1 hears the caller and agent2");
      assertTrue(BrowserPhones.speakerPlaysAll(second, Duration.ofSeconds(20), CALLER_HZ, BrowserPhones.AGENT_HZ),
          "agent2 hears the caller and agent1");
      assertThat(supervisor.locator("#agents tr[data-agent-id='1001'] .call")).containsText("in conference with agent2",
          new LocatorAssertions.ContainsTextOptions().setTimeout(10_000));

      // agent1 leaves: the caller and agent2 go on.
      first.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Hang up")).click();
      assertThat(first.locator("#call-message")).containsText("You left the conference", new LocatorAssertions.ContainsTextOptions().setTimeout(20_000));
      assertThat(second.locator("#call-title")).hasText("On a call", new LocatorAssertions.HasTextOptions().setTimeout(20_000));
      CallActions.onlyVisible(second, "mute", "hold", "transfer", "hangup");
      assertTrue(hears(caller, AGENT2_HZ), "the caller hears agent2 after agent1 left");
      assertTrue(BrowserPhones.speakerPlaysAll(second, Duration.ofSeconds(20), CALLER_HZ), "and agent2 the caller");
      second.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Hang up")).click();
      assertTrue(ivr.succeeded(30), "the caller got agent2's BYE: " + ivr.report());
    } finally {
      first.context().close();
      second.context().close();
      supervisor.context().close();
      secondBrowser.close();
    }
    List<String> segments = Eventually.await(Duration.ofSeconds(20),
        () -> rows("select Segment, AgentId, HoldTime from CallLog where ANI = '5558105' order by Segment"), r -> r.size() == 2);
    assertTrue(segments.get(0).startsWith("1 1001 ") && segments.get(1).startsWith("2 1002 "), "a segment each: " + segments);
    assertTrue(Integer.parseInt(segments.get(0).split(" ")[2]) >= 2, "the consultations are agent1's hold time: " + segments);
    Path file = RECORDINGS.resolve("consult-5558105.wav");
    Eventually.await(Duration.ofSeconds(20), () -> Files.exists(file) && Files.size(file) > 44, done -> done);
    Wav wav = Wav.read(file);
    double quiet = wav.strongest(1500, 1900)[1];
    assertTrue(wav.strongest(380, 420)[1] > 20 * quiet && wav.strongest(680, 720)[1] > 20 * quiet
        && wav.strongest(980, 1020)[1] > 20 * quiet, "the recording has the caller and both agents");
  }

  @Test
  void aCompletedConsultationGivesTheCallerToTheConsultedAgentAndReleasesTheFirst() throws Exception {
    Browser secondBrowser = phones.newChromiumSpeaking(AGENT2_HZ);
    Page first = login(phones.chromium(), "demo", "agent1");
    Page second = login(secondBrowser, "demo", "agent2");
    try (RtpPeer caller = new RtpPeer(CALLER_HZ)) {
      goReady(second);
      goReady(first);
      Map<String, String> call = demoCall(caller, "5558106", "consult-5558106", "N");
      Sipp ivr = Sipp.start("call-with-media-hung-up.xml", SIP_PORT, 15137, call);
      first.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Answer")).click();
      assertThat(first.locator("#call-title")).hasText("On a call", new LocatorAssertions.HasTextOptions().setTimeout(20_000));
      assertTrue(hears(caller, BrowserPhones.AGENT_HZ), "the caller hears agent1");
      consult(first, second);
      first.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Complete transfer")).click();
      assertThat(first.locator("#call-message")).hasText("You transferred the call.", new LocatorAssertions.HasTextOptions().setTimeout(20_000));
      assertThat(first.locator("#state-name")).hasText("Busy"); // wrap-up: agent1 is free of the call
      assertThat(second.locator("#call-title")).hasText("On a call", new LocatorAssertions.HasTextOptions().setTimeout(20_000));
      assertTrue(hears(caller, AGENT2_HZ), "the caller hears agent2");
      assertTrue(BrowserPhones.speakerPlaysAll(second, Duration.ofSeconds(20), CALLER_HZ), "agent2 hears the caller");
      second.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Hang up")).click();
      assertTrue(ivr.succeeded(30), "the caller got agent2's BYE: " + ivr.report());
    } finally {
      first.context().close();
      second.context().close();
      secondBrowser.close();
    }
    List<String> segments = Eventually.await(Duration.ofSeconds(20),
        () -> rows("select Segment, AgentId from CallLog where ANI = '5558106' order by Segment"), r -> r.size() == 2);
    assertEquals(List.of("1 1001", "2 1002"), segments);
  }

  @Test
  void aConsultedNumberTalksWithTheAgentThenTakesTheCallerWhenTheTransferIsCompleted() throws Exception {
    Page page = login("agent1");
    try (RtpPeer caller = new RtpPeer(CALLER_HZ); RtpPeer outside = new RtpPeer(OUTSIDE_HZ)) {
      Sipp ivr = answeredByAgent1(page, caller, "5558107", "consult-5558107", "N", 15138);
      Sipp trunk = Sipp.start("trunk-answers-hangs-up.xml", SIP_PORT, TRUNK_PORT,
          Map.of("rtp_port", String.valueOf(outside.port())), "-d", "15000");
      page.getByLabel("Number").fill("3001");
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Transfer").setExact(true)).click();
      page.getByLabel("Transfer to").selectOption("number:3001");
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Consult first")).click();
      assertThat(page.locator("#call-title")).hasText("Consulting 3001 (the caller is on hold)",
          new LocatorAssertions.HasTextOptions().setTimeout(20_000));
      CallActions.onlyVisible(page, "mute", "complete", "conference", "cancel-consult");
      assertTrue(BrowserPhones.speakerPlaysAll(page, Duration.ofSeconds(20), OUTSIDE_HZ), "agent1 hears the outside party");
      assertTrue(hears(outside, BrowserPhones.AGENT_HZ), "the outside party hears agent1");
      assertTrue(hearsMusic(caller), "the caller hears music meanwhile");

      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Complete transfer")).click();
      assertThat(page.locator("#call-message")).hasText("You transferred the call.", new LocatorAssertions.HasTextOptions().setTimeout(20_000));
      assertTrue(hears(caller, OUTSIDE_HZ), "the caller hears the outside party");
      assertTrue(hears(outside, CALLER_HZ), "the outside party hears the caller");
      assertTrue(trunk.succeeded(40), "the outside party hung up: " + trunk.report());
      assertTrue(ivr.succeeded(30), "and the server hung the caller up: " + ivr.report());
      List<String> rows = Eventually.await(Duration.ofSeconds(10),
          () -> rows("select Segment, AgentId from CallLog where ANI = '5558107'"), r -> !r.isEmpty());
      assertEquals(List.of("1 1001"), rows, "agent1's segment; no row for the outside party");
      assertNothingLeft(1);
    } finally {
      page.context().close();
    }
  }

  @Test
  void aCallerWhoHangsUpDuringAConsultationLeavesTheTwoAgentsTalkingUntilTheFirstReleasesTheOther() throws Exception {
    Browser secondBrowser = phones.newChromiumSpeaking(AGENT2_HZ);
    Page first = login(phones.chromium(), "demo", "agent1");
    Page second = login(secondBrowser, "demo", "agent2");
    try (RtpPeer caller = new RtpPeer(CALLER_HZ)) {
      goReady(second);
      goReady(first);
      Map<String, String> call = demoCall(caller, "5558108", "consult-5558108", "N");
      call.put("session", "-");
      // The caller hangs up 12 s after the answer: by then agent1 consults agent2.
      Sipp ivr = Sipp.start("call-with-media.xml", SIP_PORT, 15139, call, "-d", "12000");
      first.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Answer")).click();
      assertThat(first.locator("#call-title")).hasText("On a call", new LocatorAssertions.HasTextOptions().setTimeout(20_000));
      consult(first, second);
      assertThat(first.locator("#call-title")).hasText("The caller hung up; you are talking with agent2",
          new LocatorAssertions.HasTextOptions().setTimeout(30_000));
      assertTrue(ivr.succeeded(10), "the caller's BYE was answered: " + ivr.report());
      CallActions.onlyVisible(first, "mute", "hangup");
      assertTrue(BrowserPhones.speakerPlaysAll(first, Duration.ofSeconds(20), AGENT2_HZ), "agent1 still hears agent2");
      assertTrue(BrowserPhones.speakerPlaysAll(second, Duration.ofSeconds(20), BrowserPhones.AGENT_HZ), "and agent2 agent1");
      first.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Hang up")).click();
      assertThat(second.locator("#call-message")).hasText("The consultation ended.", new LocatorAssertions.HasTextOptions().setTimeout(20_000));
      assertThat(second.locator("#state-name")).hasText("Ready");
      assertThat(first.locator("#call-message")).hasText("The caller hung up.");
    } finally {
      first.context().close();
      second.context().close();
      secondBrowser.close();
    }
    List<String> rows = Eventually.await(Duration.ofSeconds(20),
        () -> rows("select Segment, AgentId from CallLog where ANI = '5558108'"), r -> !r.isEmpty());
    assertEquals(List.of("1 1001"), rows, "agent1's segment; agent2 never had the caller");
  }

  /** An IVR's call to the demo tenant's sales queue (SIPp's keys), the caller's RTP from {@code caller}. */
  private static Map<String, String> demoCall(RtpPeer caller, String ani, String callId, String record) {
    return new LinkedHashMap<>(Map.of("dnis", "8005551100", "ani", ani, "skills", "sales", "callcenter",
        "sip:overflow@127.0.0.1:5070", "url", "", "rtp_port", String.valueOf(caller.port()), "record", record, "callid", callId));
  }

  /**
   * An IVR's call to the dialing tenant (SIPp, the caller's RTP from {@code caller}), answered by
   * agent1 on {@code page}: the caller hears agent1. The IVR waits for our BYE.
   */
  private static Sipp answeredByAgent1(Page page, RtpPeer caller, String ani, String callId, String record, int ivrPort)
      throws Exception {
    goReady(page);
    Map<String, String> call = new LinkedHashMap<>(Map.of("dnis", "8005552700", "ani", ani, "skills", "sales",
        "callcenter", "", "url", "", "rtp_port", String.valueOf(caller.port()), "record", record, "callid", callId));
    Sipp ivr = Sipp.start("call-with-media-hung-up.xml", SIP_PORT, ivrPort, call);
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Answer")).click();
    assertThat(page.locator("#call-title")).hasText("On a call", new LocatorAssertions.HasTextOptions().setTimeout(20_000));
    assertTrue(hears(caller, BrowserPhones.AGENT_HZ), "the caller hears agent1");
    return ivr;
  }

  @Test
  void aTenantThatRequiresDispositionsHoldsTheWrapUpForOneAndItsRowCarriesTheCodeAndTheNote() throws Exception {
    Page page = login(phones.chromium(), "wrapper", "agent2");
    try (RtpPeer caller = new RtpPeer(CALLER_HZ)) {
      // A call, hung up by the agent: its Call End row at once, then the wrap-up asks for a disposition.
      Sipp ivr = wrapperCall(page, caller, "5558109", 15140);
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Hang up")).click();
      assertTrue(ivr.succeeded(30), ivr.report());
      assertEquals(1, Eventually.await(Duration.ofSeconds(10), () -> rows("select Segment from CallLog where ANI = '5558109'").size(),
          n -> n == 1), "the Call End row does not wait for the disposition");
      assertThat(page.getByLabel("Disposition")).isVisible();
      assertThat(page.locator("#state-reason")).containsText("Wrap-up");
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Ready")).click();
      assertThat(page.locator("#agent-message")).containsText("pick a disposition");
      assertThat(page.locator("#state-name")).hasText("Busy");
      page.getByLabel("Disposition").selectOption("Callback");
      page.getByLabel("Notes").fill("wants a call back tomorrow");
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save disposition")).click();
      assertThat(page.locator("#call-message")).hasText("Disposition saved: Callback.");
      goReady(page); // the wrap-up ended early: READY at once, not after its 6 s
      assertEquals(List.of("dispo-5558109 1 1002 Callback wants a call back tomorrow"), Eventually.await(Duration.ofSeconds(10),
          () -> rows("select CallId, Segment, AgentId, Code, Notes from Disposition where CallId = 'dispo-5558109'"), r -> !r.isEmpty()));

      // Another call whose disposition is never picked: READY after the longest wrap-up (8 s), the row says none.
      Sipp second = wrapperCall(page, caller, "5558110", 15141);
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Hang up")).click();
      assertTrue(second.succeeded(30), second.report());
      assertThat(page.getByLabel("Disposition")).isVisible();
      assertThat(page.locator("#state-name")).hasText("Ready", new LocatorAssertions.HasTextOptions().setTimeout(20_000));
      assertEquals(List.of("1 1002 none"), Eventually.await(Duration.ofSeconds(10),
          () -> rows("select Segment, AgentId, Code from Disposition where CallId = 'dispo-5558110'"), r -> !r.isEmpty()));
    } finally {
      page.context().close();
    }
  }

  /** An IVR's call to the wrapper tenant (SIPp waits for our BYE), answered on {@code page} after it goes Ready. */
  private static Sipp wrapperCall(Page page, RtpPeer caller, String ani, int ivrPort) throws Exception {
    goReady(page);
    Map<String, String> call = new LinkedHashMap<>(Map.of("dnis", "8005552900", "ani", ani, "skills", "support", "callcenter", "",
        "url", "", "rtp_port", String.valueOf(caller.port()), "record", "N", "callid", "dispo-" + ani));
    Sipp ivr = Sipp.start("call-with-media-hung-up.xml", SIP_PORT, ivrPort, call);
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Answer")).click();
    assertThat(page.locator("#call-title")).hasText("On a call", new LocatorAssertions.HasTextOptions().setTimeout(20_000));
    return ivr;
  }

  /** agent1 consults agent2 from the transfer panel, and agent2 answers: the two talk, the caller on hold. Returns when agent2 clicked. */
  private static long consult(Page first, Page second) {
    first.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Transfer").setExact(true)).click();
    first.getByLabel("Transfer to").selectOption("agent:1002");
    first.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Consult first")).click();
    assertThat(second.locator("#call-title")).hasText("Consultation from agent1", new LocatorAssertions.HasTextOptions().setTimeout(20_000));
    CallActions.onlyVisible(first, "cancel-consult");
    long clicked = System.nanoTime();
    second.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Answer")).click();
    assertThat(first.locator("#call-title")).hasText("Consulting agent2 (the caller is on hold)",
        new LocatorAssertions.HasTextOptions().setTimeout(20_000));
    CallActions.onlyVisible(first, "mute", "complete", "conference", "cancel-consult");
    CallActions.onlyVisible(second, "mute", "hangup");
    return clicked;
  }

  /** The caller hears the hold music's notes (C5, E5, G5), not an agent. */
  private static boolean hearsMusic(RtpPeer peer) throws Exception {
    double heard = Eventually.await(Duration.ofSeconds(20), () -> peer.dominantHz(15), CallControlIT::aNote, 0.0);
    return aNote(heard);
  }

  private static boolean aNote(double hz) {
    return Math.abs(hz - 523) < 15 || Math.abs(hz - 659) < 15 || Math.abs(hz - 784) < 15;
  }

  /** Whether the far party hears {@code hz} now (its strongest tone of the latest packets). */
  private static boolean hears(RtpPeer peer, double hz) throws Exception {
    double heard = Eventually.await(Duration.ofSeconds(20), () -> peer.dominantHz(15), f -> Math.abs(f - hz) < 30, 0.0);
    return Math.abs(heard - hz) < 30;
  }

  /** The tenant's supervisor page, logged in as super1. */
  private static Page supervisor(String appId) {
    Page page = phones.chromium().newContext().newPage();
    page.navigate(server.url() + "/supervisor/" + appId);
    page.getByLabel("Username").fill("super1");
    page.getByLabel("Password").fill("super1");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
    assertThat(page.locator("#agents")).isVisible();
    return page;
  }

  private static void goReady(Page page) {
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Ready")).click();
    assertThat(page.locator("#state-name")).hasText("Ready", new LocatorAssertions.HasTextOptions().setTimeout(20_000));
  }

  private static void dial(Page page, String number) {
    page.getByLabel("Number").fill(number);
    page.getByLabel("Number").press("Enter");
  }

  /** The real phone page of the dialing tenant, logged in (Busy). */
  private static Page login(String username) {
    return login(phones.chromium(), "dialer", username);
  }

  /** The real phone page of a tenant in a browser context of its own, logged in (Busy). */
  private static Page login(Browser browser, String appId, String username) {
    Page page = browser.newContext().newPage();
    page.navigate(server.url() + "/phone/" + appId);
    page.getByLabel("Username").fill(username);
    page.getByLabel("Password").fill(username);
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
    assertThat(page.locator("#state-name")).hasText("Busy");
    return page;
  }

  /** No SIP dialog and no call left, and on the media server only this agent's standing leg. */
  private static void assertNothingLeft() throws Exception {
    assertNothingLeft(1);
  }

  /** As above, with {@code standingLegs} agents' legs left on the media server. */
  private static void assertNothingLeft(int standingLegs) throws Exception {
    Api api = new Api(server.url());
    assertEquals(0.0, Eventually.await(Duration.ofSeconds(40), () -> api.metric("sip_dialogs"), n -> n == 0), "no dialog left");
    assertEquals(0.0, Eventually.await(Duration.ofSeconds(10), () -> api.metric("calls_in_progress"), n -> n == 0));
    assertEquals(standingLegs, Eventually.await(Duration.ofSeconds(20), CallControlIT::pipelinesOnKms, n -> n == standingLegs),
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
