package org.ccphone.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.ccphone.overload.QueueDelay;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CallAdmissionTest {
  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
  private final AtomicLong now = new AtomicLong(1_000 * MS);
  private final CallAdmission admission = new CallAdmission();

  @BeforeEach
  void configure() {
    admission.targetMillis = 20;
    admission.intervalMillis = 100;
    admission.clock = now::get;
    admission.start();
  }

  /** Two intervals in which every Call Start of the tenant waited {@code waitedMs} for a connection; one still waits. */
  private void connectionsTaken(String appId, long waitedMs) {
    QueueDelay connections = admission.callStartConnections(appId);
    for (int interval = 0; interval < 2; interval++) {
      for (int i = 0; i < 5; i++) {
        connections.entered();
        connections.left(waitedMs * MS);
      }
      now.addAndGet(110 * MS);
    }
    connections.entered();
  }

  @Test
  void aTenantWhoseConnectionsAreAllTakenHasOnlyItsOwnCallsRefused() {
    connectionsTaken("slow", 60);
    connectionsTaken("quick", 1);
    assertEquals(Optional.of(CallAdmission.Refusal.CALL_START_CONNECTIONS), admission.refusal("slow"));
    assertEquals(Optional.empty(), admission.refusal("quick"));
    assertEquals(Optional.empty(), admission.refusal("idle"));
    assertEquals(1, admission.refused(CallAdmission.Refusal.CALL_START_CONNECTIONS));
    assertTrue(admission.refusing());
  }

  @Test
  void aPoolWhoseConnectionsAreAllHeldRefusesOnceTheNextCallWouldWaitPastTheTarget() {
    QueueDelay connections = admission.callStartConnections("slow");
    for (int i = 0; i < 8; i++) { // 8 connections, each Call Start holds one for 50 ms
      connections.holding();
      connections.released(50 * MS);
      connections.holding();
    }
    connections.entered();
    connections.entered(); // two wait: the next would wait (2 + 1) * 50 / 8 = 18.75 ms
    assertEquals(Optional.empty(), admission.refusal("slow"));
    connections.entered(); // three wait: the next would wait 25 ms, past the 20 ms target
    assertEquals(Optional.of(CallAdmission.Refusal.CALL_START_CONNECTIONS), admission.refusal("slow"),
        "refused at once, without waiting for an interval to end");
    connections.left(10 * MS); // one got its connection
    assertEquals(Optional.empty(), admission.refusal("slow"));
  }

  @Test
  void aRoutingThreadThatFallsBehindRefusesEveryTenant() {
    QueueDelay routing = admission.routing();
    routing.entered();
    routing.entered();
    routing.left(45 * MS);
    now.addAndGet(110 * MS);
    assertEquals(Optional.empty(), admission.refusal("quick"), "one interval above the target is no standing queue yet");
    routing.entered();
    routing.left(45 * MS);
    now.addAndGet(110 * MS);
    assertEquals(Optional.of(CallAdmission.Refusal.ROUTING), admission.refusal("quick"));
    assertEquals(Optional.of(CallAdmission.Refusal.ROUTING), admission.refusal("slow"));
    routing.left(50 * MS); // drained
    now.addAndGet(110 * MS);
    assertEquals(Optional.empty(), admission.refusal("quick"));
  }

  @Test
  void callEndRowsThatStayQueuedRefuseNewCalls() {
    QueueDelay store = admission.callEndStore();
    store.entered(); // a row waits and none is written: the outbox is stalled
    now.addAndGet(110 * MS);
    assertEquals(Optional.of(CallAdmission.Refusal.CALL_END_STORE), admission.refusal("quick"));
  }
}
