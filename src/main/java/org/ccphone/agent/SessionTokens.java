package org.ccphone.agent;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;

/**
 * Session tokens: version 7 GUIDs (RFC 9562), the login's millisecond then 74 bits from
 * {@link SecureRandom}, above the 64 bits OWASP asks of a session id.
 *
 * <p>Time-ordered rather than wholly random (version 4) because each login writes its session's
 * row, keyed by the token, before it is answered: random keys dirtied a different index page per
 * login, and committing those pages was most of a login's cost in the server's own database; keys
 * that grow append to one (docs/performance.md, decision 46).
 */
final class SessionTokens {
  private static final SecureRandom RANDOM = new SecureRandom();

  private SessionTokens() {}

  static String next(Instant loginAt) {
    return at(loginAt.toEpochMilli(), RANDOM).toString();
  }

  static UUID at(long epochMillis, SecureRandom random) {
    long randA = random.nextInt() & 0x0FFFL; // 12 bits
    long randB = random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL; // 62 bits
    long most = (epochMillis & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000L | randA; // unix_ts_ms, version 7, rand_a
    long least = 0x8000_0000_0000_0000L | randB; // variant 10, rand_b
    return new UUID(most, least);
  }
}
