package org.ccphone.it;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Map;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import org.ccphone.support.Api;
import org.ccphone.support.BrowserPhones;
import org.ccphone.support.CustomerDatabases;
import org.ccphone.support.Eventually;
import org.ccphone.support.H2Server;
import org.ccphone.support.PayaraProcess;
import org.ccphone.support.PhoneClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What must survive the server being killed (its own process, started as scripts/run does): Agent
 * Logouts waiting for a customer database that is down, and sessions that were open.
 */
class ServerRestartIT {
  private static final int DB_PORT = 19094;
  private static final int HTTP_PORT = 18094;
  private static final Path WORK = CustomerDatabases.build().resolve("it-outage").toAbsolutePath();
  private static final H2Server CUSTOMER = new H2Server(DB_PORT, WORK.resolve("customer"));
  private static PayaraProcess server;

  @BeforeAll
  static void start() throws Exception {
    System.setProperty("h2.bindAddress", "127.0.0.1");
    H2Server.deleteQuietly(WORK);
    Files.createDirectories(WORK);
    CUSTOMER.startFresh();
    Path postBoot = WORK.resolve("post-boot.asadmin");
    Files.writeString(postBoot, String.join("\n",
        "deploy --name callcenter-sip " + CustomerDatabases.build().toAbsolutePath().resolve("callcenter-sip.rar"),
        "create-jdbc-connection-pool --datasourceclassname org.h2.jdbcx.JdbcDataSource --restype javax.sql.DataSource"
            + " --property url=jdbc\\:h2\\:file\\:" + WORK.resolve("app").toString().replace(":", "\\:") + "/callcenter;WRITE_DELAY\\=0 callcenter-pool",
        "create-jdbc-resource --connectionpoolid callcenter-pool jdbc/callcenter-app",
        "create-jdbc-connection-pool --datasourceclassname org.h2.jdbcx.JdbcDataSource --restype javax.sql.DataSource"
            + " --property url=jdbc\\:h2\\:tcp\\://127.0.0.1\\:" + DB_PORT + "/demo;MODE\\=MSSQLServer:user=sa:password=sa callcenter-demo-pool",
        "create-jdbc-resource --connectionpoolid callcenter-demo-pool jdbc/callcenter/demo", ""));
    server = new PayaraProcess(HTTP_PORT, postBoot, Map.of(
        "callcenter.tenants.dirs", Path.of(System.getProperty("callcenter.project.dir", ".")).resolve("server-config/demo").toString(),
        "callcenter.outbox.pollMillis", "200",
        "callcenter.sip.port", "15062",
        "callcenter.outbox.maxBackoffSeconds", "2"), WORK.resolve("payara.log"));
    server.start();
  }

  @AfterAll
  static void stop() throws Exception {
    server.kill();
    CUSTOMER.stop();
  }

  @Test
  void aLogoutDuringAnOutageIsDeliveredAfterItEvenAcrossARestart() throws Exception {
    Api api = new Api(server.url());
    Api.Answer login = api.login("demo", "agent1", "agent1");
    assertEquals(201, login.status(), login.body());
    String token = login.json().getString("token");
    LocalDateTime loginAt = DemoLoginIT.local(Instant.parse(login.json().getString("loginAt")));

    CUSTOMER.stop();
    Api.Answer refused = api.login("demo", "agent2", "agent2");
    assertEquals(503, refused.status(), refused.body());
    assertTrue(refused.json().getString("message").contains("unavailable"), refused.body());
    assertTrue(!refused.body().contains("Exception"), "no stack trace: " + refused.body());

    Thread.sleep(1100);
    assertEquals(204, api.delete("/api/sessions/current", token).status(), "a logout is accepted during the outage");
    Eventually.await(Duration.ofSeconds(10), () -> api.get("/api/apps/demo/health", null).json().getJsonObject("outbox").getInt("pending"), n -> n == 1);

    server.kill();
    server.start();
    Thread.sleep(1000);
    assertEquals(1, api.get("/api/apps/demo/health", null).json().getJsonObject("outbox").getInt("pending"),
        "the Agent Logout survived the restart");

    CUSTOMER.start();
    int rows = Eventually.await(Duration.ofSeconds(30), () -> rows(loginAt), n -> n > 0);
    assertEquals(1, rows);
    Eventually.await(Duration.ofSeconds(10), () -> api.get("/api/apps/demo/health", null).json().getJsonObject("outbox").getInt("pending"), n -> n == 0);
    assertEquals(1, rows(loginAt), "delivered once");
    assertEquals(201, api.login("demo", "agent2", "agent2").status(), "logins work again");
  }

  @Test
  void aSessionOpenWhenTheServerIsKilledIsLoggedOutWithItsTimeUpToTheLastCheckpoint() throws Exception {
    Api api = new Api(server.url());
    Api.Answer login = api.login("demo", "agent2", "agent2");
    assertEquals(201, login.status(), login.body());
    LocalDateTime loginAt = DemoLoginIT.local(Instant.parse(login.json().getString("loginAt")));
    Instant readyAt;
    try (PhoneClient phone = PhoneClient.hello(server.url(), login.json().getString("token"))) {
      phone.send("{\"type\":\"ready\"}");
      readyAt = Instant.parse(phone.await("state").getString("since"));
      Thread.sleep(7000);
      server.kill();
    }
    Instant killedAt = Instant.now();
    server.start();
    DemoLoginIT.Row row = Eventually.await(Duration.ofSeconds(30), () -> DemoLoginIT.agentStats(CUSTOMER, 1002, loginAt), r -> r != null);
    long shortBy = Duration.between(row.logout(), DemoLoginIT.local(killedAt)).toSeconds();
    assertTrue(shortBy >= 0 && shortBy <= 10, "LogoutDateTime at most 10 s before the kill: " + row + ", killed " + killedAt);
    long readyShortBy = Duration.between(readyAt, killedAt).toSeconds() - row.ready();
    assertTrue(readyShortBy >= 0 && readyShortBy <= 10, "ReadyTime at most 10 s short: " + row);
    assertEquals(Duration.between(row.login(), row.logout()).toSeconds(), row.ready() + row.away() + row.busy() + row.onPhone());
    assertEquals(401, api.get("/api/sessions/current", login.json().getString("token")).status());
  }

  @Test
  void thePhonePageSaysTheServerRestartedAndReturnsToLogin() throws Exception {
    try (BrowserPhones browsers = BrowserPhones.start()) {
      Page page = browsers.chromium().newContext().newPage();
      page.navigate(server.url() + "/phone/demo");
      logIn(page);
      server.terminate(); // an operator's restart: the sessions end with the server
      assertTrue(server.exited(60), "the server stopped");
      assertThat(page.locator("#login-message")).hasText("The server is restarting. Please log in again in a moment.");
      server.start();

      logIn(page);
      server.kill(); // a crash: the page's token dies with it (tokens do not survive a restart yet)
      assertThat(page.locator("#connection")).hasText("Connection lost, reconnecting…");
      server.start();
      assertThat(page.locator("#login-message")).hasText(
          "Your session has ended: the server no longer knows it (it may have restarted). Please log in again.",
          new LocatorAssertions.HasTextOptions().setTimeout(30000));
      assertThat(page.getByLabel("Username")).isVisible();
      page.context().close();
    }
  }

  private static void logIn(Page page) {
    page.getByLabel("Username").fill("agent2");
    page.getByLabel("Password").fill("agent2");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
    assertThat(page.locator("#agent")).isVisible();
    assertThat(page.locator("#connection")).hasText("Connected");
  }

  private static int rows(LocalDateTime loginAt) {
    try (Connection c = CUSTOMER.connect("demo");
        PreparedStatement s = c.prepareStatement("select count(*) from AgentStats where AgentId = 1001 and LoginDateTime = ?")) {
      s.setObject(1, loginAt);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    } catch (Exception e) {
      return -1;
    }
  }
}
