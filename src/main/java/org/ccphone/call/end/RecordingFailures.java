package org.ccphone.call.end;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Recordings that failed (an unwritable folder, the media server, the conversion), per tenant: a
 * failed recording never ends its call, but the tenant's health and the metrics show it.
 */
@ApplicationScoped
public class RecordingFailures {
  /** The count of a tenant's failed recordings and the last reason. */
  public record Failures(long count, String lastReason, Instant lastAt) {}

  private final Map<String, Failures> byTenant = new ConcurrentHashMap<>();
  private final AtomicLong total = new AtomicLong();

  public void failed(String appId, String reason) {
    total.incrementAndGet();
    byTenant.merge(appId, new Failures(1, reason, Instant.now()),
        (before, now) -> new Failures(before.count() + 1, now.lastReason(), now.lastAt()));
  }

  public Failures of(String appId) {
    return byTenant.get(appId);
  }

  public long total() {
    return total.get();
  }
}
