package org.ccphone.it;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ccphone.support.Api;
import org.ccphone.support.BrowserPhones;
import org.ccphone.support.CustomerDatabases;
import org.ccphone.support.Eventually;
import org.ccphone.support.H2Server;
import org.ccphone.support.KurentoProcess;
import org.ccphone.support.PayaraProcess;
import org.ccphone.support.PhoneClient;
import org.ccphone.support.PostBoot;
import org.ccphone.support.RtpPeer;
import org.ccphone.support.Sipp;
import org.ccphone.support.Wav;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kurento.client.KurentoClient;
import org.kurento.client.MediaObject;
import org.kurento.client.MediaPipeline;

/**
 * Supervisors in calls end to end, on loopback: the real supervisor's page in Chromium (its
 * microphone a tone of its own) listens to, whispers in and barges into an IVR's call (SIPp, the
 * caller's RTP played and heard by test code) that an agent's real phone page answered, with
 * Kurento mixing; each party's tones are checked, and so are the call's recordings, the refusals,
 * the log and the counts.
 */
class SupervisorMonitoringIT {
  private static final int DB_PORT = 19141;
  private static final int HTTP_PORT = 18141;
  private static final int SIP_PORT = 15141;
  private static final int KMS_PORT = 18941;
  private static final double CALLER_HZ = 1000;
  /** The supervisor's voice: no harmonic nor mix of the agent's (400) and the caller's. */
  private static final double SUPERVISOR_HZ = 850;
  /** The second supervisor's voice; it only listens, so nobody may hear it. */
  private static final double SECOND_SUPERVISOR_HZ = 1150;
  private static final Path WORK = CustomerDatabases.build().resolve("it-monitoring").toAbsolutePath();
  private static final Path RECORDINGS = WORK.resolve("recordings");
  private static final H2Server DATABASES = new H2Server(DB_PORT, WORK.resolve("h2"));
  private static final KurentoProcess KMS = new KurentoProcess(KMS_PORT, WORK.resolve("kms"));
  private static PayaraProcess server;
  private static BrowserPhones phones;
  private static Browser supervisorBrowser;
  private static Browser secondSupervisorBrowser;

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
    Path dialer = Path.of(SupervisorMonitoringIT.class.getResource("/tenants-dialer").toURI());
    Map<String, String> properties = new LinkedHashMap<>();
    // The demo tenant as shipped, but with its in-dialog probes every 5 minutes: SIPp's caller
    // answers none, and the first test's call lasts longer than the 30 s between them.
    Path tenants = Files.createDirectories(WORK.resolve("tenants"));
    JsonObject demo;
    try (var reader = Json.createReader(Files.newBufferedReader(project.resolve("server-config/demo/demo.json")))) {
      demo = reader.readObject();
    }
    Files.writeString(tenants.resolve("demo.json"), Json.createObjectBuilder(demo).add("keepAliveSeconds", 300).build().toString());
    properties.put("callcenter.tenants.dirs", tenants + "," + dialer);
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
    supervisorBrowser = phones.newChromiumSpeaking(SUPERVISOR_HZ);
    secondSupervisorBrowser = phones.newChromiumSpeaking(SECOND_SUPERVISOR_HZ);
    try (Connection c = DATABASES.connect("demo"); PreparedStatement s = c.prepareStatement(
        "insert into [user] (AgentId, Username, Password, CallerId, CallerIdName, AgentSkills, PhoneExtension, UserLevel)"
            + " values (2002, 'super2', 'super2', '5550202', 'Supervisor Two', '', '202', 2)")) {
      s.execute(); // a second supervisor of the demo tenant
    }
  }

  @AfterAll
  static void stop() throws Exception {
    for (Browser browser : new Browser[] {supervisorBrowser, secondSupervisorBrowser}) {
      if (browser != null) {
        browser.close();
      }
    }
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
  void aSupervisorListensThenWhispersASecondListensTooAndOnlyTheTenantsSupervisorsMayJoin() throws Exception {
    Page agent = agentReady("agent1");
    Page supervisor = supervisor(supervisorBrowser, "super1");
    Page second = supervisor(secondSupervisorBrowser, "super2");
    try (RtpPeer caller = caller()) {
      Sipp ivr = call(caller, "sales", "5558201", "monitor-5558201", 15142);
      answer(agent, caller);

      // Listen: the supervisor hears both; neither the caller nor the agent hears it.
      long clicked = listen(supervisor, "agent1");
      assertTrue(BrowserPhones.speakerPlaysClearly(supervisor, Duration.ofSeconds(20), BrowserPhones.AGENT_HZ, CALLER_HZ),
          "the listening supervisor hears the caller and the agent");
      // Printed for docs/performance.md, "A supervisor joins a call", beside the answer's (polled every 200 ms).
      System.out.printf("monitoring: the supervisor hears the call %d ms after its Listen click (the agent's answer: %d ms)%n",
          (System.nanoTime() - clicked) / 1_000_000, answerMillis);
      assertTrue(callerHearsOnly(caller, SUPERVISOR_HZ), "the caller does not hear a listening supervisor");
      assertTrue(BrowserPhones.speakerNeverPlays(agent, Duration.ofSeconds(3), SUPERVISOR_HZ, CALLER_HZ), "nor does the agent");
      assertTrue(agent.locator("#call-supervisor").isHidden(), "the agent is not told it is listened to");

      // A second supervisor listens at the same time and hears both parties too.
      listen(second, "agent1");
      assertTrue(BrowserPhones.speakerPlaysClearly(second, Duration.ofSeconds(20), BrowserPhones.AGENT_HZ, CALLER_HZ),
          "the second supervisor hears the caller and the agent");

      // An agent's token, and another tenant's supervisor: refused, nothing joined.
      refusals(String.valueOf(supervisor.evaluate("window.floor.monitor.call")));

      // Whisper: the agent hears the supervisor; the caller does not; the supervisor still hears both.
      supervisor.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Whisper")).click();
      assertThat(supervisor.locator("#monitor-panel")).hasAttribute("data-mode", "whisper");
      assertThat(agent.locator("#call-supervisor")).hasText("Supervisor One is coaching you (the caller does not hear)",
          new LocatorAssertions.HasTextOptions().setTimeout(10_000));
      assertTrue(BrowserPhones.speakerPlaysClearly(agent, Duration.ofSeconds(20), SUPERVISOR_HZ, CALLER_HZ),
          "the agent hears the caller and the whispering supervisor");
      assertTrue(callerHearsOnly(caller, SUPERVISOR_HZ), "the caller does not hear the whisper");
      assertTrue(caller.hearsAll(50, BrowserPhones.AGENT_HZ), "and still hears the agent");
      assertTrue(BrowserPhones.speakerPlaysClearly(supervisor, Duration.ofSeconds(20), BrowserPhones.AGENT_HZ, CALLER_HZ),
          "the whispering supervisor still hears both");
      assertTrue(BrowserPhones.speakerNeverPlays(agent, Duration.ofSeconds(2), SECOND_SUPERVISOR_HZ, CALLER_HZ), "nobody hears a listener");

      // The second supervisor's page closes: the call goes on between caller and agent, both ways.
      second.context().close();
      assertTrue(caller.hearsAll(50, BrowserPhones.AGENT_HZ) || Eventually.await(Duration.ofSeconds(10),
          () -> caller.hearsAll(50, BrowserPhones.AGENT_HZ), h -> h, false), "the caller still hears the agent");
      assertTrue(BrowserPhones.speakerPlaysClearly(agent, Duration.ofSeconds(20), CALLER_HZ), "and the agent the caller");

      // The agent holds: the supervisor is let go and told; the caller hears the music, then the agent again.
      agent.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Hold")).click();
      assertThat(supervisor.locator("#monitor-message")).hasText("The agent put the call on hold; you were let go.",
          new LocatorAssertions.HasTextOptions().setTimeout(20_000));
      assertThat(agent.locator("#call-supervisor")).isHidden();
      assertTrue(hearsMusic(caller), "the caller hears the music on hold");
      agent.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Resume")).click();
      assertTrue(Eventually.await(Duration.ofSeconds(20), () -> caller.hearsAll(50, BrowserPhones.AGENT_HZ), h -> h, false),
          "the caller hears the agent after the hold");
      assertTrue(callerHearsOnly(caller, SUPERVISOR_HZ), "and not the supervisor who whispered before it");
      assertTrue(BrowserPhones.speakerNeverPlays(agent, Duration.ofSeconds(2), SUPERVISOR_HZ, CALLER_HZ), "the agent hears the caller only");

      // In again, until the call ends.
      listen(supervisor, "agent1");
      agent.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Hang up")).click();
      assertThat(supervisor.locator("#monitor-message")).hasText("The call ended.", new LocatorAssertions.HasTextOptions().setTimeout(20_000));
      assertTrue(ivr.succeeded(30), "the caller got the agent's BYE: " + ivr.report());
    } finally {
      agent.context().close();
      supervisor.context().close();
    }
    Wav wav = recording("monitor-5558201");
    assertTrue(wav.overNeighbours(CALLER_HZ) > 20 && wav.overNeighbours(BrowserPhones.AGENT_HZ) > 20, "the recording has the caller and the agent");
    assertTrue(wav.overNeighbours(SUPERVISOR_HZ) < 4, "and not the whisper: " + wav.overNeighbours(SUPERVISOR_HZ) + " times the noise beside it");
    String log = Files.readString(WORK.resolve("payara.log"));
    assertTrue(log.contains("monitoring started: supervisor super1 (AgentId 2001) listen call ")
        && log.contains("(CallId monitor-5558201, tenant demo) of agent agent1 (AgentId 1001)"), "each start is logged: who, which call, when");
    assertTrue(log.contains("monitoring started: supervisor super2 (AgentId 2002) listen"), "the second's too");
    assertTrue(log.matches("(?s).*monitoring ended: supervisor super2 \\(AgentId 2002\\) call \\S+ \\(CallId monitor-5558201.*page_closed.*"),
        "the second's page closed");
    assertTrue(log.matches("(?s).*monitoring ended: supervisor super1 \\(AgentId 2001\\) call \\S+ \\(CallId monitor-5558201.*, held, .*"),
        "the first's end with the hold");
    assertTrue(log.matches("(?s).*monitoring ended: supervisor super1 \\(AgentId 2001\\) call \\S+ \\(CallId monitor-5558201.*, ended, .*"),
        "the first's end with the call");
  }

  @Test
  void aBargeIsHeardByBothAndRecordedAndTheCallOutlivesTheSupervisorsReloadedPage() throws Exception {
    Page agent = agentReady("agent2");
    Page supervisor = supervisor(supervisorBrowser, "super1");
    Api api = new Api(server.url());
    double startedBefore = api.metric("monitoring_started");
    try (RtpPeer caller = caller()) {
      Sipp ivr = call(caller, "support", "5558202", "monitor-5558202", 15143);
      answer(agent, caller);
      listen(supervisor, "agent2");
      supervisor.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Barge in")).click();
      assertThat(supervisor.locator("#monitor-panel")).hasAttribute("data-mode", "barge", new LocatorAssertions.HasAttributeOptions().setTimeout(10_000));
      assertThat(agent.locator("#call-supervisor")).hasText("Supervisor One joined the call", new LocatorAssertions.HasTextOptions().setTimeout(10_000));
      assertTrue(Eventually.await(Duration.ofSeconds(20), () -> caller.hearsAll(50, BrowserPhones.AGENT_HZ, SUPERVISOR_HZ), h -> h, false),
          "the caller hears the agent and the supervisor");
      assertTrue(BrowserPhones.speakerPlaysClearly(agent, Duration.ofSeconds(20), SUPERVISOR_HZ, CALLER_HZ),
          "the agent hears the caller and the supervisor");
      assertTrue(BrowserPhones.speakerPlaysClearly(supervisor, Duration.ofSeconds(20), BrowserPhones.AGENT_HZ, CALLER_HZ),
          "the supervisor hears the caller and the agent");
      int barged = caller.packets();
      Eventually.await(Duration.ofSeconds(10), caller::packets, n -> n >= barged + 100); // 2 s of the barge, for the recording

      // The supervisor's page reloads: it is out of the call, and the call goes on both ways.
      supervisor.reload();
      assertThat(agent.locator("#call-supervisor")).isHidden(new LocatorAssertions.IsHiddenOptions().setTimeout(10_000));
      assertTrue(callerHearsOnly(caller, SUPERVISOR_HZ), "the caller no longer hears the supervisor");
      assertTrue(caller.hearsAll(50, BrowserPhones.AGENT_HZ), "and hears the agent");
      assertTrue(BrowserPhones.speakerPlaysClearly(agent, Duration.ofSeconds(20), CALLER_HZ), "the agent hears the caller");
      assertTrue(BrowserPhones.speakerNeverPlays(agent, Duration.ofSeconds(2), SUPERVISOR_HZ, CALLER_HZ), "and not the supervisor");
      assertEquals(0.0, Eventually.await(Duration.ofSeconds(10), () -> api.metric("monitoring_active"), n -> n == 0), "nobody in a call");
      assertEquals(startedBefore + 1, api.metric("monitoring_started"), "one start counted");

      agent.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Hang up")).click();
      assertTrue(ivr.succeeded(30), "the caller got the agent's BYE: " + ivr.report());
      assertEquals(List.of(), Eventually.await(Duration.ofSeconds(30), SupervisorMonitoringIT::leftOnKms, List::isEmpty),
          "no supervisor's endpoint, mix or port is left in the agent's pipeline");
    } finally {
      agent.context().close();
      supervisor.context().close();
    }
    Wav wav = recording("monitor-5558202");
    assertTrue(wav.overNeighbours(SUPERVISOR_HZ) > 20, "the barge is in the recording: " + wav.overNeighbours(SUPERVISOR_HZ));
    assertTrue(wav.overNeighbours(CALLER_HZ) > 20 && wav.overNeighbours(BrowserPhones.AGENT_HZ) > 20, "with the caller and the agent");
    String log = Files.readString(WORK.resolve("payara.log"));
    assertTrue(log.matches("(?s).*monitoring ended: supervisor super1 \\(AgentId 2001\\) call \\S+ \\(CallId monitor-5558202.*page_closed.*"),
        "the reload's end is logged");
  }

  /** An agent (userLevel 1) and another tenant's supervisor ask to listen to the call in progress: refused. */
  private static void refusals(String callKey) throws Exception {
    Api api = new Api(server.url());
    double started = api.metric("monitoring_started");
    String agentToken = api.token("demo", "agent2", "agent2");
    String otherToken = api.token("dialer", "super1", "super1");
    try (PhoneClient agent2 = PhoneClient.hello(server.url().toString(), agentToken);
        PhoneClient otherTenant = PhoneClient.hello(server.url().toString(), otherToken)) {
      agent2.send("{\"type\":\"monitor\",\"call\":\"" + callKey + "\",\"mode\":\"listen\"}");
      assertEquals("forbidden", agent2.await("error").getString("code"), "an agent may not listen");
      otherTenant.send("{\"type\":\"monitor\",\"call\":\"" + callKey + "\",\"mode\":\"barge\"}");
      assertEquals("no_such_call", otherTenant.await("error").getString("code"), "another tenant's supervisor does not see the call");
      otherTenant.send("{\"type\":\"monitor\",\"call\":\"" + callKey + "\",\"mode\":\"shout\"}");
      assertEquals("bad_field", otherTenant.await("error").getString("code"));
    } finally {
      api.delete("/api/sessions/current", agentToken); // agent2 logs in on its page in the next test
      api.delete("/api/sessions/current", otherToken);
    }
    assertEquals(started, api.metric("monitoring_started"), "nothing joined");
  }

  /** Caller's RTP, its tone playing. */
  private static RtpPeer caller() throws Exception {
    return new RtpPeer(CALLER_HZ);
  }

  /** An IVR's call to one of the demo tenant's queues, recorded. */
  private static Sipp call(RtpPeer caller, String skill, String ani, String callId, int ivrPort) throws Exception {
    Map<String, String> call = new LinkedHashMap<>(Map.of("dnis", "8005551100", "ani", ani, "skills", skill, "callcenter",
        "sip:overflow@127.0.0.1:5070", "url", "", "rtp_port", String.valueOf(caller.port()), "record", "Y", "callid", callId));
    return Sipp.start("call-with-media-hung-up.xml", SIP_PORT, ivrPort, call);
  }

  /** The agent's phone page, READY (each test has its own agent, so that one's leftovers never ring at the next). */
  private static Page agentReady(String username) {
    Page page = phones.chromium().newContext().newPage();
    page.navigate(server.url() + "/phone/demo");
    page.getByLabel("Username").fill(username);
    page.getByLabel("Password").fill(username);
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
    assertThat(page.locator("#state-name")).hasText("Busy");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Ready")).click();
    assertThat(page.locator("#state-name")).hasText("Ready", new LocatorAssertions.HasTextOptions().setTimeout(20_000));
    return page;
  }

  /** From the agent's Answer click until the caller hears it, in the last call answered: the anchor of the supervisor's join. */
  private static long answerMillis;

  private static void answer(Page agent, RtpPeer caller) throws Exception {
    long clicked = System.nanoTime();
    agent.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Answer")).click();
    assertTrue(Eventually.await(Duration.ofSeconds(20), () -> caller.hearsAll(10, BrowserPhones.AGENT_HZ), h -> h, false), "the caller hears the agent");
    answerMillis = (System.nanoTime() - clicked) / 1_000_000;
    assertThat(agent.locator("#call-title")).hasText("On a call", new LocatorAssertions.HasTextOptions().setTimeout(20_000));
    assertTrue(BrowserPhones.speakerPlaysClearly(agent, Duration.ofSeconds(20), CALLER_HZ), "the agent hears the caller");
  }

  /** The supervisor's page, logged in. */
  private static Page supervisor(Browser browser, String username) {
    Page page = browser.newContext().newPage();
    page.navigate(server.url() + "/supervisor/demo");
    page.getByLabel("Username").fill(username);
    page.getByLabel("Password").fill(username);
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
    assertThat(page.locator("#agents")).isVisible();
    return page;
  }

  /** From the agents' table: Listen to the agent's call; returns once the supervisor is in it. */
  private static long listen(Page supervisor, String agent) throws Exception {
    long clicked = System.nanoTime();
    supervisor.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Listen to " + agent + "'s call")).click();
    assertThat(supervisor.locator("#monitor-panel")).hasAttribute("data-state", "on", new LocatorAssertions.HasAttributeOptions().setTimeout(20_000));
    assertThat(supervisor.locator("#monitor-title")).hasText("Listening to " + agent + "'s call");
    Eventually.await(Duration.ofSeconds(10), () -> supervisor.evaluate("!!document.getElementById('speaker').srcObject"), Boolean.TRUE::equals);
    return clicked;
  }

  /** Two seconds more of the call, then: the caller does not hear {@code tone}. */
  private static boolean callerHearsOnly(RtpPeer caller, double tone) throws Exception {
    int now = caller.packets();
    Eventually.await(Duration.ofSeconds(10), caller::packets, n -> n >= now + 100);
    return caller.hearsNone(100, tone);
  }

  /** The media server's elements other than agents' browser endpoints (which stand between calls). */
  private static List<String> leftOnKms() {
    KurentoClient kurento = KurentoClient.create(KMS.uri());
    try {
      List<String> left = new ArrayList<>();
      for (MediaPipeline pipeline : kurento.getServerManager().getPipelines()) {
        pipeline.getChildren().stream().map(MediaObject::getId).filter(id -> !id.endsWith("kurento.WebRtcEndpoint")).forEach(left::add);
      }
      return left;
    } finally {
      kurento.destroy();
    }
  }

  /** The caller hears the hold music's notes (C5, E5, G5), not the agent. */
  private static boolean hearsMusic(RtpPeer caller) throws Exception {
    double heard = Eventually.await(Duration.ofSeconds(20), () -> caller.dominantHz(15), SupervisorMonitoringIT::aNote, 0.0);
    return aNote(heard);
  }

  private static boolean aNote(double hz) {
    return Math.abs(hz - 523) < 15 || Math.abs(hz - 659) < 15 || Math.abs(hz - 784) < 15;
  }

  private static Wav recording(String callId) throws Exception {
    Path file = RECORDINGS.resolve(callId + ".wav");
    Eventually.await(Duration.ofSeconds(30), () -> Files.exists(file) && Files.size(file) > 44, done -> done);
    return Wav.read(file);
  }
}
