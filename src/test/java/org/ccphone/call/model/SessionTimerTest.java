package org.ccphone.call.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SessionTimerTest {

  @Test
  void aCallerWithoutTimerSupportGetsNone() {
    assertEquals(Optional.empty(), SessionTimer.negotiate(null, null, "1800", 1800));
    assertEquals(Optional.empty(), SessionTimer.negotiate("100rel, replaces", null, null, 1800));
  }

  @Test
  void theIntervalIsTheShorterOfTheCallersAndOursAndTheCallerRefreshesUnlessItAsksUs() {
    SessionTimer asked = SessionTimer.negotiate("timer", null, "120;refresher=uac", 1800).orElseThrow();
    assertEquals(new SessionTimer(120, true), asked);
    assertEquals("120;refresher=uac", asked.answerHeaders().get("Session-Expires"));
    assertEquals("timer", asked.answerHeaders().get("Require"));
    assertEquals(Duration.ofSeconds(88), asked.checkAfter(), "120 - min(32, 40)");

    assertEquals(new SessionTimer(1800, true), SessionTimer.negotiate("replaces, Timer", null, null, 1800).orElseThrow());
    SessionTimer weRefresh = SessionTimer.negotiate(null, "timer", "3600 ; refresher=uas", 1800).orElseThrow();
    assertEquals(new SessionTimer(1800, false), weRefresh);
    assertEquals(Duration.ofSeconds(900), weRefresh.checkAfter());
  }

  @Test
  void anIntervalBelowMinSeIsTooBrief() {
    assertTrue(SessionTimer.tooBrief("60;refresher=uac"));
    assertFalse(SessionTimer.tooBrief("90"));
    assertFalse(SessionTimer.tooBrief(null));
    assertEquals(90, SessionTimer.negotiate("timer", null, "garbage", 60).orElseThrow().seconds());
  }
}
