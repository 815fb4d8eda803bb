package org.ccphone.it;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.ccphone.support.BrowserPhones;
import org.ccphone.support.CallLogs;
import org.ccphone.support.CustomerDatabases;
import org.ccphone.support.Eventually;
import org.ccphone.support.H2Server;
import org.ccphone.support.KurentoProcess;
import org.ccphone.support.RemoteChromium;
import org.ccphone.support.RtpPeer;
import org.ccphone.support.Sipp;
import org.ccphone.support.TestCertificates;
import org.ccphone.support.TestNetwork;
import org.junit.jupiter.api.Test;

/**
 * The product on Payara Server 6 as enterprise IT deploys it: {@code scripts/deploy-payara-server}
 * takes Payara Server from Maven Central, creates a domain, puts the JDBC drivers in place, defines
 * the server's and the demo tenant's pools with asadmin (the tenant's database here an H2 server
 * the test starts, as a DBA's would be), imports the HTTPS certificate, deploys the RAR and then
 * the WAR. A browser agent on another machine (a namespace of the test's) answers a SIPp call over
 * HTTPS with audio both ways through Kurento, which runs beside the application server, and the
 * call's Call End row lands in the tenant's database.
 */
class PayaraServerIT {
  private static final int PORTBASE = 21000;
  private static final int HTTPS_PORT = PORTBASE + 81; // as asadmin create-domain --portbase places it
  private static final int SIP_PORT = 15073;
  private static final int DB_PORT = 19096;
  private static final double CALLER_HZ = 1000;
  private static final Path WORK = CustomerDatabases.build().resolve("it-payara-server").toAbsolutePath();

  @Test
  void theProductDeployedByAsadminToPayaraServerTakesACallAnsweredOverHttps() throws Exception {
    Path project = Path.of(System.getProperty("callcenter.project.dir", ".")).toAbsolutePath();
    H2Server.deleteQuietly(WORK);
    Files.createDirectories(WORK);
    H2Server databases = new H2Server(DB_PORT, WORK.resolve("h2"));
    databases.startFresh();
    KurentoProcess kms = null;
    Path log = WORK.resolve("deploy.log");
    try (TestNetwork net = TestNetwork.create("ccps", 234)) {
      kms = new KurentoProcess(18895, WORK.resolve("kms")).interfaces("lo," + net.hostSide());
      kms.start();
      TestCertificates ca = new TestCertificates(WORK.resolve("ca"));
      Path keystore = ca.server("server", "ip:" + net.serverAddress());
      ProcessBuilder deploy = new ProcessBuilder(project.resolve("scripts/deploy-payara-server").toString())
          .directory(project.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
      deploy.environment().putAll(Map.of("CALLCENTER_NO_BUILD", "1", "PORTBASE", String.valueOf(PORTBASE),
          "CALLCENTER_DATA", WORK.resolve("data").toString(),
          "CALLCENTER_KEYSTORE", keystore.toString(), "CALLCENTER_KEYSTORE_PASSWORD", TestCertificates.PASSWORD,
          "CALLCENTER_KMS_URI", kms.uri(), "CALLCENTER_RTP_ADDRESS", "127.0.0.1",
          "CALLCENTER_CANDIDATE_ADDRESSES", "127.0.0.0/8,::1/128," + net.cidr(),
          "CALLCENTER_SIP_PORT", String.valueOf(SIP_PORT),
          "CALLCENTER_DEMO_DB", "org.h2.jdbcx.JdbcDataSource url=jdbc\\:h2\\:tcp\\://127.0.0.1\\:" + DB_PORT
              + "/demo;MODE\\=MSSQLServer:user=sa:password=sa"));
      Process script = deploy.start();
      assertTrue(script.waitFor(15, TimeUnit.MINUTES), "the deployment ends: " + Files.readString(log));
      String out = Files.readString(log);
      assertEquals(0, script.exitValue(), "the deployment succeeded: " + out);
      for (String step : List.of("create-domain", "create-jdbc-connection-pool", "create-jdbc-resource", "deploy")) {
        assertTrue(out.contains("Command " + step + " executed successfully"), step + " by asadmin: " + out);
      }

      try (RemoteChromium remote = RemoteChromium.start(net.name(), ca.authority(), WORK);
          RtpPeer caller = new RtpPeer(CALLER_HZ)) {
        Page page = remote.chromium().newContext().newPage();
        page.navigate("https://" + net.serverAddress() + ":" + HTTPS_PORT + "/phone/demo");
        page.getByLabel("Username").fill("agent1");
        page.getByLabel("Password").fill("agent1");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
        assertThat(page.locator("#state-name")).hasText("Busy", new LocatorAssertions.HasTextOptions().setTimeout(30_000));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Ready")).click();
        assertThat(page.locator("#state-name")).hasText("Ready", new LocatorAssertions.HasTextOptions().setTimeout(30_000));
        Sipp ivr = Sipp.start("call-with-media.xml", SIP_PORT, 15574, Map.of("dnis", "8005551100", "ani", "5558061",
            "skills", "sales", "callcenter", "sip:overflow@127.0.0.1:5070", "url", "", "session", "-",
            "rtp_port", String.valueOf(caller.port()), "record", "N", "callid", "payara-server-1"), "-d", "6000");
        assertThat(page.locator("#call-ani")).hasText("5558061", new LocatorAssertions.HasTextOptions().setTimeout(30_000));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Answer")).click();
        double heard = BrowserPhones.speakerPlays(page, CALLER_HZ, Duration.ofSeconds(20));
        assertTrue(Math.abs(heard - CALLER_HZ) < 30, "the agent hears the caller: " + heard + " Hz");
        double spoken = Eventually.await(Duration.ofSeconds(20), () -> caller.dominantHz(15), hz -> hz > 330 && hz < 470, 0.0);
        assertTrue(spoken > 330 && spoken < 470, "the caller hears the agent: " + spoken + " Hz");
        assertTrue(ivr.succeeded(60), "answered and ended with the caller's BYE: " + ivr.report());
        page.context().close();
      }
      List<CallLogs.Row> rows = Eventually.await(Duration.ofSeconds(30), () -> CallLogs.rows(databases, "5558061"), r -> !r.isEmpty());
      assertEquals(1, rows.size(), rows.toString());
      assertEquals(1001, rows.get(0).agentId(), "the Call End row in the tenant's database: " + rows);
    } finally {
      ProcessBuilder stop = new ProcessBuilder(project.resolve("scripts/deploy-payara-server").toString(), "stop")
          .directory(project.toFile()).redirectErrorStream(true).redirectOutput(WORK.resolve("stop.log").toFile());
      stop.environment().putAll(Map.of("PORTBASE", String.valueOf(PORTBASE), "CALLCENTER_DATA", WORK.resolve("data").toString()));
      stop.start().waitFor(120, TimeUnit.SECONDS);
      if (kms != null) {
        kms.kill();
      }
      databases.stop();
    }
  }
}
