package org.ccphone.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.ccphone.support.Api;
import org.ccphone.support.CallLogs;
import org.ccphone.support.CustomerDatabases;
import org.ccphone.support.Eventually;
import org.ccphone.support.Sipp;
import org.junit.jupiter.api.Test;

/**
 * A Call End row the customer's table keeps rejecting: the other rows, of its tenant and of
 * another, are delivered; it is set aside after 3 rejections (this server's setting), shows in
 * health and in the supervisors' read, and a replay delivers it once the table accepts it.
 */
class CallEndDeliveryIT extends ArquillianIT {
  private static final int SIP = 15060;
  private static final String OVERFLOW = "sip:overflow@127.0.0.1:5070";
  /** Longer than the demo CallLog's CallId column (varchar 64): the insert fails for this row only. */
  private static final String LONG_CALL_ID = "call-" + "x".repeat(95);

  private static Map<String, String> overflowCall(String dnis, String ani, String callId) {
    Map<String, String> keys = new HashMap<>(Map.of("dnis", dnis, "ani", ani, "skills", "sales", "callcenter", OVERFLOW,
        "url", ""));
    keys.put("callid", callId);
    return keys;
  }

  @Test
  void aRowTheCustomerKeepsRejectingIsSetAsideShownAndReplayedWithoutHoldingBackOthers() throws Exception {
    Api api = api();
    Sipp rejected = Sipp.start("call-redirected-callid.xml", SIP, 15401, overflowCall("8005559000", "5554001", LONG_CALL_ID));
    assertTrue(rejected.succeeded(30), rejected.report());
    Sipp sameTenant = Sipp.start("call-redirected-callid.xml", SIP, 15402, overflowCall("8005559000", "5554002", "fine-1"));
    Sipp otherTenant = Sipp.start("call-redirected-callid.xml", SIP, 15403, overflowCall("8005551100", "5554003", "fine-2"));
    assertTrue(sameTenant.succeeded(30), sameTenant.report());
    assertTrue(otherTenant.succeeded(30), otherTenant.report());
    assertEquals(1, Eventually.await(Duration.ofSeconds(30), () -> CallLogs.agentIds("5554002").size(), n -> n == 1));
    assertEquals(1, Eventually.await(Duration.ofSeconds(30), () -> CallLogs.agentIds("5554003").size(), n -> n == 1));

    // A row delivered is in the customer's table a moment before its message leaves the outbox: the
    // health is read until nothing is pending, which it never is while a set-aside row holds others back.
    JsonObject health = Eventually.await(Duration.ofSeconds(60), () -> api.get("/api/apps/callstest/health", null).json(),
        h -> h.getJsonObject("outbox").getInt("setAside") == 1 && h.getJsonObject("outbox").getInt("pending") == 0);
    assertEquals("UP", health.getString("status"));
    assertEquals(1, health.getJsonObject("outbox").getInt("setAside"), "the row the customer keeps rejecting is set aside");
    assertEquals(0, health.getJsonObject("outbox").getInt("pending"), "the set-aside row holds back nothing");

    String supervisor = api.token("callstest", "super1", "super1");
    assertEquals(403, api.get("/api/apps/callstest/outbox/set-aside", api.token("callstest", "agent1", "agent1")).status());
    assertEquals(403, api.get("/api/apps/demo/outbox/set-aside", supervisor).status(), "another tenant's supervisor");
    Api.Answer read = api.get("/api/apps/callstest/outbox/set-aside", supervisor);
    assertEquals(200, read.status(), read.body());
    JsonObject row = read.json().getJsonArray("rows").getJsonObject(0);
    assertEquals("CALL_END", row.getString("event"));
    assertEquals(LONG_CALL_ID, row.getJsonObject("values").getString("CallId"));
    assertEquals(3, row.getInt("rejections"));
    assertTrue(row.getString("lastError").length() > 0);
    assertEquals(0, CallLogs.agentIds("5554001").size());

    assertEquals(404, api.post("/api/apps/callstest/outbox/set-aside/999999/replay", "", supervisor).status());
    widenCallIdColumn();
    assertEquals(202, api.post("/api/apps/callstest/outbox/set-aside/" + row.getJsonNumber("id").longValue() + "/replay",
        "", supervisor).status());
    assertEquals(1, Eventually.await(Duration.ofSeconds(30), () -> CallLogs.agentIds("5554001").size(), n -> n == 1));
    assertEquals(LONG_CALL_ID, callIdOf("5554001"));
    assertEquals(0, Eventually.await(Duration.ofSeconds(10),
        () -> api.get("/api/apps/callstest/health", null).json().getJsonObject("outbox").getInt("setAside"), n -> n == 0));
  }

  private static void widenCallIdColumn() throws Exception {
    try (Connection c = CustomerDatabases.DEMO.connect("demo"); Statement s = c.createStatement()) {
      s.execute("ALTER TABLE CallLog ALTER COLUMN CallId VARCHAR(200)");
    }
  }

  private static String callIdOf(String ani) throws Exception {
    try (Connection c = CustomerDatabases.DEMO.connect("demo");
        PreparedStatement s = c.prepareStatement("select CallId from CallLog where ANI = ?")) {
      s.setString(1, ani);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }
}
