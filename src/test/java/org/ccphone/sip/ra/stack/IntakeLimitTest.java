package org.ccphone.sip.ra.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class IntakeLimitTest {
  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
  private final AtomicLong now = new AtomicLong(1_000 * MS);
  /** Aims at intakes of 200 ms. */
  private final IntakeLimit limit = new IntakeLimit(200, now::get);

  private void pass(long millis) {
    now.addAndGet(millis * MS);
  }

  /** Takes as many calls as the limit lets in (at most {@code asked}), each completing {@code millis} later; returns how many. */
  private int round(int asked, long millis) {
    int taken = 0;
    while (taken < asked && limit.tryEnter()) {
      taken++;
    }
    pass(millis);
    for (int i = 0; i < taken; i++) {
      limit.completed(millis * MS);
    }
    return taken;
  }

  /** Twenty rounds of intakes of 2 ms: warm code. */
  private void warmUp() {
    for (int i = 0; i < 20; i++) {
      round(1000, 2);
      pass(50);
    }
  }

  @Test
  void beforeAnythingCompletedAFewCallsAreTakenAtOnce() {
    for (int i = 0; i < IntakeLimit.FIRST_CALLS; i++) {
      assertTrue(limit.tryEnter());
    }
    assertFalse(limit.tryEnter(), "nothing is known of this server's speed yet");
    assertEquals(IntakeLimit.FIRST_CALLS, limit.inFlight());
  }

  @Test
  void coldCodeKeepsTheLimitLowAndWarmCodeRaisesIt() {
    // A server just started: its first calls' intakes take 400 ms each (class loading, interpreted code).
    round(100, 400);
    pass(50);
    int cold = limit.limit();
    assertTrue(cold < IntakeLimit.FIRST_CALLS && cold <= 8,
        "16 calls in 400 ms is 40 a second: 8 complete within 200 ms, not more; was " + cold);
    // The code warms: each intake takes 2 ms now.
    warmUp();
    assertTrue(limit.limit() > 100, "intakes of 2 ms: far more than 100 complete within 200 ms; was " + limit.limit());
  }

  @Test
  void intakesSlowerThanTheAimLowerTheLimitUntilTheyKeepIt() {
    warmUp();
    int warm = limit.limit();
    // The customer's database slows down: with as many in flight, each intake takes 1 s.
    round(1000, 1000);
    pass(50);
    assertTrue(limit.limit() < warm / 2, "from " + warm + " to " + limit.limit());
  }

  @Test
  void callsThatNeverCompleteHoldTheLimitSoEveryNewOneIsRefused() {
    warmUp();
    int taken = 0;
    while (limit.tryEnter()) { // a database that hangs: these never complete
      taken++;
    }
    pass(10_000);
    assertFalse(limit.tryEnter(), "10 s later, still refused: the hung calls hold the limit");
    assertEquals(taken, limit.inFlight());
  }

  @Test
  void aQuietServerKeepsWhatItLastShowedItCanDo() {
    warmUp();
    int warm = limit.limit();
    pass(600_000); // ten quiet minutes
    assertTrue(limit.tryEnter());
    assertEquals(warm, limit.limit());
  }
}
