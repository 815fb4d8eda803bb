package org.ccphone.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ccphone.support.Api;
import org.ccphone.support.CallLogs;
import org.ccphone.support.CustomerDatabases;
import org.ccphone.support.Eventually;
import org.ccphone.support.H2Server;
import org.ccphone.support.PayaraProcess;
import org.ccphone.support.PostBoot;
import org.ccphone.support.PhoneClient;
import org.ccphone.support.Sipp;
import org.ccphone.support.SippLog;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The call engine across its own start and stop, on Payara Micro as its own process (started as
 * scripts/run does): SIP traffic from the moment the process starts, a SIGTERM with calls connected
 * and queued, and kill -9 during overflow calls at 400/s with and without the server's own database
 * held still. The server's own database is an H2 server here, so that the test can lock it.
 */
class CallEngineLifecycleIT {
  private static final int DB_PORT = 19095;
  private static final int HTTP_PORT = 18095;
  private static final int SIP_PORT = 15064;
  private static final String OVERFLOW = "sip:overflow@127.0.0.1:5070";
  private static final Path WORK = CustomerDatabases.build().resolve("it-lifecycle").toAbsolutePath();
  private static final H2Server DATABASES = new H2Server(DB_PORT, WORK.resolve("h2"));
  private PayaraProcess server;

  @BeforeAll
  static void buildWarWithTheMediaPlaneDouble() throws Exception {
    Files.createDirectories(WORK);
    ShrinkWrap.createFromZipFile(WebArchive.class, CustomerDatabases.build().resolve("callcenter.war").toFile())
        .addClass(org.ccphone.media.LoopbackMediaPlane.class)
        .as(ZipExporter.class).exportTo(new File(WORK.resolve("callcenter.war").toString()), true);
  }

  @BeforeEach
  void freshDatabases() throws Exception {
    System.setProperty("h2.bindAddress", "127.0.0.1");
    DATABASES.stop();
    H2Server.deleteQuietly(WORK.resolve("h2"));
    DATABASES.startFresh();
    Path postBoot = new PostBoot()
        .h2Server("callcenter-pool", "jdbc/callcenter-app", DB_PORT, "app")
        .h2Server("callcenter-demo-pool", "jdbc/callcenter/demo", DB_PORT, "demo;MODE\\=MSSQLServer")
        .write(WORK.resolve("post-boot.asadmin"));
    server = new PayaraProcess(HTTP_PORT, postBoot, Map.of(
        "callcenter.tenants.dirs", Path.of(System.getProperty("callcenter.project.dir", ".")).resolve("server-config/demo").toString(),
        "callcenter.liquibase.contexts", "default,loadtest",
        "callcenter.outbox.pollMillis", "200",
        "callcenter.outbox.maxBackoffSeconds", "2",
        "callcenter.sip.port", String.valueOf(SIP_PORT),
        "callcenter.sip.defaultAppId", "demo",
        "callcenter.calls.drainSeconds", "5"), WORK.resolve("payara.log")).war(WORK.resolve("callcenter.war"));
  }


  @AfterEach
  void stop() throws Exception {
    server.kill();
    DATABASES.stop();
  }

  private static Map<String, String> call(String ani, String skills) {
    return new HashMap<>(Map.of("dnis", "8005551100", "ani", ani, "skills", skills, "callcenter", OVERFLOW, "url", "",
        "session", "-"));
  }

  @Test
  void whileStartingTheServerAnswers503WithRetryAfterAndNever404() throws Exception {
    server.launch();
    // -l: SIPp must not hold back new calls while the early ones, sent before the port opened, retransmit
    Sipp invites = Sipp.start("startup-invite.xml", SIP_PORT, 15501, call("5557001", "sales"), "-r", "100", "-m", "2500",
        "-l", "5000");
    Sipp options = Sipp.start("startup-options.xml", SIP_PORT, 15502, Map.of(), "-r", "100", "-m", "2500", "-l", "5000");
    server.awaitReady();
    invites.succeeded(120);
    options.succeeded(120);
    SippLog calls = new SippLog(invites.messages());
    SippLog probes = new SippLog(options.messages());
    String seen = "INVITE answers " + calls.statusCounts() + ", OPTIONS answers " + probes.statusCounts();
    assertTrue(calls.callsWith(404).isEmpty() && probes.callsWith(404).isEmpty(), "never a 404: " + seen);
    assertFalse(calls.callsWith(503).isEmpty(), "INVITEs refused with 503 while starting: " + seen);
    assertFalse(probes.callsWith(503).isEmpty(), "OPTIONS answered 503 while starting: " + seen);
    assertTrue(invites.messages().contains("Retry-After:"), "the 503 says when to try again");
    assertEquals(Set.of(), calls.withoutFinalAnswer(), "every INVITE that reached the server got a final answer: " + seen);
    // The storm of retransmitted INVITEs at the port's opening may keep it refusing for a while; then calls are routed.
    // A caller told 503 tries again, as an IVR does after Retry-After.
    assertTrue(Eventually.await(Duration.ofSeconds(90),
        () -> Sipp.start("call-redirected.xml", SIP_PORT, 15503, call("5557002", "sales")).succeeded(30), ok -> ok),
        "a call after the start-up storm overflows as usual (302)");
  }

  @Test
  void aSigtermDrainsQueuedAndConnectedCallsAndKeepsEveryRow() throws Exception {
    server.start();
    Api api = new Api(server.url());
    List<PhoneClient> agents = new ArrayList<>();
    try {
      for (int i = 1; i <= 20; i++) {
        PhoneClient phone = PhoneClient.hello(server.url(), api.token("demo", "load" + i, "load"));
        phone.send("{\"type\":\"ready\"}");
        phone.await(f -> "state".equals(f.getString("type")) && "READY".equals(f.getString("state")), "READY");
        phone.autoAnswer();
        agents.add(phone);
      }
      // A server just started takes its first calls slowly and admission may refuse some (503): calls
      // that overflow warm it up first, so that each of the 20 calls below is taken.
      assertTrue(Eventually.await(Duration.ofSeconds(60), () -> Sipp.start("call-redirected.xml", SIP_PORT, 15510,
          call("5557100", "nobody"), "-m", "20", "-r", "10").succeeded(30), ok -> ok), "a warm-up of overflowing calls");
      Sipp connected = Sipp.start("call-hung-up-by-server.xml", SIP_PORT, 15511, call("5557101", "sales"),
          "-m", "20", "-r", "20", "-l", "20");
      Eventually.await(Duration.ofSeconds(30), () -> agents.stream().mapToInt(PhoneClient::answeredCount).sum(), n -> n == 20);
      Sipp queued = Sipp.start("call-redirected.xml", SIP_PORT, 15512, call("5557102", "sales"), "-m", "10", "-r", "10", "-l", "10");
      Eventually.await(Duration.ofSeconds(20), () -> api.metric("calls_in_progress"), n -> n == 30);

      server.terminate();
      Eventually.await(Duration.ofSeconds(10), () -> server.log().contains("stopping gracefully"), seen -> seen);
      Sipp refused = Sipp.start("call-refused-busy.xml", SIP_PORT, 15513, call("5557103", "sales"));
      assertTrue(refused.succeeded(30), "a new call while stopping gets 503: " + refused.report());
      assertTrue(queued.succeeded(30), "the 10 queued calls overflowed (302): " + queued.report());
      assertTrue(connected.succeeded(60), "the 20 connected calls were hung up after the drain: " + connected.report());
      assertTrue(server.exited(60), "the server stopped after draining");
    } finally {
      agents.forEach(PhoneClient::close);
    }
    server.start(); // delivers what the stopped server left in its outbox
    assertEquals(20, agentIdsOf("5557101", 20).stream().filter(id -> id > 50000).count(), "20 answered rows");
    assertEquals(10, agentIdsOf("5557102", 10).stream().filter(id -> id == 0).count(), "10 overflow rows");
    assertEquals(List.of(), agentIdsOf("5557103", 0), "the refused call never started");
    assertEquals(20, Eventually.await(Duration.ofSeconds(30), CallEngineLifecycleIT::agentStats, n -> n >= 20),
        "every agent's Agent Logout");
  }

  @Test
  void aKillDuringOverflowCallsLosesNoRowOfACallThatGotItsAnswer() throws Exception {
    for (boolean databaseHeld : new boolean[] {false, true}) {
      server.start();
      Sipp ivr = Sipp.start("overflow-callid.xml", SIP_PORT, databaseHeld ? 15522 : 15521, call("5557201", "sales"),
          "-r", "400", "-m", "3200", "-l", "4000");
      Eventually.await(Duration.ofSeconds(30), CallEngineLifecycleIT::callLogRows, n -> n > 400);
      if (databaseHeld) {
        try (Connection c = DATABASES.connect("app"); Statement s = c.createStatement()) {
          s.execute("SET EXCLUSIVE 1"); // the server's own database stops answering: Call End rows wait
          Thread.sleep(1500); // calls keep arriving meanwhile
          server.kill();
          s.execute("SET EXCLUSIVE 0");
        }
      } else {
        server.kill();
      }
      ivr.succeeded(60);
      Set<String> answered = new SippLog(ivr.messages()).callsWith(302);
      server.start();
      Api api = new Api(server.url());
      Eventually.await(Duration.ofSeconds(60),
          () -> api.get("/api/apps/demo/health", null).json().getJsonObject("outbox").getInt("pending"), n -> n == 0);
      Set<String> missing = new HashSet<>(answered);
      missing.removeAll(callIds());
      assertEquals(Set.of(), missing, answered.size() + " calls got their 302"
          + (databaseHeld ? " (database held)" : "") + "; these have no CallLog row");
      server.kill();
    }
  }

  private static int callLogRows() throws Exception {
    try (Connection c = DATABASES.connect("demo"); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select count(*) from CallLog")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static Set<String> callIds() throws Exception {
    Set<String> ids = new HashSet<>();
    try (Connection c = DATABASES.connect("demo"); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select CallId from CallLog")) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    }
    return ids;
  }

  private static List<Integer> agentIdsOf(String ani, int expected) throws Exception {
    return Eventually.await(Duration.ofSeconds(60), () -> CallLogs.agentIds(DATABASES, ani), ids -> ids.size() >= expected);
  }

  private static int agentStats() throws Exception {
    try (Connection c = DATABASES.connect("demo"); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select count(*) from AgentStats where AgentId between 50001 and 50020")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
