package org.ccphone.call.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.ccphone.tenant.Variable;
import org.junit.jupiter.api.Test;

class CallEndRowTest {
  private final CallData call = new CallData("8005551000", "5550001", null, null, null, "c-1", null, List.of(), false, null);
  private final Instant start = Instant.parse("2026-11-25T10:00:00Z");

  @Test
  void anAnsweredSegmentCountsTalkFromConnectToEndLessHold() {
    Map<Variable, Object> row = CallEndRow.of(call, CallData.INBOUND, 1, start, start.plusMillis(12_400), start.plusMillis(75_600), 1001, 3);
    assertEquals(1, row.get(Variable.Segment));
    assertEquals(60, row.get(Variable.TalkTime), "63 s connected (rounded) less 3 s on hold");
    assertEquals(3, row.get(Variable.HoldTime));
    assertEquals(76, row.get(Variable.TrueDuration));
    assertEquals(1001, row.get(Variable.AgentId));
    assertEquals(1, row.get(Variable.CallType));
    assertEquals(Variable.customerTime(start.plusMillis(12_400)), row.get(Variable.ConnectDateTime));
    assertEquals("c-1", row.get(Variable.CallId));
    assertEquals("5550001", row.get(Variable.Ani));
    assertEquals("8005551000", row.get(Variable.Dnis));
  }

  @Test
  void aCallNoAgentTookHasAgentIdZeroNoTalkAndNoConnectTime() {
    Map<Variable, Object> row = CallEndRow.of(call, CallData.INBOUND, 1, start, null, start.plusSeconds(42), 0, 0);
    assertEquals(0, row.get(Variable.AgentId));
    assertEquals(0, row.get(Variable.TalkTime));
    assertNull(row.get(Variable.ConnectDateTime));
    assertEquals(42, row.get(Variable.TrueDuration));
  }
}
