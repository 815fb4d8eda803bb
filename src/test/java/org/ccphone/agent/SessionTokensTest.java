package org.ccphone.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SessionTokensTest {
  @Test
  void aTokenIsAVersion7GuidOfTheLoginsMillisecond() {
    Instant login = Instant.parse("2026-11-27T15:30:04.123Z");
    UUID token = UUID.fromString(SessionTokens.next(login));
    assertEquals(7, token.version());
    assertEquals(2, token.variant());
    assertEquals(login.toEpochMilli(), token.getMostSignificantBits() >>> 16, "unix_ts_ms");
  }

  @Test
  void tokensOfOneMillisecondDifferInTheir74RandomBits() {
    SecureRandom random = new SecureRandom();
    Set<Long> randA = new HashSet<>();
    Set<Long> randB = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      UUID token = SessionTokens.at(1_764_257_404_123L, random);
      randA.add(token.getMostSignificantBits() & 0x0FFF);
      randB.add(token.getLeastSignificantBits() & 0x3FFF_FFFF_FFFF_FFFFL);
    }
    assertEquals(10_000, randB.size(), "62 random bits: no repeat in 10,000");
    assertTrue(randA.size() > 3_000, "12 random bits take most of their 4,096 values: " + randA.size());
  }

  @Test
  void laterLoginsSortAfter() {
    Instant login = Instant.parse("2026-11-27T15:30:04Z");
    String earlier = SessionTokens.next(login);
    String later = SessionTokens.next(login.plusMillis(1));
    assertTrue(earlier.compareTo(later) < 0, earlier + " then " + later);
  }
}
