package org.ccphone.tenant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TenantConfigParserTest {
  private static final String EVENTS = """
      "agentLogin": {"statement": "select AgentId from [user] where Username = '{Username}'"},
      "agentLogout": {"procedure": "usp_AgentLogout"},
      "callStart": {"procedure": "dbo.usp_CallStart"},
      "callEnd": {"statement": "insert into CallLog (CallId) values ({CallId})"}
      """;

  @Test
  void aCompleteTenantLoadsWithDefaults() {
    TenantConfig config = TenantConfigParser.parse("{\"events\": {" + EVENTS + "}}", "acme");
    assertEquals("acme", config.appId());
    assertEquals("jdbc/callcenter/acme", config.datasource());
    assertEquals(5, config.queryTimeoutSeconds());
    assertInstanceOf(EventDefinition.Procedure.class, config.event(EventType.CALL_START));
    assertInstanceOf(EventDefinition.Statement.class, config.event(EventType.AGENT_LOGIN));
    assertEquals(new TenantConfig.CallHandling(60, 20, 1, 0, 30, 14400), config.calls());
  }

  @Test
  void pageAndSipRulesAreReadAndOnlyWhatIsSafeInAHeaderIsTaken() {
    TenantConfig config = TenantConfigParser.parse("{\"events\": {" + EVENTS + "}, \"screenPopHosts\": [\"crm.example.com\","
        + " \"*.records.example.com\"], \"screenPopOverHttp\": true, \"frameAncestors\": [\"https://crm.example.com\"],"
        + " \"sipSources\": [\"10.1.2.0/24\"], \"srtpRequired\": true}", "acme");
    assertTrue(config.pages().allowsHost("eu.records.example.com") && !config.pages().allowsHost("evil.example"));
    assertTrue(config.pages().popOverHttp());
    assertTrue(config.sip().sources().contains("10.1.2.7") && !config.sip().sources().contains("10.1.3.7"));
    assertTrue(config.sip().srtpRequired());
    assertEquals(SipRules.DEFAULTS, TenantConfigParser.parse("{\"events\": {" + EVENTS + "}}", "acme").sip());

    var e = assertThrows(TenantConfigException.class, () -> TenantConfigParser.parse("{\"events\": {" + EVENTS + "},"
        + " \"screenPopHosts\": [\"crm.example.com; script-src *\"], \"frameAncestors\": [\"*\"],"
        + " \"sipSources\": [\"anywhere\"], \"srtpRequired\": \"yes\"}", "acme"));
    String all = String.join("\n", e.problems());
    assertTrue(all.contains("screenPopHosts must be a list of host names"), all);
    assertTrue(all.contains("frameAncestors must be a list of origins"), all);
    assertTrue(all.contains("sipSources: anywhere") || all.contains("anywhere"), all);
    assertTrue(all.contains("srtpRequired must be true or false"), all);
  }

  @Test
  void aTrunkIsReadWithItsDefaultsAndItsPasswordNeverShowsInText() {
    TenantConfig config = TenantConfigParser.parse("{\"events\": {" + EVENTS + "}, \"trunk\": {\"proxy\": \"sip:10.1.2.3:5060\","
        + " \"username\": \"acme\", \"password\": \"pa55\"}}", "acme");
    Trunk trunk = config.sip().trunk();
    assertEquals("sip:2001@10.1.2.3:5060", trunk.uriFor("2001"), "the proxy's host when no domain is named");
    assertEquals(30, trunk.dialTimeoutSeconds());
    assertTrue(trunk.authenticates());
    assertTrue(!trunk.toString().contains("pa55") && !config.toString().contains("pa55"), config.toString());
    assertEquals(null, TenantConfigParser.parse("{\"events\": {" + EVENTS + "}}", "acme").sip().trunk(), "no trunk: no dialing out");
    assertEquals("sip:3001@10.1.2.3", TenantConfigParser.parse("{\"events\": {" + EVENTS + "}, \"referTo\": \"sip:{Number}@10.1.2.3\"}",
        "acme").sip().referUri("3001"));
    assertTrue(assertThrows(TenantConfigException.class, () -> TenantConfigParser.parse("{\"events\": {" + EVENTS + "},"
        + " \"referTo\": \"sip:10.1.2.3\"}", "acme")).problems().stream().anyMatch(p -> p.startsWith("referTo must be")));

    var e = assertThrows(TenantConfigException.class, () -> TenantConfigParser.parse("{\"events\": {" + EVENTS + "},"
        + " \"trunk\": {\"proxy\": \"10.1.2.3\", \"username\": \"acme\", \"dialTimeoutSeconds\": 0}}", "acme"));
    String all = String.join("\n", e.problems());
    assertTrue(all.contains("trunk.proxy must be a SIP URI"), all);
    e = assertThrows(TenantConfigException.class, () -> TenantConfigParser.parse("{\"events\": {" + EVENTS + "},"
        + " \"trunk\": {\"proxy\": \"sip:10.1.2.3\", \"username\": \"acme\", \"dialTimeoutSeconds\": 0}}", "acme"));
    all = String.join("\n", e.problems());
    assertTrue(all.contains("trunk.username and trunk.password go together"), all);
    assertTrue(all.contains("trunk.dialTimeoutSeconds must be a whole number of at least 1"), all);
  }

  @Test
  void callHandlingIsReadAndCheckedWithTheRest() {
    TenantConfig config = TenantConfigParser.parse("{\"events\": {" + EVENTS + "}, \"maxWaitSeconds\": 90,"
        + " \"ringSeconds\": 15, \"missesBeforeAway\": 2, \"maxCallsInProgress\": 40, \"keepAliveSeconds\": 5,"
        + " \"maxCallSeconds\": 600}", "acme");
    assertEquals(new TenantConfig.CallHandling(90, 15, 2, 40, 5, 600), config.calls());
    var e = assertThrows(TenantConfigException.class, () -> TenantConfigParser.parse("{\"events\": {" + EVENTS + "},"
        + " \"ringSeconds\": 0, \"missesBeforeAway\": \"two\", \"maxCallsInProgress\": -1}", "acme"));
    String all = String.join("\n", e.problems());
    assertTrue(all.contains("ringSeconds must be a whole number of at least 1"), all);
    assertTrue(all.contains("missesBeforeAway"), all);
    assertTrue(all.contains("maxCallsInProgress"), all);
  }

  @Test
  void theSupervisorsFiguresCountInTheTenantsTimeZoneWithItsServiceLevel() {
    TenantConfig config = TenantConfigParser.parse("{\"events\": {" + EVENTS + "}, \"timeZone\": \"America/New_York\","
        + " \"serviceLevelSeconds\": 30}", "acme");
    assertEquals(new TenantConfig.Reporting(java.time.ZoneId.of("America/New_York"), 30), config.reporting());
    assertEquals(20, TenantConfigParser.parse("{\"events\": {" + EVENTS + "}}", "acme").reporting().serviceLevelSeconds());
    assertEquals(TenantConfig.ScreenPop.TAB, TenantConfigParser.parse("{\"events\": {" + EVENTS + "}}", "acme").screenPop());
    assertEquals(TenantConfig.ScreenPop.PANEL,
        TenantConfigParser.parse("{\"events\": {" + EVENTS + "}, \"screenPop\": \"panel\"}", "acme").screenPop());
    var e = assertThrows(TenantConfigException.class, () -> TenantConfigParser.parse("{\"events\": {" + EVENTS + "},"
        + " \"timeZone\": \"Mars/Olympus\", \"serviceLevelSeconds\": 0, \"screenPop\": \"popup\"}", "acme"));
    String all = String.join("\n", e.problems());
    assertTrue(all.contains("timeZone must be a time zone name"), all);
    assertTrue(all.contains("serviceLevelSeconds must be a whole number of at least 1"), all);
    assertTrue(all.contains("screenPop must be \"tab\" or \"panel\""), all);
  }

  @Test
  void everyProblemIsNamedAtOnce() {
    var e = assertThrows(TenantConfigException.class, () -> TenantConfigParser.parse("""
        {"appId": "acme", "events": {
          "agentLogin": {"statement": "select 1 where x = {Shoe}"},
          "agentLogout": {"statement": "x", "procedure": "y"},
          "callStart": {"procedure": "drop table x;--"},
          "hangUp": {"statement": "x"}
        }}""", "acme"));
    assertEquals("acme", e.appId());
    String all = String.join("\n", e.problems());
    assertTrue(all.contains("agentLogin") && all.contains("{Shoe}"), all);
    assertTrue(all.contains("agentLogout: give exactly one"), all);
    assertTrue(all.contains("callStart") && all.contains("not a stored procedure name"), all);
    assertTrue(all.contains("callEnd: missing"), all);
    assertTrue(all.contains("unknown event 'hangUp'"), all);
  }

  @Test
  void malformedJsonIsAProblemOfThatTenantOnly() {
    var e = assertThrows(TenantConfigException.class, () -> TenantConfigParser.parse("{not json", "acme"));
    assertTrue(e.problems().get(0).startsWith("not a JSON object"));
  }

  @Test
  void theRegistryKeepsABrokenTenantAsUnusableBesideTheGoodOnes() throws Exception {
    Path dir = Files.createTempDirectory("tenants");
    Files.writeString(dir.resolve("good.json"), "{\"events\": {" + EVENTS + "}}");
    Files.writeString(dir.resolve("bad.json"), "{\"events\": {}}");
    TenantRegistry registry = new TenantRegistry();
    registry.load(java.util.List.of(dir));
    assertTrue(registry.find("good").orElseThrow().usable());
    Tenant bad = registry.find("bad").orElseThrow();
    assertEquals(4, bad.problems().size(), bad.problems().toString());
  }

  @Test
  void theShippedDemoTenantIsValid() {
    Tenant demo = TenantRegistry.read(Path.of("server-config/demo/demo.json"));
    assertTrue(demo.usable(), demo.problems().toString());
  }

  @Test
  void dispositionsAndTheirOptionalEventAreReadAndCheckedTogether() {
    String disposition = ", \"disposition\": {\"statement\": \"insert into Disposition (CallId, Segment, AgentId, Code, Notes)"
        + " values ({CallId}, {Segment}, {AgentId}, {Disposition}, {Notes})\"}";
    TenantConfig config = TenantConfigParser.parse("{\"wrapUpSeconds\": 30, \"events\": {" + EVENTS + disposition + "},"
        + " \"dispositions\": {\"codes\": [\"Sale\", \"Callback\"], \"required\": true, \"maxWrapUpSeconds\": 90}}", "acme");
    assertEquals(new Dispositions(java.util.List.of("Sale", "Callback"), true, 90), config.dispositions());
    assertInstanceOf(EventDefinition.Statement.class, config.event(EventType.DISPOSITION));

    TenantConfig without = TenantConfigParser.parse("{\"events\": {" + EVENTS + "}}", "acme");
    assertEquals(Dispositions.NONE, without.dispositions(), "optional: a tenant without it asks for none");
    assertEquals(null, without.event(EventType.DISPOSITION));

    TenantConfigException noEvent = assertThrows(TenantConfigException.class, () -> TenantConfigParser.parse(
        "{\"events\": {" + EVENTS + "}, \"dispositions\": {\"codes\": [\"Sale\"]}}", "acme"));
    assertTrue(noEvent.problems().stream().anyMatch(p -> p.contains("need the event \"disposition\"")), noEvent.problems().toString());
    TenantConfigException noCodes = assertThrows(TenantConfigException.class, () -> TenantConfigParser.parse(
        "{\"events\": {" + EVENTS + disposition + "}}", "acme"));
    assertTrue(noCodes.problems().stream().anyMatch(p -> p.contains("give the tenant's \"dispositions\"")), noCodes.problems().toString());
    TenantConfigException bad = assertThrows(TenantConfigException.class, () -> TenantConfigParser.parse(
        "{\"wrapUpSeconds\": 30, \"events\": {" + EVENTS + disposition + "}, \"dispositions\": {\"codes\": [\"Sale\", \"Sale\"],"
        + " \"maxWrapUpSeconds\": 10}}", "acme"));
    assertEquals(2, bad.problems().size(), "the repeated code and the wrap-up shorter than wrapUpSeconds: " + bad.problems());
    TenantConfigException unknownVariable = assertThrows(TenantConfigException.class, () -> TenantConfigParser.parse(
        "{\"events\": {" + EVENTS + ", \"disposition\": {\"statement\": \"insert into D values ({Dnis})\"}},"
        + " \"dispositions\": {\"codes\": [\"Sale\"]}}", "acme"));
    assertTrue(unknownVariable.problems().get(0).startsWith("event disposition"), unknownVariable.problems().toString());
  }
}
