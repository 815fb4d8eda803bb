package org.ccphone.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
  private final Instant now = Instant.parse("2026-05-04T08:00:00Z");

  private LoginThrottle throttle() {
    LoginThrottle t = new LoginThrottle();
    t.maxFailures = 3;
    t.lockSeconds = 60;
    return t;
  }

  @Test
  void locksAfterRepeatedFailuresForThatUsernameOnly() {
    LoginThrottle t = throttle();
    for (int i = 0; i < 3; i++) {
      assertEquals(0, t.retryAfterSeconds("a", "Joe", now));
      t.failed("a", "joe", now);
    }
    assertTrue(t.retryAfterSeconds("a", "JOE", now.plusSeconds(10)) > 0);
    assertEquals(0, t.retryAfterSeconds("a", "ann", now));
    assertEquals(0, t.retryAfterSeconds("b", "joe", now));
    assertEquals(0, t.retryAfterSeconds("a", "joe", now.plusSeconds(61)));
  }

  @Test
  void aSuccessClearsTheCount() {
    LoginThrottle t = throttle();
    t.failed("a", "joe", now);
    t.failed("a", "joe", now);
    t.succeeded("a", "joe");
    t.failed("a", "joe", now);
    assertEquals(0, t.retryAfterSeconds("a", "joe", now));
  }
}
