package org.ccphone.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.ccphone.agent.AgentProfile;
import org.ccphone.agent.AgentSession;
import org.ccphone.agent.AgentState;
import org.ccphone.agent.Presence;
import org.junit.jupiter.api.Test;

class SkillsRouterTest {
  private static final Instant T0 = Instant.parse("2026-05-04T08:00:00Z");

  private static AgentSession agent(int id, String app, List<String> skills, AgentState state, int readyAtSecond) {
    AgentSession s = new AgentSession("t" + id, app, new AgentProfile(id, "a" + id, null, null, skills, null, 1), T0, T0.plusSeconds(3600));
    s.change(new Presence(state, state == AgentState.AWAY ? "Lunch" : null, T0.plusSeconds(readyAtSecond), null));
    return s;
  }

  /** The routing's choice: the READY agents in order (ReadyAgents), matched by SkillsRouter. */
  private static java.util.Optional<AgentSession> longestReady(List<AgentSession> floor, String appId, List<String> skills) {
    ReadyAgents ready = new ReadyAgents();
    floor.forEach(ready::update);
    return ready.longestReady(appId, skills, s -> false);
  }

  @Test
  void theLongestReadyAgentWithEverySkillGetsTheCall() {
    List<AgentSession> floor = List.of(
        agent(1, "acme", List.of("sales"), AgentState.READY, 5),
        agent(2, "acme", List.of("Sales", "support"), AgentState.READY, 10),
        agent(3, "acme", List.of("sales", "support"), AgentState.READY, 20),
        agent(4, "acme", List.of("sales", "support"), AgentState.AWAY, 1),
        agent(5, "other", List.of("sales", "support"), AgentState.READY, 0));
    assertEquals(2, longestReady(floor, "acme", List.of("sales", "support")).orElseThrow().agent().agentId());
    assertEquals(1, longestReady(floor, "acme", List.of("sales")).orElseThrow().agent().agentId());
    assertEquals(1, longestReady(floor, "acme", List.of()).orElseThrow().agent().agentId(), "no skills needed");
  }

  @Test
  void nobodyFreeIsNotTheSameAsNobodyAble() {
    List<AgentSession> floor = List.of(agent(4, "acme", List.of("billing"), AgentState.AWAY, 1));
    assertTrue(longestReady(floor, "acme", List.of("billing")).isEmpty());
    assertTrue(SkillsRouter.anyoneCould(floor, "acme", List.of("billing")), "queue: someone could take it later");
    assertFalse(SkillsRouter.anyoneCould(floor, "acme", List.of("spanish")), "overflow: nobody ever could");
  }
}
