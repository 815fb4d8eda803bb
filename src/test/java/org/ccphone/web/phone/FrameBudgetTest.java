package org.ccphone.web.phone;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.ccphone.web.phone.FrameBudget.Verdict;
import org.junit.jupiter.api.Test;

class FrameBudgetTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void aBurstIsTakenThenThePhoneIsToldOnceThenClosed() {
    FrameBudget budget = new FrameBudget(20, 50, 100, 0);
    for (int i = 0; i < 50; i++) {
      assertEquals(Verdict.TAKE, budget.frame(0));
    }
    assertEquals(Verdict.REFUSE_AND_SAY, budget.frame(0));
    for (int i = 0; i < 99; i++) {
      assertEquals(Verdict.REFUSE, budget.frame(0));
    }
    assertEquals(Verdict.CLOSE, budget.frame(0));
  }

  @Test
  void aPhoneThatSlowsDownIsServedAgain() {
    FrameBudget budget = new FrameBudget(20, 50, 100, 0);
    for (int i = 0; i < 50; i++) {
      budget.frame(0);
    }
    assertEquals(Verdict.REFUSE_AND_SAY, budget.frame(0));
    assertEquals(Verdict.TAKE, budget.frame(SECOND / 20));
    assertEquals(Verdict.REFUSE_AND_SAY, budget.frame(SECOND / 20), "told again: a new run of refusals");
  }

  @Test
  void aSteadyPhoneIsNeverRefused() {
    FrameBudget budget = new FrameBudget(20, 50, 100, 0);
    for (int i = 0; i < 10_000; i++) {
      assertEquals(Verdict.TAKE, budget.frame(i * SECOND / 19));
    }
  }
}
