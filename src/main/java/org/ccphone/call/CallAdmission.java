package org.ccphone.call;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.ccphone.overload.QueueDelay;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Admission of new calls past the SIP adapter (which judges the wait for the application itself):
 * the queues a new call meets before its first answer, each judged by how long work waits in it.
 * A tenant whose Call Start connections are taken (its database holds so many calls at once) has its
 * own new calls refused; a routing thread or a Call End store that falls behind refuses every new
 * call. Refused calls get 503 with Retry-After before their Call Start runs, so what was accepted
 * keeps its timing.
 */
@ApplicationScoped
public class CallAdmission {
  /** Why a new call was refused; also the metric's label. */
  public enum Refusal { CALL_START_CONNECTIONS, ROUTING, CALL_END_STORE }

  @Inject
  @ConfigProperty(name = "callcenter.calls.admissionTargetMillis", defaultValue = "20")
  long targetMillis;

  @Inject
  @ConfigProperty(name = "callcenter.calls.admissionIntervalMillis", defaultValue = "100")
  long intervalMillis;

  /** Nanoseconds; tests move time themselves. */
  LongSupplier clock = System::nanoTime;
  private QueueDelay routing;
  private QueueDelay callEndStore;
  private final ConcurrentMap<String, QueueDelay> callStartConnections = new ConcurrentHashMap<>();
  private final Map<Refusal, AtomicLong> refused = Map.of(
      Refusal.CALL_START_CONNECTIONS, new AtomicLong(), Refusal.ROUTING, new AtomicLong(),
      Refusal.CALL_END_STORE, new AtomicLong());

  @PostConstruct
  void start() {
    routing = new QueueDelay("new calls waiting for the routing thread", targetMillis, intervalMillis, clock);
    callEndStore = new QueueDelay("Call End rows waiting for the outbox", targetMillis, intervalMillis, clock);
  }

  /** Why a new call of this tenant is refused now, or empty when it is taken. */
  public Optional<Refusal> refusal(String appId) {
    Refusal why = callStartConnections(appId).overloaded() ? Refusal.CALL_START_CONNECTIONS
        : routing.overloaded() ? Refusal.ROUTING
        : callEndStore.overloaded() ? Refusal.CALL_END_STORE
        : null;
    if (why != null) {
      refused.get(why).incrementAndGet();
    }
    return Optional.ofNullable(why);
  }

  /** The wait of this tenant's Call Start for a connection to its database. */
  public QueueDelay callStartConnections(String appId) {
    return callStartConnections.computeIfAbsent(appId,
        id -> new QueueDelay("Call Start connections of " + id, targetMillis, intervalMillis, clock));
  }

  /** The wait of a new call's first decision on the routing thread. */
  public QueueDelay routing() {
    return routing;
  }

  /** The wait of a Call End row before it is written to the outbox. */
  public QueueDelay callEndStore() {
    return callEndStore;
  }

  /** New calls refused for this reason since the server started. */
  public long refused(Refusal why) {
    return refused.get(why).get();
  }

  /** True while any queue refuses new calls (of some tenant). */
  public boolean refusing() {
    return routing.overloaded() || callEndStore.overloaded()
        || callStartConnections.values().stream().anyMatch(QueueDelay::overloaded);
  }
}
