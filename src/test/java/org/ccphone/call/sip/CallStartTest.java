package org.ccphone.call.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.ccphone.call.model.CallData;
import org.ccphone.tenant.EventRunner;
import org.ccphone.tenant.TenantConfig;
import org.ccphone.tenant.TenantConfigParser;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** Call Start against a real database (H2 in SQL Server mode). */
class CallStartTest {
  private final JdbcDataSource db = new JdbcDataSource();

  CallStartTest() throws Exception {
    db.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";MODE=MSSQLServer;DB_CLOSE_DELAY=-1");
    try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE CallStart (Dnis varchar(32), Ani varchar(32), CallerIdName varchar(64), CallType int, AgentId int)");
      s.execute("INSERT INTO CallStart VALUES ('8005551000', '5550001', NULL, 1, 0)");
    }
  }

  private TenantConfig tenant(String callStart) {
    return TenantConfigParser.parse("""
        {"appId": "acme", "events": {
          "agentLogin": {"statement": "select 1"}, "agentLogout": {"statement": "select 1"},
          "callStart": {"statement": "%s"}, "callEnd": {"statement": "select 1"}}}""".formatted(callStart), "acme");
  }

  private final CallData fromIvr = CallData.fromHeaders(Map.of("X-Skills", "sales", "X-URL", "https://ivr/pop")::get, "8005551000", "5550001");

  @Test
  void itsRowOverridesTheHeadersAndItsVariablesAreBound() throws Exception {
    // The row comes back only when Dnis, Ani, CallType 1 and AgentId 0 were bound as the contract says.
    TenantConfig acme = tenant("select 'https://crm/pop?ani={Ani}' as Url, 'C-77' as CallId, 'support' as Skills"
        + " from CallStart where Dnis = '{Dnis}' and Ani = '{Ani}' and CallType = {CallType} and AgentId = {AgentId}");
    CallData data = new CallStart(new EventRunner(t -> db)).inbound(acme, fromIvr);
    assertEquals("https://crm/pop?ani={Ani}", data.url());
    assertEquals("C-77", data.callId());
    assertEquals(List.of("support"), data.skills());
  }

  @Test
  void aBrokenCallStartRoutesOnTheHeaderDataWithANewCallId() {
    CallStart callStart = new CallStart(new EventRunner(t -> db));
    CallData data = callStart.inbound(tenant("select NoSuchColumn from CallStart where Dnis = {Dnis}"), fromIvr);
    assertEquals(List.of("sales"), data.skills());
    assertEquals("https://ivr/pop", data.url());
    assertNotNull(data.callId());
    assertEquals(1, callStart.failures());
  }
}
