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
import java.util.Map;
import org.ccphone.bench.OverloadLoad;
import org.ccphone.support.CustomerDatabases;
import org.ccphone.support.Eventually;
import org.ccphone.support.H2Server;
import org.ccphone.support.PayaraProcess;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Past capacity, with one configuration and two capacities: the demo tenant (Call Start about 1 ms)
 * and a tenant whose Call Start takes 50 ms, on the same database. At the same rate, far above what
 * the slow tenant holds, every INVITE gets a final answer, every accepted call gets its Call End
 * row, and the slow tenant is refused more: admission follows what the server can keep, not a
 * fixed number. The figures (times to each answer) are printed; scripts/bench-overload steps rates.
 */
class OverloadIT {
  private static final int DB_PORT = 19097;
  private static final int HTTP_PORT = 18097;
  private static final int SIP_PORT = 15067;
  private static final int RATE = Integer.getInteger("overload.rate", 600);
  private static final int SECONDS = 5;
  private static final Path WORK = CustomerDatabases.build().resolve("it-overload").toAbsolutePath();
  private static final H2Server DATABASES = new H2Server(DB_PORT, WORK.resolve("h2"));
  private static PayaraProcess server;

  @BeforeAll
  static void start() throws Exception {
    System.setProperty("h2.bindAddress", "127.0.0.1");
    H2Server.deleteQuietly(WORK);
    Files.createDirectories(WORK);
    DATABASES.startFresh();
    Path changelog = Path.of(OverloadIT.class.getResource("/liquibase/bench/slow-callstart.xml").toURI());
    ShrinkWrap.createFromZipFile(WebArchive.class, CustomerDatabases.build().resolve("callcenter.war").toFile())
        .addAsResource(changelog.toFile(), "liquibase/bench/slow-callstart.xml")
        .as(ZipExporter.class).exportTo(new File(WORK.resolve("callcenter.war").toString()), true);
    Path postBoot = WORK.resolve("post-boot.asadmin");
    Files.writeString(postBoot, String.join("\n",
        "deploy --name callcenter-sip " + CustomerDatabases.build().toAbsolutePath().resolve("callcenter-sip.rar"),
        "create-jdbc-connection-pool --datasourceclassname org.h2.jdbcx.JdbcDataSource --restype javax.sql.DataSource"
            + " --property url=jdbc\\:h2\\:file\\:" + WORK.resolve("app").toString().replace(":", "\\:") + "/callcenter;WRITE_DELAY\\=0 callcenter-pool",
        "create-jdbc-resource --connectionpoolid callcenter-pool jdbc/callcenter-app",
        "create-jdbc-connection-pool --datasourceclassname org.h2.jdbcx.JdbcDataSource --restype javax.sql.DataSource"
            + " --property url=jdbc\\:h2\\:tcp\\://127.0.0.1\\:" + DB_PORT + "/demo;MODE\\=MSSQLServer:user=sa:password=sa callcenter-demo-pool",
        "create-jdbc-resource --connectionpoolid callcenter-demo-pool jdbc/callcenter/demo", ""));
    Path project = Path.of(System.getProperty("callcenter.project.dir", "."));
    Path testClasses = Path.of(OverloadIT.class.getResource("/bench/tenants").toURI());
    server = new PayaraProcess(HTTP_PORT, postBoot, Map.of(
        "callcenter.tenants.dirs", project.resolve("server-config/tenants") + "," + testClasses,
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
    HttpClient http = HttpClient.newHttpClient();
    String scenario = Path.of(OverloadIT.class.getResource("/sipp/bench-overload.xml").toURI()).toString();
    Path out = WORK.resolve("sipp");
    Files.createDirectories(out);
    OverloadLoad.awaitIdle(http, server.url());
    OverloadLoad.Step fast = OverloadLoad.step(http, server.url(), SIP_PORT, scenario, "8005551100", RATE, SECONDS, 16601, out);
    OverloadLoad.awaitIdle(http, server.url());
    OverloadLoad.Step slow = OverloadLoad.step(http, server.url(), SIP_PORT, scenario, "8005552050", RATE, SECONDS, 16602, out);
    System.out.println("rate/s  calls  accepted  refused  unanswered | accepted INVITE->302 p50/p99/max ms"
        + " | refused INVITE->503 p50/p99/max ms | server refusals | kernel UDP drops");
    System.out.println("Call Start ~1 ms:  " + fast);
    System.out.println("Call Start 50 ms:  " + slow);

    assertEquals(0, fast.unanswered(), "every INVITE got a final answer (Call Start ~1 ms)");
    assertEquals(0, slow.unanswered(), "every INVITE got a final answer (Call Start 50 ms)");
    assertTrue(slow.refused().length > 0, "past its capacity the slow tenant's calls are refused: " + slow);
    assertTrue(slow.accepted().length < fast.accepted().length,
        "the refusal point moves with what the server can keep: " + fast + " / " + slow);
    assertEquals(fast.accepted().length, Eventually.await(Duration.ofSeconds(60), () -> callLogs("5559" + RATE, "8005551100"),
        n -> n >= fast.accepted().length), "a Call End row for every accepted call (Call Start ~1 ms)");
    assertEquals(slow.accepted().length, Eventually.await(Duration.ofSeconds(60), () -> callLogs("5559" + RATE, "8005552050"),
        n -> n >= slow.accepted().length), "a Call End row for every accepted call (Call Start 50 ms)");
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
