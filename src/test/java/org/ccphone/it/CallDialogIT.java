package org.ccphone.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.ccphone.support.CallLogs;
import org.ccphone.support.Eventually;
import org.ccphone.support.PhoneClient;
import org.ccphone.support.Sipp;
import org.junit.jupiter.api.Test;

/**
 * The call engine in order and to the end of the dialog: CANCEL against its INVITE, a media plane
 * that stalls on one call, the caller's ACK awaited, a caller that vanishes, RFC 4028 session
 * timers. SIPp plays the caller; tenant "dialogs" probes callers every 2 s.
 */
class CallDialogIT extends ArquillianIT {
  private static final int SIP = 15060;
  private static final String DNIS = "8005556000";
  private static final AtomicInteger PORTS = new AtomicInteger(15300);

  private String http() {
    return "http://127.0.0.1:" + base.getPort() + base.getPath().replaceFirst("/$", "");
  }

  private PhoneClient readyAgent(String user) {
    PhoneClient phone = PhoneClient.hello(http(), api().token("dialogs", user, user));
    phone.send("{\"type\":\"ready\"}");
    phone.await(f -> "state".equals(f.getString("type")) && "READY".equals(f.getString("state")), "READY");
    return phone;
  }

  /** SIPp's keywords for a call of this test's tenant (or another Dnis) with this SDP session name. */
  private static Map<String, String> call(String dnis, String ani, String session) {
    return new HashMap<>(Map.of("dnis", dnis, "ani", ani, "skills", "support", "callcenter", "", "url", "",
        "session", session));
  }

  private static Sipp sipp(String scenario, String ani, String... options) throws IOException {
    return Sipp.start(scenario, SIP, PORTS.getAndIncrement(), call(DNIS, ani, "-"), options);
  }

  private static Sipp sippSlowMedia(String ani) throws IOException {
    return Sipp.start("call-answered.xml", SIP, PORTS.getAndIncrement(), call(DNIS, ani, "slow-media"), "-d", "500");
  }

  private static JsonObject awaitState(PhoneClient phone, String state) {
    return phone.await(f -> "state".equals(f.getString("type")) && state.equals(f.getString("state")), state);
  }

  @Test
  void aCancelRightAfterTryingEndsEveryCall487AndNoneIsAnswered() throws Exception {
    try (PhoneClient agent1 = readyAgent("agent1"); PhoneClient agent2 = readyAgent("agent2")) {
      // Agents who answer as people do, not within the same millisecond: a 200 OK that crosses the
      // CANCEL on the wire (RFC 3261 9.1, legal) is then a sign of a CANCEL held up, not of a race.
      agent1.autoAnswer(Duration.ofMillis(300));
      agent2.autoAnswer(Duration.ofMillis(300));
      Sipp ivr = sipp("call-cancelled-at-once.xml", "5556001", "-m", "200", "-r", "20", "-l", "20");
      assertTrue(ivr.succeeded(120), ivr.report());
      assertFalse(ivr.messages().matches("(?s).*SIP/2.0 200 OK[^\\n]*\\n(?:[^\\n]+\\n)*?CSeq: 1 INVITE.*"),
          "no INVITE was answered 200");
      assertEquals(0, agent1.received("connected") + agent2.received("connected"), "no call connected");
      List<Integer> rows = Eventually.await(Duration.ofSeconds(30), () -> CallLogs.agentIds("5556001"), r -> r.size() >= 200);
      assertEquals(200, rows.size(), "one CallLog row per call");
      assertTrue(rows.stream().allMatch(id -> id == 0), "no call reached an agent: " + rows);
    }
  }

  @Test
  void aMediaPlaneThatStallsOnOneCallHoldsUpNoOther() throws Exception {
    try (PhoneClient agent1 = readyAgent("agent1")) {
      Sipp slow = sippSlowMedia("5556002");
      JsonObject offer = agent1.await("offer");
      try (PhoneClient agent2 = readyAgent("agent2")) {
        agent2.autoAnswer();
        agent1.send(PhoneClient.answerTo(offer)); // attaching this call's media takes 5 s
        Sipp others = sipp("call-answered.xml", "5556003", "-m", "5", "-l", "1", "-d", "0");
        assertTrue(others.succeeded(30), others.report());
        assertEquals(0, agent1.received("connected"), "five calls rang and connected while the slow one still waited");
        assertEquals(5, agent2.answeredCount());
        agent1.await(f -> "connected".equals(f.getString("type")), "the slow call connected", Duration.ofSeconds(15));
        assertTrue(slow.succeeded(30), slow.report());
      }
    }
  }

  @Test
  void a200OkNeverAckedIsHungUpAfter32SecondsAndTheAgentIsFree() throws Exception {
    try (PhoneClient agent1 = readyAgent("agent1")) {
      Sipp ivr = sipp("call-never-acks.xml", "5556004");
      agent1.send(PhoneClient.answerTo(agent1.await("offer")));
      agent1.await("connected");
      long connected = System.nanoTime();
      JsonObject ended = agent1.await(f -> "callEnded".equals(f.getString("type")), "callEnded", Duration.ofSeconds(50));
      double seconds = (System.nanoTime() - connected) / 1e9;
      assertEquals("no_ack", ended.getString("reason"));
      assertTrue(seconds > 25, "hung up after " + seconds + " s, not before the 64*T1 of retransmissions");
      assertTrue(ivr.succeeded(30), "the caller got the BYE: " + ivr.report());
      awaitState(agent1, "READY");
      assertEquals(List.of(1001), Eventually.await(Duration.ofSeconds(20), () -> CallLogs.agentIds("5556004"),
          r -> !r.isEmpty()), "one Call End row");
    }
  }

  @Test
  void aHangUpBeforeTheAckSendsTheByeOnlyAfterIt() throws Exception {
    try (PhoneClient agent1 = readyAgent("agent1")) {
      Sipp ivr = sipp("call-late-ack.xml", "5556005"); // ACKs 2 s late; a BYE before the ACK fails it
      JsonObject offer = agent1.await("offer");
      agent1.send(PhoneClient.answerTo(offer));
      agent1.await("connected");
      agent1.send("{\"type\":\"hangup\",\"call\":\"" + offer.getString("call") + "\"}");
      assertEquals("agent_hung_up", agent1.await("callEnded").getString("reason"));
      assertTrue(ivr.succeeded(30), "the BYE came after the ACK: " + ivr.report());
      assertEquals(List.of(1001), Eventually.await(Duration.ofSeconds(20), () -> CallLogs.agentIds("5556005"),
          r -> !r.isEmpty()));
    }
  }

  @Test
  void aCallerThatVanishesIsHungUpWithinTheProbeIntervalAndATransactionTimeout() throws Exception {
    try (PhoneClient agent1 = readyAgent("agent1")) {
      Sipp ivr = sipp("call-vanishes.xml", "5556006"); // answers one OPTIONS, then exits
      agent1.send(PhoneClient.answerTo(agent1.await("offer")));
      agent1.await("connected");
      assertTrue(ivr.succeeded(30), ivr.report());
      long gone = System.nanoTime();
      JsonObject ended = agent1.await(f -> "callEnded".equals(f.getString("type")), "callEnded", Duration.ofSeconds(60));
      double seconds = (System.nanoTime() - gone) / 1e9;
      assertEquals("caller_lost", ended.getString("reason"));
      assertTrue(seconds < 2 + 32 + 6, "freed " + seconds + " s after the caller vanished");
      awaitState(agent1, "READY");
      assertEquals(List.of(1001), Eventually.await(Duration.ofSeconds(20), () -> CallLogs.agentIds("5556006"),
          r -> !r.isEmpty()));
    }
  }

  @Test
  void aCallLongerThanTheTenantsMaximumDurationIsHungUp() throws Exception {
    // tenant shortcalls: calls last 2 s at most
    try (PhoneClient agent1 = PhoneClient.hello(http(), api().token("shortcalls", "agent1", "agent1"))) {
      agent1.send("{\"type\":\"ready\"}");
      awaitState(agent1, "READY");
      Sipp ivr = Sipp.start("call-hung-up-by-server.xml", SIP, PORTS.getAndIncrement(), call("8005556100", "5556008", "-"));
      agent1.send(PhoneClient.answerTo(agent1.await("offer")));
      agent1.await("connected");
      assertEquals("max_duration", agent1.await("callEnded").getString("reason"));
      assertTrue(ivr.succeeded(30), "the caller got the BYE: " + ivr.report());
      assertEquals(List.of(1001), Eventually.await(Duration.ofSeconds(20), () -> CallLogs.agentIds("5556008"),
          r -> !r.isEmpty()));
    }
  }

  @Test
  void aCallerThatSupportsSessionTimersGetsThemAndItsRefreshIsAnswered() throws Exception {
    try (PhoneClient agent1 = readyAgent("agent1")) {
      Sipp ivr = sipp("call-session-timer.xml", "5556007");
      agent1.send(PhoneClient.answerTo(agent1.await("offer")));
      assertTrue(ivr.succeeded(30), ivr.report());
      assertEquals("caller_hung_up", agent1.await("callEnded").getString("reason"));
      assertFalse(ivr.messages().contains("OPTIONS sip:"), "no OPTIONS probes when session timers run");
    }
  }
}
