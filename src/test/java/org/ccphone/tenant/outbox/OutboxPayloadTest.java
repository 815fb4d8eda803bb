package org.ccphone.tenant.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDateTime;
import java.util.EnumMap;
import java.util.Map;
import org.ccphone.tenant.Variable;
import org.junit.jupiter.api.Test;

class OutboxPayloadTest {
  @Test
  void valuesSurviveTheRoundTripWithTheirTypes() {
    Map<Variable, Object> values = new EnumMap<>(Variable.class);
    values.put(Variable.LoginDateTime, LocalDateTime.of(2026, 1, 2, 3, 4, 5));
    values.put(Variable.AgentId, 1001);
    values.put(Variable.CallId, "abc-'\"");
    values.put(Variable.Ani, null);
    assertEquals(values, OutboxPayload.read(OutboxPayload.write(values)));
  }
}
