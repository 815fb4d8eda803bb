package org.ccphone.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class DayFiguresTest {
  @Test
  void serviceLevelAndSpeedOfAnswerComeFromTheCallsWhoseOutcomeIsKnown() {
    DayFigures day = DayFigures.NONE;
    assertNull(day.serviceLevel(false), "no call yet: no service level, not 0 %");
    assertNull(day.averageSpeedOfAnswer());
    for (int i = 0; i < 4; i++) {
      day = day.plus(DayFigures.offer());
    }
    day = day.plus(DayFigures.answer(4_000, true)).plus(DayFigures.answer(26_000, false))
        .plus(DayFigures.abandon()); // one offered call still waits: no outcome yet
    assertEquals(new DayFigures(4, 2, 1, 0, 1, 30_000), day);
    assertEquals(1.0 / 3, day.serviceLevel(false), 1e-9, "answered in time / (answered + abandoned + overflowed)");
    assertEquals(0.5, day.serviceLevel(true), 1e-9, "an agent's: its answers in time / its answers");
    assertEquals(15.0, day.averageSpeedOfAnswer(), 1e-9);
    assertEquals(0.333, day.json(false).build().getJsonNumber("serviceLevel").doubleValue(), 1e-9);
  }

  @Test
  void aQueueIsTheSetOfSkillsACallAsksFor() {
    assertEquals("sales+support", DailyFigures.queueOf(List.of("support", "sales", "support")));
    assertEquals(DailyFigures.GENERAL, DailyFigures.queueOf(List.of()));
  }
}
