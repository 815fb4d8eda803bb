package org.ccphone.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import org.ccphone.support.Api;
import org.ccphone.support.Eventually;
import org.ccphone.support.PhoneClient;
import org.junit.jupiter.api.Test;

/** The phone's WebSocket, the server-owned state machine and the time ledger, over real sockets. */
class PresenceIT extends ArquillianIT {

  private String http() {
    return "http://127.0.0.1:" + base.getPort() + base.getPath().replaceFirst("/$", "");
  }

  @Test
  void readyThenAwayForLunchLandInTheirBuckets() throws Exception {
    Api api = api();
    Api.Answer login = api.login("demo", "agent1", "agent1");
    LocalDateTime loginAt = DemoLoginIT.local(Instant.parse(login.json().getString("loginAt")));
    try (PhoneClient phone = PhoneClient.hello(http(), login.json().getString("token"))) {
      phone.send("{\"type\":\"ready\"}");
      assertEquals("READY", phone.await("state").getString("state"));
      Thread.sleep(3000);
      phone.send("{\"type\":\"away\",\"reason\":\"Lunch\"}");
      JsonObject away = phone.await("state");
      assertEquals("AWAY", away.getString("state"));
      assertEquals("Lunch", away.getString("reason"));
      Thread.sleep(2000);
      phone.send("{\"type\":\"logout\"}");
      assertEquals("loggedOut", phone.await("loggedOut").getString("type"));
      assertEquals(1000, phone.closeCode());
    }
    DemoLoginIT.Row row = Eventually.await(Duration.ofSeconds(20), () -> DemoLoginIT.agentStats(1001, loginAt), r -> r != null);
    long length = Duration.between(row.login(), row.logout()).toSeconds();
    assertEquals(length, row.ready() + row.away() + row.busy() + row.onPhone(), "the buckets add up: " + row);
    assertTrue(Math.abs(row.ready() - 3) <= 1, "ReadyTime 3 +-1: " + row);
    assertTrue(Math.abs(row.away() - 2) <= 1, "AwayTime 2 +-1: " + row);
  }

  /**
   * Every frame a phone socket receives or sends would make the container schedule an idle-timer task
   * on the managed executor (a thread-context capture each); the product skips those, and counts them.
   */
  @Test
  void framesOnThePhoneSocketCostNoContainerTimerTask() throws Exception {
    Api root = new Api("http://127.0.0.1:" + base.getPort());
    String token = api().login("demo", "agent2", "agent2").json().getString("token");
    try (PhoneClient phone = PhoneClient.hello(http(), token)) {
      double before = root.metric("phone_socket_idle_timer_tasks_skipped");
      for (int i = 0; i < 20; i++) {
        phone.send("{\"type\":\"ping\"}");
        phone.await("pong");
      }
      // 20 pings in, 20 pongs out: one skipped task each.
      double skipped = root.metric("phone_socket_idle_timer_tasks_skipped") - before;
      assertTrue(skipped >= 40, "idle-timer tasks skipped for 40 frames: " + skipped);
      phone.send("{\"type\":\"logout\"}");
      phone.await("loggedOut");
    }
  }

  @Test
  void badSocketsGetErrorsAndLeaveTheAgentAsItWas() throws Exception {
    Api api = api();
    String token = api.token("demo", "agent2", "agent2");
    String supervisor = api.token("demo", "super1", "super1");
    try (PhoneClient agent = PhoneClient.hello(http(), token)) {
      agent.send("{\"type\":\"ready\"}");
      agent.await("state");
      JsonObject before = agentSnapshot(api, supervisor, 1002);

      try (PhoneClient noHello = new PhoneClient(http())) {
        noHello.send("{\"type\":\"away\",\"reason\":\"Lunch\"}");
        assertEquals("hello_first", noHello.await("error").getString("code"));
        noHello.send("}{ not json");
        assertEquals("bad_json", noHello.await("error").getString("code"));
        noHello.send("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(70_000) + "\"}");
        assertEquals("too_large", noHello.await("error").getString("code"));
        noHello.send("{\"type\":\"hello\",\"token\":\"" + token + "x\"}");
        assertEquals("bad_token", noHello.await("error").getString("code"));
        assertEquals(1008, noHello.closeCode(), "policy violation");
      }
      try (PhoneClient second = PhoneClient.hello(http(), token)) {
        second.send("[1,2,3]");
        assertEquals("bad_json", second.await("error").getString("code"));
        second.send("{\"type\":\"dance\"}");
        assertEquals("unknown_type", second.await("error").getString("code"));
        second.send("{\"type\":\"away\",\"reason\":\"Nap\"}");
        assertEquals("unknown_reason", second.await("error").getString("code"));
        second.send("{\"type\":\"onPhone\"}");
        assertEquals("unknown_type", second.await("error").getString("code"));
        second.send("{\"type\":\"setAgentState\",\"agentId\":1001,\"state\":\"AWAY\",\"reason\":\"Lunch\"}");
        assertEquals("forbidden", second.await("error").getString("code"));
        second.send("{\"type\":\"ping\"}");
        second.await("pong");
      }
      JsonObject after = agentSnapshot(api, supervisor, 1002);
      assertEquals("READY", after.getString("state"));
      assertEquals(before.getString("since"), after.getString("since"), "state untouched");
      JsonObject ledgerBefore = before.getJsonObject("ledger");
      JsonObject ledgerAfter = after.getJsonObject("ledger");
      assertEquals(ledgerBefore.getInt("AwayTime"), ledgerAfter.getInt("AwayTime"), "no AwayTime from the bad sockets");
      // BusyTime (a fraction of a second before READY) may move by the one second that rounding to
      // whole seconds gives to the bucket with the largest remainder.
      assertTrue(Math.abs(ledgerBefore.getInt("BusyTime") - ledgerAfter.getInt("BusyTime")) <= 1);
      agent.send("{\"type\":\"logout\"}");
      agent.await("loggedOut");
    }
  }

  @Test
  void supervisorsSeeTheirTenantOnlyAndCanSetAwayAndLogOut() throws Exception {
    Api api = api();
    String superToken = api.token("demo", "super1", "super1");
    String otherSuper = api.token("pgtest", "pgsuper", "pgsuper");
    Api.Answer agentLogin = api.login("demo", "agent1", "agent1");
    String agentToken = agentLogin.json().getString("token");
    try (PhoneClient supervisor = PhoneClient.hello(http(), superToken);
        PhoneClient other = PhoneClient.hello(http(), otherSuper);
        PhoneClient agent = PhoneClient.hello(http(), agentToken)) {
      supervisor.await("agents");
      other.await("agents");
      agent.send("{\"type\":\"ready\"}");
      JsonObject seen = supervisor.await(f -> "state".equals(f.getString("type")) && f.getInt("agentId") == 1001
          && "READY".equals(f.getString("state")), "agent1 READY");
      assertEquals("agent1", seen.getString("username"));
      List<JsonObject> leaked = other.drain(Duration.ofSeconds(1));
      assertTrue(leaked.stream().noneMatch(f -> f.getInt("agentId", 0) == 1001), "another tenant sees nothing: " + leaked);

      assertEquals(403, api.get("/api/apps/demo/agents", agentToken).status(), "an agent's token");
      assertEquals(403, api.get("/api/apps/demo/agents", otherSuper).status(), "another tenant's supervisor");
      assertEquals(401, api.get("/api/apps/demo/agents", null).status());
      Api.Answer list = api.get("/api/apps/demo/agents", superToken);
      assertEquals(200, list.status());
      JsonObject listed = list.json().getJsonArray("agents").getValuesAs(JsonObject.class).stream()
          .filter(a -> a.getInt("agentId") == 1001).findFirst().orElseThrow();
      assertEquals("READY", listed.getString("state"));
      assertTrue(listed.getJsonObject("ledger").containsKey("ReadyTime"));

      supervisor.send("{\"type\":\"setAgentState\",\"agentId\":1001,\"state\":\"AWAY\",\"reason\":\"Meeting\"}");
      JsonObject set = agent.await(f -> "state".equals(f.getString("type")) && "AWAY".equals(f.getString("state")), "AWAY");
      assertEquals("Meeting", set.getString("reason"));
      assertEquals("super1", set.getString("by"), "the agent's phone shows who did it");

      assertEquals(204, api.delete("/api/apps/demo/agents/1001/session", superToken).status());
      JsonObject out = agent.await("loggedOut");
      assertEquals("super1", out.getString("by"));
      assertEquals(401, api.get("/api/sessions/current", agentToken).status());
      assertTrue(other.drain(Duration.ofMillis(500)).stream().noneMatch(f -> f.getInt("agentId", 0) == 1001));
    }
  }

  @Test
  void aReconnectWithinTheGraceResumesTheSessionAndCountsTheGapAsAway() throws Exception {
    Api api = api();
    Api.Answer login = api.login("demo", "agent2", "agent2");
    String token = login.json().getString("token");
    LocalDateTime loginAt = DemoLoginIT.local(Instant.parse(login.json().getString("loginAt")));
    PhoneClient first = PhoneClient.hello(http(), token);
    first.send("{\"type\":\"away\",\"reason\":\"Training\"}");
    first.await("state");
    first.drop();
    Thread.sleep(2000);
    try (PhoneClient again = new PhoneClient(http())) {
      again.send("{\"type\":\"hello\",\"token\":\"" + token + "\"}");
      JsonObject welcome = again.await("welcome");
      JsonObject back = welcome.getJsonObject("state");
      assertEquals("AWAY", back.getString("state"));
      assertEquals("Training", back.getString("reason"), "the reason chosen before is kept");
      assertEquals(200, api.get("/api/sessions/current", token).status(), "same session");
      again.send("{\"type\":\"ready\"}");
      again.await("state");
      Thread.sleep(1000);
      again.send("{\"type\":\"logout\"}");
      again.await("loggedOut");
    }
    DemoLoginIT.Row row = Eventually.await(Duration.ofSeconds(20), () -> DemoLoginIT.agentStats(1002, loginAt), r -> r != null);
    assertTrue(row.away() >= 2, "Training and the 2 s gap are AwayTime: " + row);
    assertTrue(row.ready() >= 1, row.toString());
  }

  @Test
  void aConnectionLostPastTheGraceEndsTheSession() throws Exception {
    Api api = api();
    Api.Answer login = api.login("demo", "agent1", "agent1");
    String token = login.json().getString("token");
    LocalDateTime loginAt = DemoLoginIT.local(Instant.parse(login.json().getString("loginAt")));
    PhoneClient phone = PhoneClient.hello(http(), token);
    phone.send("{\"type\":\"ready\"}");
    phone.await("state");
    Thread.sleep(1000);
    Instant lost = Instant.now();
    phone.drop();
    DemoLoginIT.Row row = Eventually.await(Duration.ofSeconds(20), () -> DemoLoginIT.agentStats(1001, loginAt), r -> r != null);
    assertEquals(401, api.get("/api/sessions/current", token).status());
    assertTrue(Math.abs(Duration.between(DemoLoginIT.local(lost), row.logout()).toSeconds()) <= 1,
        "logged out as of the moment the connection was lost: " + row);
    assertEquals(Duration.between(row.login(), row.logout()).toSeconds(), row.ready() + row.away() + row.busy() + row.onPhone());
  }

  private static JsonObject agentSnapshot(Api api, String supervisorToken, int agentId) {
    return api.get("/api/apps/demo/agents", supervisorToken).json().getJsonArray("agents").getValuesAs(JsonObject.class)
        .stream().filter(a -> a.getInt("agentId") == agentId).findFirst().orElseThrow();
  }
}
