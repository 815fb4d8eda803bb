package org.ccphone.routing;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.ccphone.agent.AgentSession;
import org.ccphone.agent.AgentState;

/**
 * The READY agents of each tenant in the order they became ready, so that the longest-ready agent
 * with a call's skills is found without looking at every logged-in agent. Fed with every presence
 * change; not thread-safe (the call service's routing thread owns it).
 */
public final class ReadyAgents {
  private record Entry(AgentSession session, Instant since) {}

  private static final Comparator<Entry> LONGEST_READY_FIRST =
      Comparator.comparing(Entry::since).thenComparing(e -> e.session().token());

  private final Map<String, TreeSet<Entry>> byTenant = new HashMap<>();
  private final Map<String, Entry> byToken = new HashMap<>();

  /** Takes the agent's state as it is now: kept while READY, in order of its READY "since". */
  public void update(AgentSession session) {
    remove(session);
    var presence = session.presence();
    if (!session.ended() && presence.state() == AgentState.READY) {
      Entry entry = new Entry(session, presence.since());
      byToken.put(session.token(), entry);
      byTenant.computeIfAbsent(session.appId(), k -> new TreeSet<>(LONGEST_READY_FIRST)).add(entry);
    }
  }

  public void remove(AgentSession session) {
    Entry old = byToken.remove(session.token());
    if (old != null) {
      byTenant.get(session.appId()).remove(old);
    }
  }

  /** The agent of the tenant READY longest with every skill, leaving out {@code excluded}. */
  public Optional<AgentSession> longestReady(String appId, List<String> skills, Predicate<AgentSession> excluded) {
    for (Entry entry : byTenant.getOrDefault(appId, new TreeSet<>(LONGEST_READY_FIRST))) {
      AgentSession s = entry.session();
      if (!s.ended() && s.presence().state() == AgentState.READY && SkillsRouter.hasAll(s, skills) && !excluded.test(s)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  public int size(String appId) {
    TreeSet<Entry> ready = byTenant.get(appId);
    return ready == null ? 0 : ready.size();
  }
}
