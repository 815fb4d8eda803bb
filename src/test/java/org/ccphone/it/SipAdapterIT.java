package org.ccphone.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
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

  @Test
  void everyOtherRequestGetsAFinalAnswer() throws Exception {
    assertEquals("481", status(sip.udp("BYE")), "a BYE outside any call");
    assertEquals("501", status(sip.udp("SUBSCRIBE")));
  }
}
