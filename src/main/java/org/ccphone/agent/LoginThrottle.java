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
 * Slows password guessing without letting a guesser lock an agent out. Three counts, each of the
 * failures within {@code lockSeconds} of the last one:
 * <ul>
 *   <li>per username and source address: after {@code maxFailures} that pair waits out the lock;
 *       the agent, from its own address, does not;</li>
 *   <li>per source address, across usernames and tenants: after {@code maxFailuresPerAddress} the address waits
 *       (one address guessing many usernames);</li>
 *   <li>per username, from every address: past {@code 2 x maxFailures} each further attempt must
 *       wait a delay that doubles with every failure, up to {@code maxDelaySeconds}: guessing from
 *       many addresses is slowed, and the agent waits seconds at most, never a lock.</li>
 * </ul>
 * An attempt counts as it is let in ({@link #admit}), so that parallel attempts cannot all pass
 * before the first has failed; a success takes it back.
 */
@ApplicationScoped
public class LoginThrottle {
  private static final int MAX_TRACKED = 100_000;

  @Inject
  @ConfigProperty(name = "callcenter.login.maxFailures", defaultValue = "5")
  int maxFailures;

  @Inject
  @ConfigProperty(name = "callcenter.login.maxFailuresPerAddress", defaultValue = "20")
  int maxFailuresPerAddress;

  @Inject
  @ConfigProperty(name = "callcenter.login.lockSeconds", defaultValue = "60")
  int lockSeconds;

  @Inject
  @ConfigProperty(name = "callcenter.login.maxDelaySeconds", defaultValue = "30")
  int maxDelaySeconds;

  private final ConcurrentMap<String, Failures> failures = new ConcurrentHashMap<>();

  private record Failures(int count, Instant last) {
    Failures plus(Instant now, int lockSeconds) {
      return last.isBefore(now.minusSeconds(lockSeconds)) ? new Failures(1, now) : new Failures(count + 1, now);
    }
  }

  /** Why an attempt must wait, and how long. */
  public record Wait(long seconds, String why) {}

  /**
   * Lets an attempt in, counting it as a failure of its username from its address until it
   * {@link #succeeded}, or says how long it must wait.
   */
  public synchronized java.util.Optional<Wait> admit(String appId, String username, String address, Instant now) {
    forgetOld(now);
    String pair = pair(appId, username, address);
    String from = address(address);
    long pairWait = locked(failures.get(pair), maxFailures, now);
    if (pairWait > 0) {
      return java.util.Optional.of(new Wait(pairWait, "too many failed logins for this username; try again later"));
    }
    long addressWait = locked(failures.get(from), maxFailuresPerAddress, now);
    if (addressWait > 0) {
      return java.util.Optional.of(new Wait(addressWait, "too many failed logins from this address; try again later"));
    }
    long spacing = spacing(failures.get(user(appId, username)), now);
    if (spacing > 0) {
      return java.util.Optional.of(new Wait(spacing, "this username is being guessed; try again in a few seconds"));
    }
    failures.merge(pair, new Failures(1, now), (old, one) -> old.plus(now, lockSeconds));
    failures.merge(from, new Failures(1, now), (old, one) -> old.plus(now, lockSeconds));
    return java.util.Optional.empty();
  }

  /** The attempt let in was a wrong password: it also counts toward its username's delay. */
  public synchronized void failed(String appId, String username, Instant now) {
    failures.merge(user(appId, username), new Failures(1, now), (old, one) -> old.plus(now, lockSeconds));
  }

  /** The attempt let in logged the agent in: its pair starts over, and it was no failure of its address. */
  public synchronized void succeeded(String appId, String username, String address) {
    failures.remove(pair(appId, username, address));
    failures.remove(user(appId, username));
    failures.computeIfPresent(address(address), (k, f) -> f.count() <= 1 ? null : new Failures(f.count() - 1, f.last()));
  }

  /** The attempt let in could not be judged (the database was down): it was no failure. */
  public synchronized void undecided(String appId, String username, String address) {
    failures.computeIfPresent(pair(appId, username, address), (k, f) -> f.count() <= 1 ? null : new Failures(f.count() - 1, f.last()));
    failures.computeIfPresent(address(address), (k, f) -> f.count() <= 1 ? null : new Failures(f.count() - 1, f.last()));
  }

  private long locked(Failures f, int max, Instant now) {
    if (f == null || f.count() < max) {
      return 0;
    }
    long left = Duration.between(now, f.last().plusSeconds(lockSeconds)).toSeconds();
    return left < 0 ? 0 : left + 1;
  }

  private long spacing(Failures f, Instant now) {
    int free = 2 * maxFailures;
    if (f == null || f.count() < free || f.last().isBefore(now.minusSeconds(lockSeconds))) {
      return 0;
    }
    long delay = Math.min(maxDelaySeconds, 1L << Math.min(20, f.count() - free));
    long left = Duration.between(now, f.last().plusSeconds(delay)).toMillis();
    return left <= 0 ? 0 : (left + 999) / 1000;
  }

  private void forgetOld(Instant now) {
    if (failures.size() > MAX_TRACKED) {
      Instant horizon = now.minusSeconds(lockSeconds);
      failures.values().removeIf(f -> f.last().isBefore(horizon));
    }
  }

  private static String pair(String appId, String username, String address) {
    return "p\u0000" + appId + '\u0000' + username.toLowerCase(Locale.ROOT) + '\u0000' + address;
  }

  /** Across tenants: one address guessing is one guesser, whichever call center it tries. */
  private static String address(String address) {
    return "a\u0000" + address;
  }

  private static String user(String appId, String username) {
    return "u\u0000" + appId + '\u0000' + username.toLowerCase(Locale.ROOT);
  }
}
