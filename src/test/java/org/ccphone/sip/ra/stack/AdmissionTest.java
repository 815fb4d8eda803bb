package org.ccphone.sip.ra.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AdmissionTest {
  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

  /** The test's clock: time moves when the test says so. */
  private final AtomicLong now = new AtomicLong(1_000 * MS);
  /** Bytes in the SIP port's kernel receive queue, as the test sets them. */
  private final AtomicLong kernelQueue = new AtomicLong();

  private Admission admission(double heapLimit) {
    return new Admission(20, 20, heapLimit, 200, now::get, kernelQueue::get);
  }

  private void pass(long millis) {
    now.addAndGet(millis * MS);
  }

  /** A call taken that waited {@code waitedMs} before it was handled, and was placed then. */
  private static void handled(Admission.Intake intake) {
    intake.started();
    intake.over();
  }

  /** Runs one interval (20 ms here) in which every new call waited {@code waitedMs} before it was handled. */
  private void interval(Admission admission, long waitedMs) {
    java.util.List<Admission.Intake> taken = new java.util.ArrayList<>();
    for (int i = 0; i < IntakeLimit.FIRST_CALLS; i++) {
      Admission.Intake intake = admission.admit();
      if (intake != null) {
        taken.add(intake);
      }
    }
    pass(waitedMs);
    taken.forEach(AdmissionTest::handled);
    pass(Math.max(0, 25 - waitedMs));
  }

  @Test
  void callsAreTakenWhileTheyAreHandledWithinTheTarget() {
    Admission admission = admission(1.0);
    for (int i = 0; i < 5; i++) {
      interval(admission, 2);
    }
    assertNotNull(admission.admit());
    assertFalse(admission.state().refusing());
    assertEquals(0, admission.state().refused());
  }

  @Test
  void aStandingQueueRefusesNewCallsUntilItDrains() {
    Admission admission = admission(1.0);
    interval(admission, 60); // even the shortest wait of the interval was above the target...
    Admission.Intake first = admission.admit(); // ...but nothing waits now: these are taken, and wait
    Admission.Intake second = admission.admit();
    assertNotNull(first);
    assertNotNull(second);
    pass(60);
    handled(first); // handled after 60 ms, while the other still waits: a standing queue
    pass(25);
    assertNull(admission.admit(), "the next new call is refused at once");
    assertTrue(admission.state().refusing());
    assertEquals(1, admission.state().refused());
    assertNull(admission.admit(), "and the ones after it, for the interval");
    handled(second); // the queue drains
    pass(25);
    assertNotNull(admission.admit(), "nothing waits any more: new calls are taken again");
    assertFalse(admission.state().refusing());
  }

  @Test
  void oneIntervalOfSlowCallsOnAServerJustStartedRefusesNobody() {
    Admission admission = admission(1.0);
    Admission.Intake first = admission.admit();
    Admission.Intake second = admission.admit();
    pass(30);
    handled(first); // a cold server's first calls wait a little over the target...
    Admission.Intake third = admission.admit();
    assertNotNull(third, "...for one interval only, while one still waits: taken");
    pass(2);
    handled(second);
    handled(third);
    pass(25);
    assertNotNull(admission.admit());
    assertFalse(admission.state().refusing());
  }

  @Test
  void anOldLongWaitAfterAQuietSpellRefusesNobody() {
    Admission admission = admission(1.0);
    Admission.Intake first = admission.admit();
    pass(500);
    handled(first); // a first call on a cold server waited long
    pass(60); // then nothing for a while
    assertNotNull(admission.admit());
    assertFalse(admission.state().refusing());
  }

  @Test
  void callsThatWaitWithNothingHandledAtAllAreAStall() {
    Admission admission = admission(1.0);
    assertNotNull(admission.admit()); // taken, never started
    pass(50);
    assertTrue(admission.state().refusing(), "a call waits and nothing was handled for 50 ms");
    assertNull(admission.admit());
  }

  @Test
  void aServerJustStartedTakesAFewCallsAtOnceAndRefusesTheRestAtOnce() {
    Admission admission = admission(1.0);
    java.util.List<Admission.Intake> taken = new java.util.ArrayList<>();
    for (int i = 0; i < 100; i++) { // a flood as the server opens: nothing is known of its speed yet
      Admission.Intake intake = admission.admit();
      if (intake != null) {
        taken.add(intake);
      }
    }
    assertEquals(IntakeLimit.FIRST_CALLS, taken.size());
    assertEquals(100 - IntakeLimit.FIRST_CALLS, admission.state().refused(), "the rest refused, not queued");
    taken.forEach(Admission.Intake::started);
    pass(5);
    taken.forEach(Admission.Intake::over);
    pass(50);
    assertTrue(admission.state().intakeLimit() > IntakeLimit.FIRST_CALLS,
        "intakes of 5 ms: the server keeps more than it took at first within 200 ms");
  }

  @Test
  void aKernelReceiveQueueThatNeverEmptiesForAnIntervalRefusesNewCalls() {
    Admission admission = admission(1.0);
    kernelQueue.set(4096); // datagrams wait unread at every sample of the interval
    for (int i = 0; i < 6; i++) {
      pass(5);
      Admission.Intake intake = admission.admit();
      if (intake != null) {
        handled(intake);
      }
    }
    pass(5);
    assertNull(admission.admit(), "the stack is behind reading: new calls are refused");
    kernelQueue.set(0); // it caught up once
    for (int i = 0; i < 6; i++) {
      pass(5);
      Admission.Intake intake = admission.admit();
      if (intake != null) {
        handled(intake);
      }
    }
    pass(5);
    assertNotNull(admission.admit());
  }

  @Test
  void aHeapFullAfterCollectionRefusesCalls() {
    keep = new byte[8 << 20]; // something that survives the collection below, in the old generation
    System.gc();
    assertNull(admission(0.0).admit(), "limit 0: whatever survived a collection is too much");
    assertNotNull(admission(1.0).admit());
  }

  static byte[] keep;
}
