package org.ccphone.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TimeLedgerTest {
  private static final Instant LOGIN = Instant.parse("2026-05-04T08:00:00.700Z");

  @Test
  void aNewSessionIsAllBusyTime() {
    TimeLedger ledger = new TimeLedger(LOGIN, TimeBucket.BUSY);
    Map<TimeBucket, Integer> s = ledger.seconds(LOGIN.plusSeconds(90));
    assertEquals(90, s.get(TimeBucket.BUSY));
    assertEquals(0, s.get(TimeBucket.READY) + s.get(TimeBucket.AWAY) + s.get(TimeBucket.ON_PHONE));
  }

  @Test
  void bucketsAddUpToTheSessionLengthAsWrittenToTheSecond() {
    TimeLedger ledger = new TimeLedger(LOGIN, TimeBucket.BUSY);
    ledger.enter(TimeBucket.READY, LOGIN.plusMillis(400));
    ledger.enter(TimeBucket.AWAY, LOGIN.plusMillis(3_900));
    ledger.enter(TimeBucket.ON_PHONE, LOGIN.plusMillis(5_650));
    Instant logout = LOGIN.plusMillis(9_450);
    Map<TimeBucket, Integer> s = ledger.seconds(logout);
    long written = logout.getEpochSecond() - LOGIN.getEpochSecond(); // 08:00:00 -> 08:00:10
    assertEquals(written, s.values().stream().mapToInt(Integer::intValue).sum());
    // 0.4 busy, 3.5 ready, 1.75 away, 3.8 on the phone: 9.45 s measured, 10 s written; the three
    // seconds lost to flooring go to the largest remainders (on the phone, away, ready).
    assertEquals(Map.of(TimeBucket.BUSY, 0, TimeBucket.READY, 4, TimeBucket.AWAY, 2, TimeBucket.ON_PHONE, 4), s);
  }

  @Test
  void aSessionShorterThanASecondCountsNothing() {
    TimeLedger ledger = new TimeLedger(LOGIN, TimeBucket.BUSY);
    Map<TimeBucket, Integer> s = ledger.seconds(LOGIN.plusMillis(200));
    assertEquals(0, s.values().stream().mapToInt(Integer::intValue).sum());
  }

  @Test
  void aRestoredSnapshotCountsOnFromWhereItWas() {
    TimeLedger ledger = new TimeLedger(LOGIN, TimeBucket.BUSY);
    ledger.enter(TimeBucket.READY, LOGIN.plusSeconds(2));
    TimeLedger restored = TimeLedger.restore(LOGIN, ledger.snapshot());
    assertEquals(ledger.seconds(LOGIN.plusSeconds(9)), restored.seconds(LOGIN.plusSeconds(9)));
    assertEquals(7, restored.seconds(LOGIN.plusSeconds(9)).get(TimeBucket.READY));
  }
}
