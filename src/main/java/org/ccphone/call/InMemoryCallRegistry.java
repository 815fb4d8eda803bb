package org.ccphone.call;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.ccphone.call.model.Call;

/** Calls in progress on this server, held in memory. */
@ApplicationScoped
public class InMemoryCallRegistry implements CallRegistry {
  private final Map<String, Call> byKey = new ConcurrentHashMap<>();
  private final Map<String, Call> bySipCallId = new ConcurrentHashMap<>();
  private final Map<String, Integer> perTenant = new ConcurrentHashMap<>();
  /** The other Call-IDs of each call, by its key. */
  private final Map<String, List<String>> aliases = new ConcurrentHashMap<>();

  @Override
  public synchronized boolean tryAdd(Call call, int serverLimit, int tenantLimit) {
    int ofTenant = perTenant.getOrDefault(call.appId(), 0);
    if ((serverLimit > 0 && byKey.size() >= serverLimit) || (tenantLimit > 0 && ofTenant >= tenantLimit)) {
      return false;
    }
    if (call.sipCallId() != null && bySipCallId.putIfAbsent(call.sipCallId(), call) != null) {
      return false;
    }
    byKey.put(call.key(), call);
    perTenant.put(call.appId(), ofTenant + 1);
    return true;
  }

  @Override
  public Optional<Call> byKey(String key) {
    return key == null ? Optional.empty() : Optional.ofNullable(byKey.get(key));
  }

  @Override
  public Optional<Call> bySipCallId(String sipCallId) {
    return sipCallId == null ? Optional.empty() : Optional.ofNullable(bySipCallId.get(sipCallId));
  }

  @Override
  public synchronized void alias(Call call, String sipCallId) {
    if (byKey.containsKey(call.key())) {
      bySipCallId.putIfAbsent(sipCallId, call);
      aliases.computeIfAbsent(call.key(), k -> new ArrayList<>()).add(sipCallId);
    }
  }

  @Override
  public synchronized void remove(Call call) {
    if (byKey.remove(call.key()) != null) {
      if (call.sipCallId() != null) {
        bySipCallId.remove(call.sipCallId(), call);
      }
      for (String alias : aliases.getOrDefault(call.key(), List.of())) {
        bySipCallId.remove(alias, call);
      }
      aliases.remove(call.key());
      perTenant.computeIfPresent(call.appId(), (k, n) -> n <= 1 ? null : n - 1);
    }
  }

  @Override
  public int size() {
    return byKey.size();
  }

  @Override
  public Collection<Call> all() {
    return byKey.values();
  }
}
