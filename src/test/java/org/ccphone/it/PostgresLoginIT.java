package org.ccphone.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import org.ccphone.support.Api;
import org.ccphone.support.CustomerDatabases;
import org.ccphone.support.Eventually;
import org.junit.jupiter.api.Test;

/**
 * The pgtest tenant answers its events with stored routines on a real PostgreSQL: a function for
 * Agent Login, a procedure declaring only four of the seven Agent Logout variables.
 */
class PostgresLoginIT extends ArquillianIT {

  @Test
  void loginAndLogoutThroughStoredProcedures() throws Exception {
    Api api = api();
    Api.Answer login = api.login("pgtest", "pgagent", "pgpass");
    assertEquals(201, login.status(), login.body());
    JsonObject agent = login.json().getJsonObject("agent");
    assertEquals(3001, agent.getInt("agentId"));
    assertEquals("A Rather Long C", agent.getString("callerIdName"), "cut to 15 characters");
    assertEquals(List.of("billing", "support"), agent.getJsonArray("skills").getValuesAs(JsonString::getString));
    assertEquals("301", agent.getString("extension"));
    assertEquals(401, api.login("pgtest", "pgagent", "' OR '1'='1").status());

    String token = login.json().getString("token");
    Thread.sleep(1100);
    assertEquals(204, api.delete("/api/sessions/current", token).status());

    LocalDateTime loginAt = DemoLoginIT.local(Instant.parse(login.json().getString("loginAt")));
    long[] row = Eventually.await(Duration.ofSeconds(20), () -> agentStats(loginAt), r -> r != null);
    assertEquals(3001, row[0]);
    assertEquals(row[1], row[2], "BusyTime is the whole session: " + row[1] + " s");
  }

  /** {agent_id, session seconds, busy_time} of the row written for a login time, or null. */
  private static long[] agentStats(LocalDateTime loginAt) throws Exception {
    try (Connection c = CustomerDatabases.POSTGRES.connect();
        PreparedStatement s = c.prepareStatement(
            "select agent_id, extract(epoch from logout_date_time - login_date_time)::int, busy_time from agent_stats where login_date_time = ?")) {
      s.setObject(1, loginAt);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? new long[] {rs.getInt(1), rs.getInt(2), rs.getInt(3)} : null;
      }
    }
  }
}
