package org.ccphone.tenant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatementTemplateTest {

  @Test
  void quotedAndBarePlaceholdersInAnyCaseBecomeParameters() {
    StatementTemplate t = StatementTemplate.parse(
        "select AgentId FROM [user] where Username = '{USERNAME}' and Password = '{password}'",
        EventType.AGENT_LOGIN.variables());
    assertEquals("select AgentId FROM [user] where Username = ? and Password = ?", t.sql());
    assertEquals(List.of(Variable.Username, Variable.Password), t.parameters());
  }

  @Test
  void theContractsTypographicQuotesAreAcceptedToo() {
    StatementTemplate t = StatementTemplate.parse(
        "select 1 from [user] where Username = \u2018{USERNAME}\u2019", EventType.AGENT_LOGIN.variables());
    assertEquals("select 1 from [user] where Username = ?", t.sql());
  }

  @Test
  void barePlaceholdersKeepTheirPositionAndMayRepeat() {
    StatementTemplate t = StatementTemplate.parse(
        "INSERT INTO CallLog (Segment, TalkTime, AgentId, X) VALUES ({SEGMENT}, {TalkTime}, {AGENTID}, {segment})",
        EventType.CALL_END.variables());
    assertEquals("INSERT INTO CallLog (Segment, TalkTime, AgentId, X) VALUES (?, ?, ?, ?)", t.sql());
    assertEquals(List.of(Variable.Segment, Variable.TalkTime, Variable.AgentId, Variable.Segment), t.parameters());
  }

  @Test
  void nothingOfTheValueEverReachesTheSqlText() {
    StatementTemplate t = StatementTemplate.parse(
        "select 1 from [user] where Username = '{Username}'", EventType.AGENT_LOGIN.variables());
    assertTrue(t.sql().indexOf('{') < 0 && t.sql().indexOf('\'') < 0, t.sql());
  }

  @Test
  void literalsJdbcEscapesAndEscapedQuotesAreLeftAlone() {
    StatementTemplate t = StatementTemplate.parse(
        "select {fn now()}, 'it''s', '{not a placeholder}' from x where a = {AgentId}",
        EventType.AGENT_LOGOUT.variables());
    assertEquals("select {fn now()}, 'it''s', '{not a placeholder}' from x where a = ?", t.sql());
    assertEquals(List.of(Variable.AgentId), t.parameters());
  }

  @Test
  void anUnknownVariableIsRefusedWithItsName() {
    var e = assertThrows(StatementTemplate.TemplateException.class,
        () -> StatementTemplate.parse("select 1 where a = '{ShoeSize}'", EventType.AGENT_LOGIN.variables()));
    assertTrue(e.getMessage().contains("{ShoeSize}"), e.getMessage());
  }

  @Test
  void aVariableOfAnotherEventIsRefused() {
    var e = assertThrows(StatementTemplate.TemplateException.class,
        () -> StatementTemplate.parse("select 1 where a = {Dnis}", EventType.AGENT_LOGIN.variables()));
    assertTrue(e.getMessage().contains("not available"), e.getMessage());
  }

  @Test
  void bracesInsideALongerLiteralAreTextSuchAsAScreenPopUrlTemplate() {
    StatementTemplate t = StatementTemplate.parse(
        "select 'https://crm/pop?ani={Ani}&callid={CallId}' as Url where x = '{Dnis}'", EventType.CALL_START.variables());
    assertEquals("select 'https://crm/pop?ani={Ani}&callid={CallId}' as Url where x = ?", t.sql());
    assertEquals(List.of(Variable.Dnis), t.parameters());
  }
}
