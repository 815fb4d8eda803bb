package org.ccphone.agent;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Slows password guessing: after {@code maxFailures} failed logins in a row for one username of one
 * tenant, further attempts are refused until {@code lockSeconds} have passed since the last failure.
 */
@ApplicationScoped
public class LoginThrottle {
  private static final int MAX_TRACKED = 100_000;

  @Inject
  @ConfigProperty(name = "callcenter.login.maxFailures", defaultValue = "5")
  int maxFailures;

  @Inject
  @ConfigProperty(name = "callcenter.login.lockSeconds", defaultValue = "60")
  int lockSeconds;

  private final ConcurrentMap<String, Failures> failures = new ConcurrentHashMap<>();

  private record Failures(int count, Instant last) {}

  /** Seconds until the username may try again, or 0 when it may try now. */
  public long retryAfterSeconds(String appId, String username, Instant now) {
    Failures f = failures.get(key(appId, username));
    if (f == null || f.count < maxFailures) {
      return 0;
    }
    long left = Duration.between(now, f.last.plusSeconds(lockSeconds)).toSeconds();
    return Math.max(0, left + 1);
  }

  public void failed(String appId, String username, Instant now) {
    if (failures.size() > MAX_TRACKED) {
      Instant horizon = now.minusSeconds(lockSeconds);
      failures.values().removeIf(f -> f.last.isBefore(horizon));
    }
    failures.merge(key(appId, username), new Failures(1, now),
        (old, one) -> old.last.isBefore(now.minusSeconds(lockSeconds)) ? one : new Failures(old.count + 1, now));
  }

  public void succeeded(String appId, String username) {
    failures.remove(key(appId, username));
  }

  private static String key(String appId, String username) {
    return appId + '\u0000' + username.toLowerCase(Locale.ROOT);
  }
}
