package org.ccphone.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.ccphone.support.Api;
import org.ccphone.support.CustomerDatabases;
import org.junit.jupiter.api.Test;

/** Every bad login gets its clear answer and changes nothing; a broken tenant says why. */
class LoginRefusalsIT extends ArquillianIT {

  @Test
  void sqlInjectionIsJustAWrongPasswordAndChangesNoCustomerRow() throws Exception {
    Api api = api();
    String before = customerRows();
    Api.Answer wrong = api.login("demo", "agent1", "not-the-password");
    Api.Answer injection = api.login("demo", "' OR '1'='1", "x' --");
    Api.Answer injection2 = api.login("demo", "agent1'; DELETE FROM [user]; --", "' OR '1'='1");
    assertEquals(401, wrong.status());
    assertEquals(401, injection.status(), injection.body());
    assertEquals(401, injection2.status(), injection2.body());
    assertEquals(wrong.body(), injection.body(), "one answer for every bad credential");
    assertEquals(before, customerRows());
  }

  @Test
  void anUnknownAppIdIs404() {
    Api.Answer a = api().login("no-such-app", "agent1", "agent1");
    assertEquals(404, a.status());
    assertEquals("unknown_app", a.json().getString("error"));
  }

  @Test
  void malformedJsonAndMissingFieldsAre400NamingTheField() {
    Api api = api();
    Api.Answer malformed = api.post("/api/apps/demo/sessions", "{\"username\": \"agent1\", ");
    assertEquals(400, malformed.status());
    assertEquals("malformed_json", malformed.json().getString("error"));
    Api.Answer noPassword = api.post("/api/apps/demo/sessions", "{\"username\": \"agent1\"}");
    assertEquals(400, noPassword.status());
    assertTrue(noPassword.json().getString("message").contains("'password'"), noPassword.body());
    Api.Answer noUsername = api.post("/api/apps/demo/sessions", "{\"password\": \"x\"}");
    assertTrue(noUsername.json().getString("message").contains("'username'"), noUsername.body());
    Api.Answer numeric = api.post("/api/apps/demo/sessions", "{\"username\": 5, \"password\": \"x\"}");
    assertEquals(400, numeric.status());
    assertTrue(numeric.json().getString("message").contains("'username'"), numeric.body());
    assertEquals(400, api.post("/api/apps/demo/sessions", "[]").status());
  }

  @Test
  void repeatedFailuresForOneUsernameAre429WhileOthersStillLogIn() {
    Api api = api();
    for (int i = 0; i < 5; i++) {
      assertEquals(401, api.login("demo", "super1", "guess" + i).status());
    }
    Api.Answer locked = api.login("demo", "super1", "super1");
    assertEquals(429, locked.status(), "even the right password waits out the lock");
    assertTrue(locked.response().headers().firstValue("Retry-After").isPresent());
    assertEquals(201, api.login("demo", "agent2", "agent2").status());
  }

  /** Wrong passwords for one agent from one address lock that address out of it, not the agent. */
  @Test
  void aGuesserAtOneAddressDoesNotLockTheAgentOutFromAnother() throws Exception {
    Api guesser = api().asRemoteClient("192.0.2.10");
    java.util.List<java.util.concurrent.CompletableFuture<Integer>> attempts = new java.util.ArrayList<>();
    for (int i = 0; i < 50; i++) {
      attempts.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> guesser.login("demo", "agent1", "guess").status()));
    }
    java.util.Map<Integer, Long> statuses = attempts.stream().map(java.util.concurrent.CompletableFuture::join)
        .collect(java.util.stream.Collectors.groupingBy(s -> s, java.util.stream.Collectors.counting()));
    assertEquals(java.util.Set.of(401, 429), statuses.keySet(), statuses.toString());
    assertEquals(5, statuses.get(401), "only the throttle's five are read: " + statuses);
    Api.Answer agent = api().asRemoteClient("192.0.2.11").login("demo", "agent1", "agent1");
    assertEquals(201, agent.status(), "agent1 from its own desk: " + agent.body());
    api().delete("/api/sessions/current", agent.json().getString("token"));
  }

  @Test
  void oneAddressGuessingTwentyUsernamesIsRefusedForAWhileAndOthersAreNot() {
    Api guesser = api().asRemoteClient("192.0.2.20");
    for (int i = 0; i < 20; i++) {
      assertEquals(401, guesser.login("demo", "nobody" + i, "guess").status());
    }
    Api.Answer refused = guesser.login("demo", "agent2", "agent2");
    assertEquals(429, refused.status(), refused.body());
    assertTrue(refused.response().headers().firstValue("Retry-After").isPresent());
    Api.Answer other = api().asRemoteClient("192.0.2.21").login("demo", "agent2", "agent2");
    assertEquals(201, other.status(), other.body());
    api().delete("/api/sessions/current", other.json().getString("token"));
  }

  @Test
  void aLoginThatIsNotJsonIs415() {
    Api.Answer plain = api().post("/api/apps/demo/sessions", "{\"username\":\"agent1\",\"password\":\"agent1\"}",
        "text/plain", null);
    assertEquals(415, plain.status(), plain.body());
    Api.Answer form = api().post("/api/apps/demo/sessions", "username=agent1&password=agent1",
        "application/x-www-form-urlencoded", null);
    assertEquals(415, form.status(), form.body());
  }

  @Test
  void aSqlServerTenantWhoseServerIsDownGets503WithoutAStackTrace() {
    Api.Answer a = api().login("mssql", "agent1", "agent1");
    assertEquals(503, a.status(), a.body());
    assertEquals("database_unavailable", a.json().getString("error"));
    assertTrue(a.response().headers().firstValue("Retry-After").isPresent());
    assertTrue(!a.body().contains("Exception") && !a.body().contains("\tat "), a.body());
    assertEquals("UP", api().get("/api/apps/mssql/health", null).json().getString("status"),
        "an outage is not a configuration problem");
  }

  @Test
  void aMissingOrUnknownTokenIs401() {
    Api api = api();
    assertEquals(401, api.get("/api/sessions/current", null).status());
    assertEquals(401, api.get("/api/sessions/current", "00000000-0000-0000-0000-000000000000").status());
    assertEquals(401, api.delete("/api/sessions/current", "' OR '1'='1").status());
  }

  @Test
  void aTenantWithAnInvalidEventIsDownWithItsReasonsForItsOperatorOnlyWhileTheOthersWork() {
    Api api = api();
    JsonObject broken = api.get("/api/apps/broken/health", null).json();
    assertEquals("DOWN", broken.getString("status"));
    String problems = broken.getJsonArray("problems").toString();
    assertTrue(problems.contains("{ShoeSize}"), "the operator, on this machine, reads why: " + problems);
    assertTrue(problems.contains("callEnd: missing"), problems);

    Api outsider = api.asRemoteClient("192.0.2.7");
    Api.Answer anonymous = outsider.get("/api/apps/broken/health", null);
    assertEquals("DOWN", anonymous.json().getString("status"));
    assertFalse(anonymous.body().contains("ShoeSize") || anonymous.body().contains("callEnd"), anonymous.body());
    Api.Answer login = outsider.login("broken", "agent1", "agent1");
    assertEquals(503, login.status());
    assertEquals("tenant_unavailable", login.json().getString("error"));
    assertFalse(login.body().contains("ShoeSize"), "a login is told no reason: " + login.body());
    Api.Answer readinessOutside = new Api("http://127.0.0.1:" + base.getPort()).asRemoteClient("192.0.2.7")
        .get("/health/ready", null);
    assertFalse(readinessOutside.body().contains("ShoeSize"), readinessOutside.body());

    assertEquals("UP", api.get("/api/apps/demo/health", null).json().getString("status"));
    assertEquals("UP", api.get("/api/apps/pgtest/health", null).json().getString("status"));
    Api.Answer readiness = new Api("http://127.0.0.1:" + base.getPort()).get("/health/ready", null);
    assertEquals(200, readiness.status(), readiness.body());
    assertTrue(readiness.body().contains("\"broken\":\"DOWN"), readiness.body());
    assertEquals(201, api.login("demo", "agent1", "agent1").status());
  }

  private static String customerRows() throws Exception {
    StringBuilder rows = new StringBuilder();
    try (Connection c = CustomerDatabases.DEMO.connect("demo"); Statement s = c.createStatement()) {
      for (String sql : new String[] {
          "select AgentId, Username, Password, UserLevel from [user] order by AgentId",
          "select count(*) from AgentStats"}) {
        try (ResultSet rs = s.executeQuery(sql)) {
          while (rs.next()) {
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
              rows.append(rs.getString(i)).append('|');
            }
            rows.append('\n');
          }
        }
      }
    }
    return rows.toString();
  }
}
