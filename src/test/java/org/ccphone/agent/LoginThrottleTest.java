package org.ccphone.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
  private final Instant now = Instant.parse("2026-05-04T08:00:00Z");

  private LoginThrottle throttle() {
    LoginThrottle t = new LoginThrottle();
    t.maxFailures = 3;
    t.maxFailuresPerAddress = 10;
    t.lockSeconds = 60;
    t.maxDelaySeconds = 30;
    return t;
  }

  /** A wrong password: let in, then failed. */
  private static void wrong(LoginThrottle t, String user, String address, Instant at) {
    assertEquals(Optional.empty(), t.admit("a", user, address, at), user + " from " + address);
    t.failed("a", user, at);
  }

  @Test
  void aGuesserLocksOnlyItsOwnAddressOutOfTheUsername() {
    LoginThrottle t = throttle();
    for (int i = 0; i < 3; i++) {
      wrong(t, "joe", "192.0.2.66", now);
    }
    assertTrue(t.admit("a", "JOE", "192.0.2.66", now.plusSeconds(10)).isPresent(), "the guesser waits");
    assertEquals(Optional.empty(), t.admit("a", "joe", "192.0.2.7", now.plusSeconds(10)), "joe, from his own desk, does not");
    assertEquals(Optional.empty(), t.admit("a", "joe", "192.0.2.66", now.plusSeconds(61)), "the lock ends");
  }

  @Test
  void parallelAttemptsCountAsTheyAreLetIn() {
    LoginThrottle t = throttle();
    int letIn = 0;
    for (int i = 0; i < 50; i++) {
      letIn += t.admit("a", "joe", "192.0.2.66", now).isEmpty() ? 1 : 0; // none has failed yet
    }
    assertEquals(3, letIn);
  }

  @Test
  void oneAddressGuessingManyUsernamesIsRefusedWhileOthersAreNot() {
    LoginThrottle t = throttle();
    for (int i = 0; i < 10; i++) {
      wrong(t, "user" + i, "192.0.2.66", now);
    }
    LoginThrottle.Wait wait = t.admit("a", "ann", "192.0.2.66", now.plusSeconds(1)).orElseThrow();
    assertTrue(wait.why().contains("address") && wait.seconds() > 0, wait.toString());
    assertEquals(Optional.empty(), t.admit("a", "ann", "192.0.2.7", now.plusSeconds(1)));
  }

  @Test
  void guessingFromManyAddressesSpacesTheAttemptsWithoutALock() {
    LoginThrottle t = throttle();
    for (int i = 0; i < 6; i++) { // 2 x maxFailures from addresses that each stay under their own lock
      wrong(t, "joe", "192.0.2." + (100 + i), now);
    }
    Optional<LoginThrottle.Wait> early = t.admit("a", "joe", "192.0.2.7", now);
    assertTrue(early.isPresent() && early.get().seconds() == 1, "a delay of a second: " + early);
    wrong(t, "joe", "192.0.2.106", now.plusSeconds(1));
    assertEquals(2, t.admit("a", "joe", "192.0.2.7", now.plusSeconds(1)).orElseThrow().seconds(), "doubled");
    assertEquals(Optional.empty(), t.admit("a", "joe", "192.0.2.7", now.plusSeconds(3)), "then joe gets in");
  }

  @Test
  void aSuccessClearsTheCountsAndIsNoFailureOfItsAddress() {
    LoginThrottle t = throttle();
    wrong(t, "joe", "192.0.2.7", now);
    wrong(t, "joe", "192.0.2.7", now);
    assertEquals(Optional.empty(), t.admit("a", "joe", "192.0.2.7", now));
    t.succeeded("a", "joe", "192.0.2.7");
    wrong(t, "joe", "192.0.2.7", now);
    wrong(t, "joe", "192.0.2.7", now);
    assertEquals(Optional.empty(), t.admit("a", "joe", "192.0.2.7", now));
  }
}
