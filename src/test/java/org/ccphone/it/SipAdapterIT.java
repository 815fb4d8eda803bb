package org.ccphone.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
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

  private static String status(String statusLine) {
    return statusLine.startsWith("SIP/2.0 ") ? statusLine.substring(8, 11) : statusLine;
  }

  @Test
  void everyOtherRequestGetsAFinalAnswer() throws Exception {
    assertEquals("481", status(sip.udp("BYE")), "a BYE outside any call");
    assertEquals("501", status(sip.udp("SUBSCRIBE")));
  }
}
