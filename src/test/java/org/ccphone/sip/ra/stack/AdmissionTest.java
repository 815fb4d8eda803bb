package org.ccphone.sip.ra.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    return new Admission(20, 20, heapLimit, now::get, kernelQueue::get);
  }

  private void pass(long millis) {
    now.addAndGet(millis * MS);
  }

  /** Runs one interval (20 ms here) in which every new call waited {@code waitedMs} before it was handled. */
  private void interval(Admission admission, long waitedMs) {
    for (int i = 0; i < 5; i++) {
      if (admission.admit()) {
        admission.started(waitedMs * MS);
      }
    }
    pass(25);
  }

  @Test
  void callsAreTakenWhileTheyAreHandledWithinTheTarget() {
    Admission admission = admission(1.0);
    for (int i = 0; i < 5; i++) {
      interval(admission, 2);
    }
    assertTrue(admission.admit());
    assertFalse(admission.state().refusing());
    assertEquals(0, admission.state().refused());
  }

  @Test
  void aStandingQueueRefusesNewCallsUntilItDrains() {
    Admission admission = admission(1.0);
    interval(admission, 60); // even the shortest wait of the interval was above the target...
    assertTrue(admission.admit()); // ...but nothing waits now: this one is taken, and waits
    assertTrue(admission.admit());
    admission.started(60 * MS); // handled after 60 ms, while the other still waits: a standing queue
    pass(25);
    assertFalse(admission.admit(), "the next new call is refused at once");
    assertTrue(admission.state().refusing());
    assertEquals(1, admission.state().refused());
    assertFalse(admission.admit(), "and the ones after it, for the interval");
    admission.started(80 * MS); // the queue drains
    pass(25);
    assertTrue(admission.admit(), "nothing waits any more: new calls are taken again");
    assertFalse(admission.state().refusing());
  }

  @Test
  void oneIntervalOfSlowCallsOnAServerJustStartedRefusesNobody() {
    Admission admission = admission(1.0);
    assertTrue(admission.admit());
    assertTrue(admission.admit());
    admission.started(30 * MS); // a cold server's first calls wait a little over the target...
    pass(25);
    assertTrue(admission.admit(), "...for one interval only, while one still waits: taken");
    admission.started(2 * MS);
    admission.started(2 * MS);
    pass(25);
    assertTrue(admission.admit());
    assertFalse(admission.state().refusing());
  }

  @Test
  void anOldLongWaitAfterAQuietSpellRefusesNobody() {
    Admission admission = admission(1.0);
    assertTrue(admission.admit());
    admission.started(500 * MS); // a first call on a cold server waited long
    pass(60); // then nothing for a while
    assertTrue(admission.admit());
    assertFalse(admission.state().refusing());
  }

  @Test
  void callsThatWaitWithNothingHandledAtAllAreAStall() {
    Admission admission = admission(1.0);
    assertTrue(admission.admit()); // taken, never started
    pass(50);
    assertTrue(admission.state().refusing(), "a call waits and nothing was handled for 50 ms");
    assertFalse(admission.admit());
  }

  @Test
  void aKernelReceiveQueueThatNeverEmptiesForAnIntervalRefusesNewCalls() {
    Admission admission = admission(1.0);
    kernelQueue.set(4096); // datagrams wait unread at every sample of the interval
    for (int i = 0; i < 6; i++) {
      pass(5);
      admission.admit();
      admission.started(1 * MS);
    }
    pass(5);
    assertFalse(admission.admit(), "the stack is behind reading: new calls are refused");
    kernelQueue.set(0); // it caught up once
    for (int i = 0; i < 6; i++) {
      pass(5);
      admission.admit();
      admission.started(1 * MS);
    }
    pass(5);
    assertTrue(admission.admit());
  }

  @Test
  void aHeapFullAfterCollectionRefusesCalls() {
    keep = new byte[8 << 20]; // something that survives the collection below, in the old generation
    System.gc();
    assertFalse(admission(0.0).admit(), "limit 0: whatever survived a collection is too much");
    assertTrue(admission(1.0).admit());
  }

  static byte[] keep;
}
