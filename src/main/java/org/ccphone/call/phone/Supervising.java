package org.ccphone.call.phone;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.ccphone.agent.AgentSession;
import org.ccphone.call.CallRegistry;
import org.ccphone.call.engine.CallEngine;
import org.ccphone.call.model.Call;
import org.ccphone.call.model.Decision;
import org.ccphone.call.model.MonitorMode;
import org.ccphone.call.model.SupervisorPage;
import org.ccphone.media.IceCandidate;

/**
 * What a supervisor's page asks of the calls it listens to, whispers in or barges into
 * (docs/phone-protocol.md, "Supervisors in calls"): each request goes to its call, and a refusal
 * comes back to that page as the protocol's error frame. Only a supervisor (userLevel 2) of the
 * call's tenant is let in; a call of another tenant is, to it, no call at all.
 */
@ApplicationScoped
public class Supervising {
  @Inject CallRegistry calls;
  @Inject CallEngine engine;

  /** The calls each page asked to be in, to let them go when the page goes. */
  private final Map<SupervisorPage, Set<String>> pages = new ConcurrentHashMap<>();

  public void start(AgentSession supervisor, SupervisorPage page, String callKey, MonitorMode mode) {
    if (!supervisor.agent().supervisor()) {
      page.refused("forbidden", "only supervisors listen to calls");
      return;
    }
    Call call = calls.byKey(callKey).filter(c -> c.appId().equals(supervisor.appId())).orElse(null);
    if (call == null) {
      page.refused("no_such_call", "no call " + callKey + " is in progress");
      return;
    }
    pages.computeIfAbsent(page, p -> ConcurrentHashMap.newKeySet()).add(callKey);
    engine.on(call, c -> c.monitoring().start(supervisor, page, mode, Instant.now()), r -> page.refused(r.code(), r.message()));
  }

  public void answer(AgentSession supervisor, SupervisorPage page, String callKey, String sdp) {
    ask(supervisor, page, callKey, c -> c.monitoring().answer(page, sdp));
  }

  public void candidate(AgentSession supervisor, SupervisorPage page, String callKey, IceCandidate candidate) {
    ask(supervisor, page, callKey, c -> c.monitoring().candidate(page, candidate));
  }

  public void mode(AgentSession supervisor, SupervisorPage page, String callKey, MonitorMode mode) {
    ask(supervisor, page, callKey, c -> c.monitoring().mode(page, mode, Instant.now()));
  }

  public void stop(AgentSession supervisor, SupervisorPage page, String callKey) {
    ask(supervisor, page, callKey, c -> c.monitoring().stop(page, "left", Instant.now()));
    Set<String> keys = pages.get(page);
    if (keys != null) {
      keys.remove(callKey);
    }
  }

  /** The page went (closed, reloaded, its network lost): it leaves every call it was in; the calls go on. */
  public void pageClosed(SupervisorPage page) {
    Set<String> keys = pages.remove(page);
    if (keys == null) {
      return;
    }
    for (String key : keys) {
      calls.byKey(key).ifPresent(call -> engine.on(call, c -> c.monitoring().stop(page, "page_closed", Instant.now())));
    }
  }

  private void ask(AgentSession supervisor, SupervisorPage page, String callKey, Function<Call, Decision> event) {
    Call call = calls.byKey(callKey).filter(c -> c.appId().equals(supervisor.appId())).orElse(null);
    if (call == null) {
      page.refused("not_monitoring", "this page is not in call " + callKey);
      return;
    }
    engine.on(call, event, r -> page.refused(r.code(), r.message()));
  }
}
