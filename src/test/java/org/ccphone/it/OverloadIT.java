package org.ccphone.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.ccphone.bench.OverloadLoad;
import org.ccphone.bench.OverloadLoad.Step;
import org.ccphone.support.CustomerDatabases;
import org.ccphone.support.Eventually;
import org.ccphone.support.H2Server;
import org.ccphone.support.PayaraProcess;
import org.ccphone.support.PostBoot;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Past capacity, with one configuration and two capacities: two tenants on one pool of 8 connections
 * to their database, one whose Call Start takes 1 ms (it holds what the CPU holds) and one whose
 * Call Start takes 50 ms (it holds 8 / 50 ms = 160 calls/s). At three times what each holds every
 * INVITE gets a final answer and every accepted call its Call End row; at the same rate the slow
 * tenant is refused and the quick one is not, or far less: admission follows what the server can
 * keep, not a fixed number. The figures (times to each answer) are printed; scripts/bench-overload
 * steps rates.
 */
class OverloadIT {
  private static final int DB_PORT = 19097;
  private static final int HTTP_PORT = 18097;
  private static final int SIP_PORT = 15067;
  /** Three times what the 50 ms tenant holds. */
  private static final int SLOW_RATE = 480;
  /** Three times what the 1 ms tenant holds on 2 cores shared with SIPp (it refuses from 400-800/s). */
  private static final int QUICK_RATE = Integer.getInteger("overload.quickRate", 1500);
  private static final int SECONDS = 5;
  private static final Path WORK = CustomerDatabases.build().resolve("it-overload").toAbsolutePath();
  private static final H2Server DATABASES = new H2Server(DB_PORT, WORK.resolve("h2"));
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static PayaraProcess server;

  @BeforeAll
  static void start() throws Exception {
    System.setProperty("h2.bindAddress", "127.0.0.1");
    H2Server.deleteQuietly(WORK);
    Files.createDirectories(WORK);
    DATABASES.startFresh();
    Path changelog = Path.of(OverloadIT.class.getResource("/liquibase/bench/pause-ms.xml").toURI());
    ShrinkWrap.createFromZipFile(WebArchive.class, CustomerDatabases.build().resolve("callcenter.war").toFile())
        .addAsResource(changelog.toFile(), "liquibase/bench/pause-ms.xml")
        .as(ZipExporter.class).exportTo(new File(WORK.resolve("callcenter.war").toString()), true);
    Path postBoot = new PostBoot()
        .h2File("callcenter-pool", "jdbc/callcenter-app", WORK.resolve("app").resolve("callcenter"))
        .h2Server("callcenter-demo-pool", "jdbc/callcenter/demo", DB_PORT, "demo;MODE\\=MSSQLServer")
        .h2Server("callcenter-bench-pool", "jdbc/callcenter/bench", DB_PORT, "demo;MODE\\=MSSQLServer",
            "--maxpoolsize 8 --steadypoolsize 8")
        .write(WORK.resolve("post-boot.asadmin"));
    Path project = Path.of(System.getProperty("callcenter.project.dir", "."));
    Path testClasses = Path.of(OverloadIT.class.getResource("/bench/tenants").toURI());
    server = new PayaraProcess(HTTP_PORT, postBoot, Map.of(
        "callcenter.tenants.dirs", project.resolve("server-config/demo") + "," + testClasses,
        "callcenter.sip.port", String.valueOf(SIP_PORT),
        "callcenter.sip.defaultAppId", "demo",
        "callcenter.outbox.pollMillis", "200"), WORK.resolve("payara.log")).war(WORK.resolve("callcenter.war"));
    server.start();
  }

  @AfterAll
  static void stop() throws Exception {
    server.kill();
    DATABASES.stop();
  }

  @Test
  void pastCapacityEveryInviteIsAnsweredAndTheRefusalPointFollowsWhatTheServerCanKeep() throws Exception {
    // A server just started runs its first thousands of calls slowly (the JIT is still compiling them).
    Step warmUp = step("8005552010", 200, 16600);
    assertEquals(0, warmUp.unanswered(), "every INVITE got a final answer: " + warmUp);
    Step quickAtSlowRate = step("8005552010", SLOW_RATE, 16601);
    Step slow = step("8005552050", SLOW_RATE, 16602);
    Step quick = step("8005552010", QUICK_RATE, 16603);
    System.out.println("rate/s  calls  accepted  refused  unanswered | accepted INVITE->302 p50/p99/max ms"
        + " | refused INVITE->503 p50/p99/max ms | server refusals | kernel UDP drops");
    System.out.println("Call Start 1 ms:   " + quickAtSlowRate);
    System.out.println("Call Start 50 ms:  " + slow);
    System.out.println("Call Start 1 ms:   " + quick);

    for (Step step : List.of(quickAtSlowRate, slow, quick)) {
      assertEquals(0, step.unanswered(), "every INVITE got a final answer: " + step);
    }
    assertTrue(slow.refused().length > 0, "at three times its capacity the 50 ms tenant's calls are refused: " + slow);
    assertTrue(quick.refused().length > 0, "at three times its capacity the 1 ms tenant's calls are refused: " + quick);
    assertTrue(slow.accepted().length < quickAtSlowRate.accepted().length,
        "the refusal point moves with what the server can keep: " + quickAtSlowRate + " / " + slow);
    assertCallLogs("8005552010", quickAtSlowRate, quick);
    assertCallLogs("8005552050", slow);
  }

  private static Step step(String dnis, int rate, int localPort) throws Exception {
    String scenario = Path.of(OverloadIT.class.getResource("/sipp/bench-overload.xml").toURI()).toString();
    Path out = WORK.resolve("sipp");
    Files.createDirectories(out);
    OverloadLoad.awaitIdle(HTTP, server.url());
    return OverloadLoad.step(HTTP, server.url(), SIP_PORT, scenario, dnis, rate, SECONDS, localPort, out);
  }

  /** Every accepted call of these steps has its CallLog row (the steps' callers differ by rate). */
  private static void assertCallLogs(String dnis, Step... steps) throws Exception {
    for (Step step : steps) {
      String ani = "5559" + step.rate();
      assertEquals(step.accepted().length, Eventually.await(Duration.ofSeconds(60), () -> callLogs(ani, dnis),
          n -> n >= step.accepted().length), "a Call End row for every accepted call: " + dnis + " " + step);
    }
  }

  private static int callLogs(String ani, String dnis) throws Exception {
    try (Connection c = DATABASES.connect("demo");
        PreparedStatement s = c.prepareStatement("select count(*) from CallLog where ANI = ? and DNIS = ?")) {
      s.setString(1, ani);
      s.setString(2, dnis);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }
}
