package org.ccphone.call.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class AgentSegmentTest {
  private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

  private static Instant at(int seconds) {
    return T0.plusSeconds(seconds);
  }

  @Test
  void holdTimeCountsTheAgentTheCallerAndTheLostPhoneOnceWhereTheyOverlap() {
    AgentSegment segment = new AgentSegment(null, 1);
    segment.hold(Holder.AGENT, true, at(10));
    segment.hold(Holder.LOST_PHONE, true, at(12)); // the page reloaded while the agent held
    segment.hold(Holder.AGENT, false, at(13));
    assertTrue(segment.onHold(), "still on music while the phone is lost");
    segment.hold(Holder.LOST_PHONE, false, at(15));
    assertFalse(segment.onHold());
    segment.hold(Holder.CALLER, true, at(20));
    segment.hold(Holder.CALLER, false, at(22));
    assertEquals(7, segment.holdSeconds(at(30)), "10-15 and 20-22");
  }

  @Test
  void aLostPhoneStillGoingCountsUpToNow() {
    AgentSegment segment = new AgentSegment(null, 1);
    segment.hold(Holder.LOST_PHONE, true, at(5));
    assertEquals(4, segment.holdSeconds(at(9)));
    assertTrue(segment.phoneLost());
  }
}
