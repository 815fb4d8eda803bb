package org.ccphone.tenant.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.ccphone.tenant.EventType;
import org.junit.jupiter.api.Test;

/** Due messages are delivered together in runs of one tenant's event, in their order. */
class OutboxRunsTest {
  private static OutboxMessage message(String appId, EventType event) {
    return new OutboxMessage(appId, event, "{}", Instant.EPOCH);
  }

  @Test
  void consecutiveMessagesOfOneTenantAndEventMakeOneRun() {
    OutboxMessage a1 = message("a", EventType.CALL_END);
    OutboxMessage a2 = message("a", EventType.CALL_END);
    OutboxMessage a3 = message("a", EventType.AGENT_LOGOUT);
    OutboxMessage b1 = message("b", EventType.AGENT_LOGOUT);
    OutboxMessage a4 = message("a", EventType.AGENT_LOGOUT);
    OutboxMessage a5 = message("a", EventType.CALL_END);
    assertEquals(List.of(List.of(a1, a2), List.of(a3), List.of(b1), List.of(a4), List.of(a5)),
        Outbox.runs(List.of(a1, a2, a3, b1, a4, a5)));
  }

  @Test
  void noMessagesMakeNoRuns() {
    assertEquals(List.of(), Outbox.runs(List.of()));
  }
}
