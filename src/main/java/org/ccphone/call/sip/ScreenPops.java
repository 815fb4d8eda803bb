package org.ccphone.call.sip;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.ccphone.call.model.CallData;
import org.ccphone.call.model.ScreenPop;
import org.ccphone.tenant.TenantConfig;

/**
 * Keeps from the agents' phones every screen-pop Url their tenant does not allow
 * ({@link ScreenPop#refusal}): the call goes on without it, the first refusal of each tenant is
 * logged, and the count and the last reason show in the tenant's health.
 */
@ApplicationScoped
public class ScreenPops {
  private static final Logger LOG = Logger.getLogger(ScreenPops.class.getName());

  /** A tenant's refused Urls: how many, and why the last one was. */
  public record Refused(long count, String lastReason, Instant lastAt) {}

  private final Map<String, Refused> byTenant = new ConcurrentHashMap<>();

  /** The call's data as its phones may see it: the Url dropped when the tenant does not allow it. */
  public CallData checked(TenantConfig tenant, CallData data) {
    if (data.url() == null) {
      return data;
    }
    return ScreenPop.refusal(data.url(), tenant.pages()).map(reason -> {
      refused(tenant.appId(), reason);
      return data.withoutUrl();
    }).orElse(data);
  }

  private void refused(String appId, String reason) {
    Refused now = new Refused(1, reason, Instant.now());
    Refused before = byTenant.putIfAbsent(appId, now);
    if (before == null) {
      // Once per tenant: a caller sending one bad Url per call must not fill the log.
      LOG.warning("a screen-pop Url of " + appId + " was dropped (" + reason + "); later ones are counted in its health");
    } else {
      byTenant.merge(appId, now, (b, n) -> new Refused(b.count() + 1, n.lastReason(), n.lastAt()));
    }
  }

  public Refused of(String appId) {
    return byTenant.get(appId);
  }
}
