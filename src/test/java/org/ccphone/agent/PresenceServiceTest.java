package org.ccphone.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.ccphone.tenant.TenantRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The state machine as the server runs it: agents' requests, the call side's moves, wrap-up, lost connections. */
class PresenceServiceTest {
  private final List<Presence> published = new CopyOnWriteArrayList<>();
  private final org.ccphone.ServerTimers scheduler = org.ccphone.ServerTimers.on(Thread::new);
  private PresenceService presence;
  private AgentSession agent;

  @BeforeEach
  void setUp() throws Exception {
    Path dir = Files.createTempDirectory("tenants");
    Files.writeString(dir.resolve("acme.json"), """
        {"wrapUpSeconds": 1, "awayReasons": ["Lunch", "Coaching"], "events": {
          "agentLogin": {"statement": "select 1"}, "agentLogout": {"statement": "select 1"},
          "callStart": {"statement": "select 1"}, "callEnd": {"statement": "select 1"}}}""");
    TenantRegistry tenants = new TenantRegistry();
    tenants.load(List.of(dir));
    presence = new PresenceService() {
      @Override
      void publish(AgentSession session, Presence p) {
        published.add(p);
      }
    };
    presence.tenants = tenants;
    presence.sessions = new InMemorySessionRegistry();
    presence.scheduler = scheduler;
    presence.graceSeconds = 60;
    Instant now = Instant.now();
    agent = new AgentSession("t1", "acme", new AgentProfile(7, "joe", null, null, List.of("sales"), null, 1), now, now.plusSeconds(3600));
    presence.sessions.add(agent);
  }

  @AfterEach
  void tearDown() {
    scheduler.stop();
  }

  @Test
  void anAgentStartsBusyAndMovesBetweenReadyBusyAndAwayWithTheTenantsReasons() throws Exception {
    assertEquals(AgentState.BUSY, agent.presence().state());
    presence.request(agent, AgentState.READY, null);
    assertEquals(TimeBucket.READY, agent.ledger().current());
    presence.request(agent, AgentState.AWAY, "Coaching");
    assertEquals("Coaching", agent.presence().reason());
    assertEquals(TimeBucket.AWAY, agent.ledger().current());
    var e = assertThrows(IllegalTransition.class, () -> presence.request(agent, AgentState.AWAY, "Break"));
    assertEquals("unknown_reason", e.code(), "Break is not one of this tenant's reasons");
    assertEquals("Coaching", agent.presence().reason(), "unchanged");
  }

  @Test
  void aRepeatedRequestChangesNothing() throws Exception {
    Presence ready = presence.request(agent, AgentState.READY, null);
    int before = published.size();
    assertEquals(ready, presence.request(agent, AgentState.READY, null));
    assertEquals(before, published.size());
  }

  @Test
  void onlyTheCallSideSetsRingingAndOnPhone() throws Exception {
    assertThrows(IllegalTransition.class, () -> presence.request(agent, AgentState.ON_PHONE, null));
    assertFalse(presence.offered(agent), "a BUSY agent is not offered calls");
    presence.request(agent, AgentState.READY, null);
    assertTrue(presence.offered(agent));
    assertEquals(AgentState.RINGING, agent.presence().state());
    var e = assertThrows(IllegalTransition.class, () -> presence.request(agent, AgentState.AWAY, "Lunch"));
    assertEquals("illegal_transition", e.code());
    presence.answered(agent);
    assertEquals(AgentState.ON_PHONE, agent.presence().state());
    assertEquals(TimeBucket.ON_PHONE, agent.ledger().current());
    assertThrows(IllegalTransition.class, () -> presence.request(agent, AgentState.READY, null));
  }

  @Test
  void afterACallWrapUpIsBusyThenReady() throws Exception {
    presence.request(agent, AgentState.READY, null);
    presence.offered(agent);
    presence.answered(agent);
    presence.callEnded(agent);
    assertEquals(AgentState.BUSY, agent.presence().state());
    assertEquals("Wrap-up", agent.presence().reason());
    Thread.sleep(1500);
    assertEquals(AgentState.READY, agent.presence().state());
  }

  @Test
  void aWrapUpHeldForARequiredDispositionEndsOnlyOnceTheCodeIsInAndReadyWaitsForIt() throws Exception {
    presence.request(agent, AgentState.READY, null);
    presence.offered(agent);
    presence.answered(agent);
    presence.callEnded(agent, true);
    var refused = assertThrows(IllegalTransition.class, () -> presence.request(agent, AgentState.READY, null));
    assertEquals("disposition_required", refused.code());
    int wrapUps = published.size();
    // Its 1 s passes: still in wrap-up, the code not in.
    org.ccphone.support.Eventually.await(java.time.Duration.ofSeconds(5), () -> presence.wrapUps.timeIsUp(agent), up -> up);
    assertEquals(wrapUps, published.size(), "no READY while the code is owed");
    assertEquals("Wrap-up", agent.presence().reason());
    presence.wrapUpDone(agent);
    assertEquals(AgentState.READY, agent.presence().state(), "the code is in and the time is up: READY at once");
  }

  @Test
  void withTheCodeInTheAgentEndsItsWrapUpEarly() throws Exception {
    presence.request(agent, AgentState.READY, null);
    presence.offered(agent);
    presence.answered(agent);
    presence.callEnded(agent, true);
    presence.wrapUpDone(agent);
    assertEquals("Wrap-up", agent.presence().reason(), "its time is not up yet");
    presence.request(agent, AgentState.READY, null);
    assertEquals(AgentState.READY, agent.presence().state());
  }

  @Test
  void anAgentWhoChoosesAwayDuringWrapUpStaysAway() throws Exception {
    presence.request(agent, AgentState.READY, null);
    presence.offered(agent);
    presence.answered(agent);
    presence.callEnded(agent);
    presence.request(agent, AgentState.AWAY, "Lunch");
    Thread.sleep(1500);
    assertEquals(AgentState.AWAY, agent.presence().state());
  }

  @Test
  void aMissedOfferSendsTheAgentAwayAndAWithdrawnOneBackToReady() throws Exception {
    presence.request(agent, AgentState.READY, null);
    presence.offered(agent);
    presence.offerWithdrawn(agent, false);
    assertEquals(AgentState.READY, agent.presence().state());
    presence.offered(agent);
    presence.offerWithdrawn(agent, true);
    assertEquals(AgentState.AWAY, agent.presence().state());
    assertEquals(Presence.MISSED_CALL, agent.presence().reason());
  }

  @Test
  void aLostConnectionIsAwayAndAReconnectRestoresTheChosenStateWithItsReason() throws Exception {
    presence.connected(agent);
    presence.request(agent, AgentState.AWAY, "Lunch");
    presence.disconnected(agent);
    assertEquals(Presence.DISCONNECTED, agent.presence().reason());
    assertFalse(presence.offered(agent));
    presence.connected(agent);
    assertEquals(AgentState.AWAY, agent.presence().state());
    assertEquals("Lunch", agent.presence().reason());
  }

  @Test
  void aSecondPhoneClosingDoesNotDisconnectTheAgent() throws Exception {
    presence.connected(agent);
    presence.connected(agent);
    presence.request(agent, AgentState.READY, null);
    presence.disconnected(agent);
    assertEquals(AgentState.READY, agent.presence().state());
  }
}
