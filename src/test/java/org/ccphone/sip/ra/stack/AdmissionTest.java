package org.ccphone.sip.ra.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AdmissionTest {
  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

  /** Runs one interval in which every new call waited {@code waitedMs} before it was handled. */
  private static void interval(Admission admission, long waitedMs) throws InterruptedException {
    for (int i = 0; i < 5; i++) {
      if (admission.admit()) {
        admission.started(waitedMs * MS);
      }
    }
    Thread.sleep(25); // the interval of these tests is 20 ms: let it end
  }

  @Test
  void callsAreTakenWhileTheyAreHandledWithinTheTarget() throws Exception {
    Admission admission = new Admission(20, 20, 1.0);
    for (int i = 0; i < 5; i++) {
      interval(admission, 2);
    }
    assertTrue(admission.admit());
    assertFalse(admission.state().refusing());
    assertEquals(0, admission.state().refused());
  }

  @Test
  void aStandingQueueRefusesNewCallsUntilItDrains() throws Exception {
    Admission admission = new Admission(20, 20, 1.0);
    interval(admission, 60); // even the shortest wait of the interval was above the target...
    assertTrue(admission.admit()); // ...but nothing waits now: this one is taken, and waits
    assertTrue(admission.admit());
    admission.started(60 * MS); // handled after 60 ms, while the other still waits: a standing queue
    Thread.sleep(25);
    assertFalse(admission.admit(), "the next new call is refused at once");
    assertTrue(admission.state().refusing());
    assertEquals(1, admission.state().refused());
    assertFalse(admission.admit(), "and the ones after it, for the interval");
    admission.started(80 * MS); // the queue drains
    Thread.sleep(25);
    assertTrue(admission.admit(), "nothing waits any more: new calls are taken again");
    assertFalse(admission.state().refusing());
  }

  @Test
  void anOldLongWaitAfterAQuietSpellRefusesNobody() throws Exception {
    Admission admission = new Admission(20, 20, 1.0);
    assertTrue(admission.admit());
    admission.started(500 * MS); // a first call on a cold server waited long
    Thread.sleep(60); // then nothing for a while
    assertTrue(admission.admit());
    assertFalse(admission.state().refusing());
  }

  @Test
  void callsThatWaitWithNothingHandledAtAllAreAStall() throws Exception {
    Admission admission = new Admission(20, 20, 1.0);
    assertTrue(admission.admit()); // taken, never started
    Thread.sleep(50);
    admission.admit(); // the interval ends here, with a call waiting and nothing started for 50 ms
    assertTrue(admission.state().refusing());
  }

  @Test
  void aHeapFullAfterCollectionRefusesCalls() {
    keep = new byte[8 << 20]; // something that survives the collection below, in the old generation
    System.gc();
    assertFalse(new Admission(20, 20, 0.0).admit(), "limit 0: whatever survived a collection is too much");
    assertTrue(new Admission(20, 20, 1.0).admit());
  }

  static byte[] keep;
}
