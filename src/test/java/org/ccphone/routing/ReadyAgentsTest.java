package org.ccphone.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.ccphone.agent.AgentProfile;
import org.ccphone.agent.AgentSession;
import org.ccphone.agent.AgentState;
import org.ccphone.agent.Presence;
import org.junit.jupiter.api.Test;

class ReadyAgentsTest {
  private static final Instant T0 = Instant.parse("2026-05-04T08:00:00Z");
  private final ReadyAgents ready = new ReadyAgents();

  private static AgentSession agent(int id, String app, List<String> skills) {
    return new AgentSession("t" + id, app, new AgentProfile(id, "a" + id, null, null, skills, null, 1), T0, T0.plusSeconds(3600));
  }

  private void set(AgentSession s, AgentState state, int atSecond) {
    s.change(new Presence(state, state == AgentState.AWAY ? "Lunch" : null, T0.plusSeconds(atSecond), null));
    ready.update(s);
  }

  @Test
  void theAgentReadyLongestWithTheSkillsComesFirstAndLeavesWhenNoLongerReady() {
    AgentSession one = agent(1, "acme", List.of("sales"));
    AgentSession two = agent(2, "acme", List.of("sales", "support"));
    AgentSession other = agent(3, "other", List.of("sales", "support"));
    set(two, AgentState.READY, 10);
    set(one, AgentState.READY, 20);
    set(other, AgentState.READY, 0);
    assertEquals(two, ready.longestReady("acme", List.of("sales"), s -> false).orElseThrow());
    assertEquals(one, ready.longestReady("acme", List.of("sales"), s -> s == two).orElseThrow(), "two declined");
    assertEquals(two, ready.longestReady("acme", List.of("support"), s -> false).orElseThrow());

    set(two, AgentState.RINGING, 30);
    assertEquals(one, ready.longestReady("acme", List.of("sales"), s -> false).orElseThrow());
    assertTrue(ready.longestReady("acme", List.of("support"), s -> false).isEmpty());
    set(two, AgentState.READY, 40); // back from the offer: now ready the shortest
    assertEquals(one, ready.longestReady("acme", List.of("sales"), s -> false).orElseThrow());
    assertEquals(2, ready.size("acme"));
    ready.remove(one);
    assertEquals(two, ready.longestReady("acme", List.of("sales"), s -> false).orElseThrow());
    assertEquals(1, ready.size("acme"));
  }
}
