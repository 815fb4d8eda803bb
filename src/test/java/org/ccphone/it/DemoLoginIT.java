package org.ccphone.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.ccphone.support.Api;
import org.ccphone.support.CustomerDatabases;
import org.ccphone.support.Eventually;
import org.junit.jupiter.api.Test;

/** Agent Login and Logout over HTTP against Payara Micro, on the demo tenant's H2 database. */
class DemoLoginIT extends ArquillianIT {

  @Test
  void agentOneLogsInWithItsProfileAndLogsOutIntoAgentStats() throws Exception {
    Api api = api();
    Api.Answer login = api.login("demo", "agent1", "agent1");
    assertEquals(201, login.status(), login.body());
    JsonObject session = login.json();
    String token = session.getString("token");
    assertTrue(token.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), token);
    assertTrue(Instant.parse(session.getString("expiresAt")).isAfter(Instant.now().plusSeconds(3600)));
    JsonObject agent = session.getJsonObject("agent");
    assertEquals(1001, agent.getInt("agentId"));
    assertEquals("5550101", agent.getString("callerId"));
    assertEquals("Agent One", agent.getString("callerIdName"));
    assertEquals(List.of("sales", "support"), agent.getJsonArray("skills").getValuesAs(jakarta.json.JsonString::getString));
    assertEquals("101", agent.getString("extension"));
    assertEquals(1, agent.getInt("userLevel"));

    Api.Answer current = api.get("/api/sessions/current", token);
    assertEquals(200, current.status());
    assertEquals(1001, current.json().getJsonObject("agent").getInt("agentId"));

    Thread.sleep(1200);
    Instant beforeLogout = Instant.now();
    assertEquals(204, api.delete("/api/sessions/current", token).status());
    Instant afterLogout = Instant.now();
    assertEquals(401, api.get("/api/sessions/current", token).status(), "a logged-out token is dead");

    LocalDateTime loginAt = local(Instant.parse(session.getString("loginAt")));
    Row row = Eventually.await(Duration.ofSeconds(20), () -> agentStats(1001, loginAt), r -> r != null);
    assertEquals(loginAt, row.login);
    assertFalse(row.logout.isBefore(local(beforeLogout)) || row.logout.isAfter(local(afterLogout)), row.toString());
    long length = Duration.between(row.login, row.logout).toSeconds();
    assertTrue(length >= 1, row.toString());
    assertEquals(length, row.busy + row.ready + row.away + row.onPhone, "every second in one bucket: " + row);
    assertEquals(length, row.busy, "until presence lands, all session time is BusyTime: " + row);
  }

  @Test
  void aSecondLoginOfTheSameAgentEndsTheFirstSession() throws Exception {
    Api api = api();
    Api.Answer first = api.login("demo", "agent2", "agent2");
    String firstToken = first.json().getString("token");
    String secondToken = api.token("demo", "agent2", "agent2");
    assertEquals(401, api.get("/api/sessions/current", firstToken).status());
    assertEquals(200, api.get("/api/sessions/current", secondToken).status());
    LocalDateTime loginAt = local(Instant.parse(first.json().getString("loginAt")));
    assertTrue(Eventually.await(Duration.ofSeconds(20), () -> agentStats(1002, loginAt), r -> r != null) != null);
    assertEquals(204, api.delete("/api/sessions/current", secondToken).status());
  }

  record Row(LocalDateTime login, LocalDateTime logout, int away, int busy, int onPhone, int ready) {}

  static Row agentStats(int agentId, LocalDateTime login) throws Exception {
    return agentStats(CustomerDatabases.DEMO, agentId, login);
  }

  static Row agentStats(org.ccphone.support.H2Server server, int agentId, LocalDateTime login) throws Exception {
    try (Connection c = server.connect("demo");
        PreparedStatement s = c.prepareStatement(
            "select LoginDateTime, LogoutDateTime, AwayTime, IdleTime, OnPhoneTime, ReadyTime from AgentStats where AgentId = ? and LoginDateTime = ?")) {
      s.setInt(1, agentId);
      s.setObject(2, login);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        Row row = new Row(rs.getTimestamp(1).toLocalDateTime(), rs.getTimestamp(2).toLocalDateTime(),
            rs.getInt(3), rs.getInt(4), rs.getInt(5), rs.getInt(6));
        assertFalse(rs.next(), "one row per session");
        return row;
      }
    }
  }

  static LocalDateTime local(Instant instant) {
    return LocalDateTime.ofInstant(instant, ZoneId.systemDefault()).withNano(0);
  }
}
