package org.ccphone.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import jakarta.json.JsonObject;
import org.ccphone.support.Api;
import org.ccphone.support.CustomerDatabases;
import org.ccphone.support.Eventually;
import org.ccphone.support.SipProbe;
import org.junit.jupiter.api.Test;

/**
 * The SIP resource adapter (a RAR over JAIN-SIP, deployed before the WAR) answering real SIP on
 * loopback through the WAR's message-driven bean. Call routing comes with the inbound calls issue.
 */
class SipAdapterIT extends ArquillianIT {
  private final SipProbe sip = new SipProbe(15060);

  @Test
  void optionsIsAnsweredOverUdpAndTcp() throws Exception {
    assertEquals("200", status(sip.udp("OPTIONS")));
    assertEquals("200", status(sip.tcp("OPTIONS")));
  }

  @Test
  void garbageDatagramsDoNotStopTheStack() throws Exception {
    byte[] binary = {0, (byte) 0xff, 3, 4};
    byte[] text = "NOT SIP AT ALL\r\n\r\n".getBytes(StandardCharsets.UTF_8);
    byte[] half = "INVITE sip:x SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.UTF_8);
    assertEquals("200", status(sip.udp("OPTIONS", binary, text, half)));
  }

  @Test
  void anInviteNoAgentCouldTakeOverflowsToItsCallCenterWithItsCallStartAndCallLogRows() throws Exception {
    String answer = sip.invite(Map.of("X-Dnis", "8005551000", "X-Ani", "5550001", "X-Skills", "sales",
        "X-CallCenter", "sip:overflow@127.0.0.1:5070"));
    assertEquals("302", status(answer));
    assertTrue(answer.contains("sip:overflow@127.0.0.1:5070"), answer);
    long[] row = Eventually.await(Duration.ofSeconds(20), () -> callLog("8005551000"), r -> r != null);
    assertEquals(0, row[0], "AgentId 0");
    assertEquals(0, row[1], "TalkTime 0");
    assertEquals(1, callStarts("8005551000"));
  }

  @Test
  void anInviteNoAgentCouldTakeWithoutCallCenterIs480() throws Exception {
    String answer = sip.invite(Map.of("X-Dnis", "8005552000", "X-Ani", "5550002", "X-Skills", "spanish"));
    assertEquals("480", status(answer));
    assertTrue(Eventually.await(Duration.ofSeconds(20), () -> callLog("8005552000"), r -> r != null) != null);
  }

  @Test
  void callDataOverItsBoundsIs400NamingTheHeaderAndNoCallStartRuns() throws Exception {
    String skills = sip.invite(Map.of("X-Dnis", "8005553001", "X-Ani", "5550003", "X-Skills", "a,b,c,d,e,f,g,h,i,j,k"));
    assertEquals("400", status(skills), skills);
    assertTrue(skills.contains("Warning: 399 callcenter \"X-Skills names more than 10 skills\""), skills);
    String ani = sip.invite(Map.of("X-Dnis", "8005553001", "X-Ani", "5".repeat(65)));
    assertEquals("400", status(ani), ani);
    assertTrue(ani.contains("X-Ani is longer than 64 characters"), ani);
    assertEquals(0, callStarts("8005553001"));
    assertTrue(new Api("http://127.0.0.1:" + base.getPort()).metric("calls_refused_call_data_too_large") >= 2);
  }

  /**
   * The test server takes SIP from 127.0.0.0/30 only, and tenant callstest from 127.0.0.1 only: an
   * INVITE from 127.0.0.9, or from 127.0.0.2 for callstest, gets 403 and runs no Call Start.
   */
  @Test
  void anInviteFromOutsideTheAllowedNetworksGets403AndNoCallStart() throws Exception {
    String outsider = sip.inviteFrom("127.0.0.9", Map.of("X-Dnis", "8005553010", "X-Ani", "5550010", "X-Skills", "sales"));
    assertEquals("403", status(outsider), outsider);
    String notTheTenants = sip.inviteFrom("127.0.0.2", Map.of("X-AppId", "callstest", "X-Dnis", "8005553011",
        "X-Ani", "5550011", "X-Skills", "support"));
    assertEquals("403", status(notTheTenants), notTheTenants);
    String demoFromThere = sip.inviteFrom("127.0.0.2", Map.of("X-Dnis", "8005553012", "X-Ani", "5550012", "X-Skills", "spanish"));
    assertEquals("480", status(demoFromThere), "another tenant takes it from 127.0.0.2: " + demoFromThere);
    assertEquals(0, callStarts("8005553010") + callStarts("8005553011"));
    assertTrue(new Api("http://127.0.0.1:" + base.getPort()).metric("calls_refused_untrusted_source") >= 2);
  }

  /** SDES keys in an offer over UDP would cross in clear; a tenant that requires SRTP takes no plain offer. */
  @Test
  void srtpOnlyOverTlsAndNoPlainOfferWhereTheTenantRequiresIt() throws Exception {
    String savp = sip.invite(Map.of("X-Dnis", "8005553020", "X-Ani", "5550020", "X-Skills", "sales"), offer("RTP/SAVP",
        "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:d0RmdmcmVCspeEc3QGZiNWpVLFJhQX1cfHAwJSoj\r\n"));
    assertEquals("488", status(savp), savp);
    assertTrue(savp.contains("only over SIP TLS"), savp);
    String plain = sip.invite(Map.of("X-AppId", "secure", "X-Dnis", "8005554000", "X-Ani", "5550021", "X-Skills", "sales"),
        offer("RTP/AVP", ""));
    assertEquals("488", status(plain), "tenant secure requires SRTP: " + plain);
    assertEquals(0, callStarts("8005553020") + callStarts("8005554000"));
    assertTrue(new Api("http://127.0.0.1:" + base.getPort()).metric("calls_refused_media_not_secure") >= 2);
  }

  private static String offer(String profile, String crypto) {
    return "v=0\r\no=ivr 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 40000 " + profile
        + " 0\r\na=rtpmap:0 PCMU/8000\r\n" + crypto;
  }

  /** The INVITE that once stopped every tenant's figures being stored: "support" in its 128 spellings. */
  @Test
  void theCaseVariantsOfASkillAreOneSkillAndTheFiguresGoOnBeingStored() throws Exception {
    java.util.List<String> variants = new java.util.ArrayList<>();
    for (int mask = 0; mask < 128; mask++) {
      StringBuilder s = new StringBuilder();
      for (int i = 0; i < 7; i++) {
        s.append((mask & (1 << i)) != 0 ? Character.toUpperCase("support".charAt(i)) : "support".charAt(i));
      }
      variants.add(s.toString());
    }
    Api api = api();
    String agent2 = api.token("callstest", "agent2", "agent2"); // skill support, not ready: the call waits its 5 s, then overflows
    try {
      String answer = sip.invite(Map.of("X-AppId", "callstest", "X-Dnis", "8005553002", "X-Ani", "5550004",
          "X-Skills", String.join(",", variants), "X-CallCenter", "sip:overflow@127.0.0.1:5070"));
      assertEquals("302", status(answer), "taken, with its skills folded: " + answer);
      assertEquals(1, callStarts("8005553002"));
      String supervisor = api.token("callstest", "super1", "super1");
      JsonObject support = Eventually.await(Duration.ofSeconds(10), () -> api.get("/api/apps/callstest/figures", supervisor)
          .json().getJsonArray("queues").getValuesAs(JsonObject.class).stream()
          .filter(q -> "support".equals(q.getString("queue"))).findFirst().orElse(null), q -> q != null && q.getInt("overflowed") >= 1);
      assertTrue(support.getInt("offered") >= 1, support.toString());
      for (String appId : new String[] {"callstest", "demo"}) {
        JsonObject figures = api.get("/api/apps/" + appId + "/health", null).json().getJsonObject("figures");
        assertEquals(0, figures.getInt("setAside"), appId + ": " + figures);
      }
    } finally {
      api.delete("/api/sessions/current", agent2);
    }
  }

  /** {AgentId, TalkTime} of the CallLog row of a dialed number, or null; its CallId is never empty. */
  private static long[] callLog(String dnis) throws Exception {
    try (Connection c = CustomerDatabases.DEMO.connect("demo");
        PreparedStatement s = c.prepareStatement("select AgentId, TalkTime, CallId, ANI from CallLog where DNIS = ?")) {
      s.setString(1, dnis);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        assertTrue(rs.getString(3) != null && !rs.getString(3).isBlank(), "a CallId");
        return new long[] {rs.getInt(1), rs.getInt(2)};
      }
    }
  }

  private static int callStarts(String dnis) throws Exception {
    try (Connection c = CustomerDatabases.DEMO.connect("demo");
        PreparedStatement s = c.prepareStatement("select count(*) from CallStart where Dnis = ? and CallType = 1 and AgentId = 0")) {
      s.setString(1, dnis);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  private static String status(String statusLine) {
    return statusLine.startsWith("SIP/2.0 ") ? statusLine.substring(8, 11) : statusLine;
  }

  @Test
  void aRequestWithAMalformedHeaderGets400() throws Exception {
    String answer = sip.udpRaw(port -> SipProbe.request("OPTIONS", "UDP", port, "bad1", "bad1@127.0.0.1")
        .replace("CSeq: 1 OPTIONS", "CSeq: one OPTIONS"));
    assertEquals("400", status(answer), answer);
    assertEquals("200", status(sip.udp("OPTIONS")), "and the stack goes on serving");
  }

  /** A connection that starts a message and stops sending is closed after the read timeout (5 s). */
  @Test
  void aTcpPeerThatStopsHalfWayThroughAMessageIsCutOff() throws Exception {
    try (java.net.Socket socket = new java.net.Socket()) {
      socket.connect(new java.net.InetSocketAddress("127.0.0.1", 15060), 5000);
      socket.setSoTimeout(30_000);
      socket.getOutputStream().write("OPTIONS sip:ivr@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.1:1;branch=z9hG4bKslow\r\n"
          .getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      long start = System.nanoTime();
      int read = socket.getInputStream().read(); // nothing comes back; the server closes its end
      long waited = (System.nanoTime() - start) / 1_000_000;
      assertEquals(-1, read);
      assertTrue(waited >= 4000 && waited < 20_000, "closed after the read timeout: " + waited + " ms");
    }
    assertEquals("200", status(sip.tcp("OPTIONS")), "and TCP goes on serving");
  }

  @Test
  void everyOtherRequestGetsAFinalAnswer() throws Exception {
    assertEquals("481", status(sip.udp("BYE")), "a BYE outside any call");
    assertEquals("501", status(sip.udp("SUBSCRIBE")));
  }
}
