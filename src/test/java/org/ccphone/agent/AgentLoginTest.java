package org.ccphone.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.ccphone.tenant.Row;
import org.junit.jupiter.api.Test;

class AgentLoginTest {

  @Test
  void theProfileComesFromColumnsInAnyCase() {
    Row row = new Row().put("agentid", 12).put("CALLERID", "555").put("CallerIdName", "Joe")
        .put("agentskills", " sales, support ,,sales").put("PhoneExtension", "12").put("userlevel", 2);
    AgentProfile p = AgentLogin.profile("acme", "joe", row);
    assertEquals(new AgentProfile(12, "joe", "555", "Joe", List.of("sales", "support"), "12", 2), p);
  }

  @Test
  void aCallerIdNameOverFifteenCharactersIsCut() {
    Row row = new Row().put("AgentId", "3").put("CallerIDName", "A Rather Long Caller Name");
    assertEquals("A Rather Long C", AgentLogin.profile("acme", "x", row).callerIdName());
  }

  @Test
  void aRowWithoutAgentIdIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> AgentLogin.profile("acme", "x", new Row().put("CallerId", "1")));
  }
}
