package org.ccphone.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.ccphone.support.CustomerDatabases;
import org.ccphone.support.Eventually;
import org.ccphone.support.PhoneClient;
import org.ccphone.support.Sipp;
import org.junit.jupiter.api.Test;

/**
 * Inbound calls end to end: SIPp (Debian's sip-tester) plays the IVR over loopback, agents' phones
 * are WebSockets, the media plane is the test double {@link org.ccphone.media.LoopbackMediaPlane}.
 * Rows are read from the customer databases the tests run.
 */
class InboundCallsIT extends ArquillianIT {
  private static final int SIP = 15060;
  private static final AtomicInteger PORTS = new AtomicInteger(15100);
  private static final String OVERFLOW = "sip:overflow@127.0.0.1:5070";

  private String http() {
    return "http://127.0.0.1:" + base.getPort() + base.getPath().replaceFirst("/$", "");
  }

  private PhoneClient agent(String appId, String user, String state) {
    PhoneClient phone = PhoneClient.hello(http(), api().token(appId, user, user));
    if ("busy".equals(state)) {
      return phone; // a session starts BUSY
    }
    phone.send("{\"type\":\"" + state + "\"}");
    phone.await(f -> "state".equals(f.getString("type")) && state.equalsIgnoreCase(f.getString("state")), state);
    return phone;
  }

  private static Map<String, String> call(String dnis, String ani, String skills, String callCenter, String url) {
    Map<String, String> keys = new HashMap<>();
    keys.put("dnis", dnis);
    keys.put("ani", ani);
    keys.put("skills", skills);
    keys.put("callcenter", callCenter == null ? "" : callCenter);
    keys.put("url", url == null ? "" : url);
    keys.put("session", "-");
    return keys;
  }

  private static Sipp sipp(String scenario, Map<String, String> keys, String... options) throws IOException {
    return Sipp.start(scenario, SIP, PORTS.getAndIncrement(), keys, options);
  }

  /**
   * One phone sends frames without end: it is told rate_limited, then closed (1008), while an offer
   * to another agent arrives. The test server lets a phone send a burst of 25,000 frames (the
   * supervisors' stall test needs them); the default is 60 (docs/phone-protocol.md). The frames are
   * quality reports of a call it does not have, which the server takes without an answer: a flood
   * of pings had a pong for each, and on a loaded machine this client fell so far behind reading
   * them that the server closed it as a phone that stops reading, before its rate_limited arrived.
   */
  @Test
  void aPhoneFloodingItsSocketIsToldThenClosedWhileAnotherAgentsOfferArrives() throws Exception {
    try (PhoneClient agent1 = agent("demo", "agent1", "ready");
        PhoneClient flood = PhoneClient.hello(http(), api().token("demo", "agent2", "agent2"))) {
      java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
      Thread flooding = new Thread(() -> {
        try {
          for (int i = 0; i < 200_000; i++) {
            flood.send("{\"type\":\"quality\",\"call\":\"none\",\"rttMs\":20,\"jitterMs\":2,\"lossPercent\":0,\"mos\":4.3}");
            sent.incrementAndGet();
          }
        } catch (RuntimeException closed) {
          // the server closed the socket: what is left is not sent
        }
      }, "flood");
      flooding.start();
      Eventually.await(Duration.ofSeconds(30), sent::get, n -> n >= 5_000);
      long inviteAt = System.currentTimeMillis();
      Sipp ivr = sipp("call-answered.xml", call("8005551300", "5550391", "sales", null, null), "-d", "200");
      JsonObject offer = agent1.await("offer");
      System.out.println("INVITE -> offer at another agent while one phone floods its socket: "
          + (agent1.lastArrival("offer") - inviteAt) + " ms");
      agent1.send(PhoneClient.answerTo(offer));
      assertTrue(ivr.succeeded(30), ivr.report());
      flooding.join(60_000); // it ends when the server closes the socket (or, failing that, after its 200,000 frames)
      // The server reads the flood's first 25,000 frames as any others before it refuses: that takes a while here.
      assertEquals("rate_limited", flood.await(f -> "error".equals(f.getString("type")), "an error", Duration.ofSeconds(60))
          .getString("code"));
      assertEquals(1008, flood.closeCode(), "closed as a policy violation");
    } finally {
      // The next tests' calls must not meet an admission still judging the flood's backlog.
      org.ccphone.bench.OverloadLoad.awaitIdle(java.net.http.HttpClient.newHttpClient(), "http://127.0.0.1:" + base.getPort());
    }
  }

  /** BYEs with the call's Call-ID but another To tag, or another From tag, get 481; the call goes on. */
  @Test
  void aByeOutsideTheCallsDialogGets481AndTheCallGoesOn() throws Exception {
    try (PhoneClient agent1 = agent("demo", "agent1", "ready")) {
      Sipp ivr = sipp("call-forged-bye.xml", call("8005551300", "5550392", "sales", null, null), "-d", "3000");
      JsonObject offer = agent1.await("offer");
      agent1.send(PhoneClient.answerTo(offer));
      agent1.await("connected");
      assertTrue(ivr.succeeded(30), "481 to both forged BYEs, then 200 to the caller's: " + ivr.report());
      JsonObject ended = agent1.await("callEnded");
      assertEquals("caller_hung_up", ended.getString("reason"));
      assertEquals(offer.getString("call"), ended.getString("call"));
      CallLogRow row = Eventually.await(Duration.ofSeconds(20), () -> callLog("5550392"), r -> r != null);
      assertTrue(row.talkTime >= 2, "talked until the caller's own BYE, 3 s after the forged ones: " + row.talkTime);
    }
  }

  @Test
  void aSocketThatNeverSaysHelloIsClosed() throws Exception {
    try (PhoneClient silent = new PhoneClient(http())) {
      assertEquals(1008, silent.closeCode(), "closed within the hello time (5 s)");
    }
  }

  @Test
  void keypadDigitsGoBothWaysBySipInfo() throws Exception {
    try (PhoneClient agent1 = agent("demo", "agent1", "ready")) {
      Sipp ivr = sipp("call-dtmf.xml", call("8005551100", "5550119", "sales", OVERFLOW, null));
      JsonObject offer = agent1.await("offer");
      agent1.send(PhoneClient.answerTo(offer));
      String call = offer.getString("call");
      JsonObject pressed = agent1.await("dtmf");
      assertEquals("5", pressed.getString("digit"), "the caller's digit reaches the phone");
      assertEquals(call, pressed.getString("call"));
      agent1.send("{\"type\":\"dtmf\",\"call\":\"" + call + "\",\"digits\":\"1x\"}");
      assertEquals("bad_field", agent1.await("error").getString("code"), "a digit that is not one is refused, nothing sent");
      agent1.send("{\"type\":\"dtmf\",\"call\":\"" + call + "\",\"digits\":\"1#\"}");
      assertEquals("1#", agent1.await("dtmfSent").getString("digits"));
      assertTrue(ivr.succeeded(30), "the caller got 1 then # as application/dtmf-relay INFOs: " + ivr.report());
    }
  }

  @Test
  void anAnsweredCallReachesTheReadyAgentWithItsScreenPopAndWritesItsRows() throws Exception {
    try (PhoneClient agent1 = agent("demo", "agent1", "ready")) {
      Sipp ivr = sipp("call-answered.xml", call("8005551100", "5550111", "sales", OVERFLOW,
          "https://crm.example/pop?ani={Ani}&dnis={Dnis}&agent={AgentId}&type={CallType}&name={CallerIdName}"), "-d", "1200");
      JsonObject offer = agent1.await("offer");
      JsonObject data = offer.getJsonObject("data");
      assertEquals("https://crm.example/pop?ani=5550111&dnis=8005551100&agent=1001&type=1&name=", data.getString("url"));
      assertEquals("8005551100", data.getString("dnis"));
      assertEquals("5550111", data.getString("ani"));
      assertFalse(data.getString("callId").isBlank(), "a CallId");
      assertTrue(offer.getString("sdp").startsWith("v=0"), "the media plane's offer");
      agent1.send(PhoneClient.answerTo(offer));
      agent1.await(f -> "state".equals(f.getString("type")) && "ON_PHONE".equals(f.getString("state")), "ON_PHONE");
      agent1.await("connected");
      assertTrue(ivr.succeeded(60), ivr.report());
      assertTrue(ivr.messages().contains("m=audio 40000 RTP/AVP 0"), "the 200 OK carries the media plane's answer");
      assertEquals("caller_hung_up", agent1.await("callEnded").getString("reason"));
      agent1.await(f -> "state".equals(f.getString("type")) && "READY".equals(f.getString("state")), "READY again");

      CallLogRow row = Eventually.await(Duration.ofSeconds(20), () -> callLog("5550111"), r -> r != null);
      assertEquals(1001, row.agentId);
      assertEquals(1, row.segment);
      assertEquals(1, row.callType);
      assertEquals("8005551100", row.dnis);
      assertEquals(data.getString("callId"), row.callId);
      assertNotNull(row.connect, "ConnectDateTime");
      assertTrue(row.talkTime >= 0 && row.talkTime <= 3, "TalkTime " + row.talkTime);
      assertTrue(row.trueDuration >= row.talkTime, "TrueDuration " + row.trueDuration);
      assertEquals(1, callStarts("5550111"));
    }
  }

  @Test
  void withNoAgentLoggedInTheCallOverflowsToItsCallCenter() throws Exception {
    Sipp ivr = sipp("call-redirected.xml", call("8005551200", "5550122", "sales", OVERFLOW, null));
    assertTrue(ivr.succeeded(30), ivr.report());
    assertTrue(ivr.messages().contains("Contact: <" + OVERFLOW + ">") || ivr.messages().contains("Contact: " + OVERFLOW),
        ivr.report());
    CallLogRow row = Eventually.await(Duration.ofSeconds(20), () -> callLog("5550122"), r -> r != null);
    assertEquals(0, row.agentId);
    assertEquals(0, row.talkTime);
    assertEquals(1, callStarts("5550122"));
  }

  @Test
  void anOfferThatRingsOutGoesToTheNextAgentAndTheFirstIsAwayMissedCall() throws Exception {
    // tenant callstest: the same database as demo, offers ring 3 s
    try (PhoneClient agent1 = agent("callstest", "agent1", "ready")) {
      Thread.sleep(50);
      try (PhoneClient agent2 = agent("callstest", "agent2", "ready")) {
        Sipp ivr = sipp("call-answered.xml", call("8005559000", "5550133", "support", null, null), "-d", "300");
        JsonObject first = agent1.await("offer");
        JsonObject withdrawn = agent1.await("offerWithdrawn");
        assertEquals(first.getString("call"), withdrawn.getString("call"));
        assertEquals("rang_out", withdrawn.getString("reason"));
        JsonObject away = agent1.await(f -> "state".equals(f.getString("type")) && "AWAY".equals(f.getString("state")), "AWAY");
        assertEquals("Missed call", away.getString("reason"));
        JsonObject second = agent2.await("offer");
        assertEquals(first.getString("call"), second.getString("call"), "the same call");
        agent2.send(PhoneClient.answerTo(second));
        assertTrue(ivr.succeeded(60), ivr.report());
        CallLogRow row = Eventually.await(Duration.ofSeconds(20), () -> callLog("5550133"), r -> r != null);
        assertEquals(1002, row.agentId);
      }
    }
  }

  @Test
  void aCallerWhoHangsUpWhileQueuedGets487AndTheAgentReadyLaterGetsNothing() throws Exception {
    try (PhoneClient agent1 = agent("callstest", "agent1", "busy")) {
      Sipp ivr = sipp("call-cancelled.xml", call("8005559000", "5550144", "support", OVERFLOW, null), "-d", "1500");
      assertTrue(ivr.succeeded(30), ivr.report());
      agent1.send("{\"type\":\"ready\"}");
      List<JsonObject> frames = agent1.drain(Duration.ofSeconds(3));
      assertTrue(frames.stream().noneMatch(f -> "offer".equals(f.getString("type"))), frames.toString());
      CallLogRow row = Eventually.await(Duration.ofSeconds(20), () -> callLog("5550144"), r -> r != null);
      assertEquals(0, row.agentId);
      assertEquals(0, row.talkTime);
    }
  }

  @Test
  void aCallerWaitingLongerThanTheTenantsMaximumWaitOverflows() throws Exception {
    // tenant callstest: callers wait 5 s at most
    try (PhoneClient agent1 = agent("callstest", "agent1", "busy")) {
      long start = System.nanoTime();
      Sipp ivr = sipp("call-redirected.xml", call("8005559000", "5550199", "support", OVERFLOW, null));
      assertTrue(ivr.succeeded(30), ivr.report());
      double waited = (System.nanoTime() - start) / 1e9;
      assertTrue(waited >= 4.5 && waited < 15, "overflowed after " + waited + " s");
      assertTrue(ivr.messages().contains("SIP/2.0 180"), "the caller heard ringing while queued");
      assertEquals(0, Eventually.await(Duration.ofSeconds(20), () -> callLog("5550199"), r -> r != null).agentId);
    }
  }

  @Test
  void aDeclinedCallGoesToTheNextAgentWhoHangsItUp() throws Exception {
    try (PhoneClient agent1 = agent("callstest", "agent1", "ready")) {
      Thread.sleep(50);
      try (PhoneClient agent2 = agent("callstest", "agent2", "ready")) {
        Sipp ivr = sipp("call-agent-hangs-up.xml", call("8005559000", "5550200", "support", null, null));
        JsonObject first = agent1.await("offer");
        agent1.send("{\"type\":\"decline\",\"call\":\"" + first.getString("call") + "\"}");
        assertEquals("declined", agent1.await("offerWithdrawn").getString("reason"));
        JsonObject second = agent2.await("offer");
        agent2.send(PhoneClient.answerTo(second));
        agent2.await("connected");
        Thread.sleep(500);
        agent2.send("{\"type\":\"hangup\",\"call\":\"" + second.getString("call") + "\"}");
        assertEquals("agent_hung_up", agent2.await("callEnded").getString("reason"));
        assertTrue(ivr.succeeded(30), "the caller got the BYE: " + ivr.report());
        assertTrue(agent1.drain(Duration.ofSeconds(1)).stream().noneMatch(f -> "offer".equals(f.getString("type"))),
            "a declined call is not offered again to the same agent");
        CallLogRow row = Eventually.await(Duration.ofSeconds(20), () -> callLog("5550200"), r -> r != null);
        assertEquals(1002, row.agentId);
      }
    }
  }

  @Test
  void aPhoneLostDuringACallRejoinsItWithinTheRejoinTime() throws Exception {
    String token = api().token("callstest", "agent1", "agent1");
    PhoneClient agent1 = PhoneClient.hello(http(), token);
    agent1.send("{\"type\":\"ready\"}");
    Sipp ivr = sipp("call-agent-hangs-up.xml", call("8005559000", "5550211", "support", null, null));
    JsonObject offer = agent1.await("offer");
    agent1.send(PhoneClient.answerTo(offer));
    agent1.await("connected");
    agent1.drop(); // the page is gone; the caller is kept on music for the rejoin time (2 s here)
    try (PhoneClient again = new PhoneClient(http())) {
      again.send("{\"type\":\"hello\",\"token\":\"" + token + "\"}");
      assertEquals("ON_PHONE", again.await("welcome").getJsonObject("state").getString("state"), "still on the call");
      again.send("{\"type\":\"media\"}");
      again.await("mediaOffer");
      again.send("{\"type\":\"mediaAnswer\",\"sdp\":\"v=0\\r\\no=- 3 3 IN IP4 127.0.0.1\\r\\ns=-\\r\\nt=0 0\\r\\nm=audio 9 UDP/TLS/RTP/SAVPF 0\\r\\n\"}");
      JsonObject rejoined = again.await("rejoined");
      assertEquals(offer.getString("call"), rejoined.getString("call"));
      assertEquals("5550211", rejoined.getJsonObject("data").getString("ani"));
      // Past the 2 s rejoin time the call stays with its agent: nothing ends it meanwhile.
      assertTrue(again.drain(Duration.ofMillis(2500)).stream().noneMatch(f -> "callEnded".equals(f.getString("type"))),
          "the rejoined call is not moved on when the rejoin time runs out");
      again.send("{\"type\":\"hangup\",\"call\":\"" + offer.getString("call") + "\"}");
      assertEquals("agent_hung_up", again.await("callEnded").getString("reason"));
    }
    assertTrue(ivr.succeeded(30), "the caller stayed until the agent hung up: " + ivr.report());
    CallLogRow row = Eventually.await(Duration.ofSeconds(20), () -> callLog("5550211"), r -> r != null);
    assertEquals(1001, row.agentId, "one row: the call never left its agent");
    assertNotNull(row.connect);
  }

  @Test
  void aPhoneGoneForGoodHandsItsCallToTheNextAgentAsASecondSegment() throws Exception {
    PhoneClient agent1 = PhoneClient.hello(http(), api().token("callstest", "agent1", "agent1"));
    agent1.send("{\"type\":\"ready\"}");
    Sipp ivr = sipp("call-agent-hangs-up.xml", call("8005559000", "5550212", "support", null, null));
    JsonObject offer = agent1.await("offer");
    agent1.send(PhoneClient.answerTo(offer));
    agent1.await("connected");
    try (PhoneClient agent2 = agent("callstest", "agent2", "ready")) {
      agent1.drop(); // and it does not come back
      JsonObject moved = agent2.await("offer");
      assertEquals(offer.getString("call"), moved.getString("call"), "the same call");
      assertFalse(moved.isNull("sdp"), "with an endpoint for this browser where the call's media are");
      agent2.send(PhoneClient.answerTo(moved));
      agent2.await("connected");
      agent2.send("{\"type\":\"hangup\",\"call\":\"" + moved.getString("call") + "\"}");
      assertEquals("agent_hung_up", agent2.await("callEnded").getString("reason"));
      assertTrue(ivr.succeeded(30), "the caller was never dropped: one INVITE, one BYE at the end: " + ivr.report());
    }
    List<int[]> rows = Eventually.await(Duration.ofSeconds(20), () -> segments("5550212"), r -> r.size() >= 2);
    assertEquals(2, rows.size(), "two segments");
    assertArrayEquals(new int[] {1, 1001}, rows.get(0), "the first agent's");
    assertArrayEquals(new int[] {2, 1002}, rows.get(1), "the next agent's");
  }

  /** Segment and AgentId of the call's CallLog rows, by Segment. */
  private static List<int[]> segments(String ani) throws Exception {
    try (Connection c = CustomerDatabases.DEMO.connect("demo");
        PreparedStatement s = c.prepareStatement("select Segment, AgentId from CallLog where ANI = ? order by Segment")) {
      s.setString(1, ani);
      List<int[]> rows = new java.util.ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          rows.add(new int[] {rs.getInt(1), rs.getInt(2)});
        }
      }
      return rows;
    }
  }

  @Test
  void aCallStartThatFailsStillRoutesTheCallOnItsHeaderData() throws Exception {
    // tenant badstart: its Call Start selects a column that does not exist
    try (PhoneClient agent1 = agent("badstart", "agent1", "ready")) {
      Sipp ivr = sipp("call-answered.xml", call("8005558000", "5550155", "sales", null, "https://crm.example/?ani={Ani}"),
          "-d", "200");
      JsonObject offer = agent1.await("offer");
      assertEquals("5550155", offer.getJsonObject("data").getString("ani"));
      assertEquals("https://crm.example/?ani=5550155", offer.getJsonObject("data").getString("url"));
      agent1.send(PhoneClient.answerTo(offer));
      assertTrue(ivr.succeeded(60), ivr.report());
      CallLogRow row = Eventually.await(Duration.ofSeconds(20), () -> callLog("5550155"), r -> r != null);
      assertEquals(1001, row.agentId);
      assertFalse(row.callId.isBlank(), "a generated CallId");
    }
  }

  @Test
  void aboveTheTenantsCallsInProgressNewCallsGet503WithRetryAfter() throws Exception {
    // tenant limited: one call in progress at most
    try (PhoneClient agent1 = agent("limited", "agent1", "busy")) {
      Sipp waiting = sipp("call-cancelled.xml", call("8005557000", "5550166", "sales", null, null), "-d", "4000");
      Eventually.await(Duration.ofSeconds(10), () -> metric("calls_in_progress"), n -> n >= 1); // the tenant's one call
      Sipp refused = sipp("call-refused-busy.xml", call("8005557000", "5550167", "sales", null, null));
      assertTrue(refused.succeeded(30), refused.report());
      assertTrue(refused.messages().contains("Retry-After:"), refused.report());
      assertTrue(waiting.succeeded(30), waiting.report());
      assertEquals(0, callStarts("5550167"), "a refused call runs no Call Start");
    }
  }

  @Test
  void afterTheRfc4475TortureMessagesAndGarbageANormalCallIsStillAnswered() throws Exception {
    Path dir = Path.of(getClass().getResource("/rfc4475/README.md").toURI()).getParent();
    List<Path> messages;
    try (Stream<Path> files = Files.list(dir)) {
      messages = files.filter(p -> p.toString().endsWith(".dat")).sorted().toList();
    }
    assertEquals(49, messages.size());
    try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      InetAddress server = InetAddress.getByName("127.0.0.1");
      for (Path message : messages) {
        byte[] bytes = loopbackOnly(Files.readAllBytes(message));
        socket.send(new DatagramPacket(bytes, bytes.length, server, SIP));
      }
      java.util.Random random = new java.util.Random(4475);
      for (int i = 0; i < 200; i++) {
        byte[] garbage = new byte[1 + random.nextInt(1400)];
        random.nextBytes(garbage);
        socket.send(new DatagramPacket(garbage, garbage.length, server, SIP));
      }
    }
    try (PhoneClient agent1 = agent("demo", "agent1", "ready")) {
      Sipp ivr = sipp("call-answered.xml", call("8005551300", "5550177", "sales", null, null), "-d", "200");
      // Torture INVITEs that are valid calls may be queued ahead of it (agents of earlier tests are
      // still logged in): those are declined, the test's own call is answered.
      JsonObject offer = agent1.await("offer");
      while (!"5550177".equals(offer.getJsonObject("data").getString("ani", null))) {
        agent1.send("{\"type\":\"decline\",\"call\":\"" + offer.getString("call") + "\"}");
        offer = agent1.await("offer");
      }
      agent1.send(PhoneClient.answerTo(offer));
      assertTrue(ivr.succeeded(60), ivr.report());
    }
  }

  @Test
  void thousandsOfCallsLeaveNoDialogOrTransactionBehind() throws Exception {
    try (PhoneClient agent1 = agent("callstest", "agent1", "ready");
        PhoneClient agent2 = agent("callstest", "agent2", "ready")) {
      agent1.autoAnswer();
      agent2.autoAnswer();
      Sipp ivr = sipp("call-answered.xml", call("8005559000", "5550188", "support", null, null),
          "-m", "2000", "-r", "50", "-l", "10", "-d", "0", "-t", "t1");
      assertTrue(ivr.succeeded(180), ivr.report());
      assertEquals(2000, agent1.answeredCount() + agent2.answeredCount());
      for (String gauge : List.of("sip_dialogs", "sip_server_transactions", "sip_client_transactions", "calls_in_progress")) {
        double left = Eventually.await(Duration.ofSeconds(60), () -> metric(gauge), v -> v == 0);
        assertEquals(0, left, gauge);
      }
      assertEquals(2000, Eventually.await(Duration.ofSeconds(60), () -> callLogs("5550188"), n -> n == 2000));
    }
  }

  /** Headers only: example.com names become 127.0.0.1, so nothing resolves names off this machine. */
  private static byte[] loopbackOnly(byte[] message) {
    String text = new String(message, StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\r\n\r\n");
    String head = end < 0 ? text : text.substring(0, end);
    String rest = end < 0 ? "" : text.substring(end);
    head = head.replaceAll("(?i)[a-z0-9.-]*example\\.(com|net|org)", "127.0.0.1");
    return (head + rest).getBytes(StandardCharsets.ISO_8859_1);
  }

  private double metric(String name) {
    return new org.ccphone.support.Api("http://127.0.0.1:" + base.getPort()).metric(name);
  }

  record CallLogRow(int agentId, int segment, int talkTime, int callType, java.sql.Timestamp connect, int trueDuration,
      String dnis, String callId) {}

  private static CallLogRow callLog(String ani) throws Exception {
    try (Connection c = CustomerDatabases.DEMO.connect("demo");
        PreparedStatement s = c.prepareStatement("select AgentId, Segment, TalkTime, CallType, ConnectDateTime, TrueDuration,"
            + " DNIS, CallId from CallLog where ANI = ?")) {
      s.setString(1, ani);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        CallLogRow row = new CallLogRow(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getTimestamp(5),
            rs.getInt(6), rs.getString(7), rs.getString(8));
        assertFalse(rs.next(), "one CallLog row for ANI " + ani);
        return row;
      }
    }
  }

  private static int callLogs(String ani) throws Exception {
    return count("select count(*) from CallLog where ANI = ?", ani);
  }

  private static int callStarts(String ani) throws Exception {
    return count("select count(*) from CallStart where Ani = ? and CallType = 1 and AgentId = 0", ani);
  }

  private static int count(String sql, String ani) throws Exception {
    try (Connection c = CustomerDatabases.DEMO.connect("demo"); PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, ani);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }
}
