package org.ccphone.call.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The status of a REFER's NOTIFY body. */
class SipfragTest {
  @Test
  void theStatusLineGivesTheStatusAndAnythingElseIsNotFinal() {
    assertEquals(200, Sipfrag.status("SIP/2.0 200 OK\r\n"));
    assertEquals(100, Sipfrag.status("SIP/2.0 100 Trying"));
    assertEquals(503, Sipfrag.status("  SIP/2.0 503 Service Unavailable\r\nRetry-After: 5\r\n"));
    assertEquals(0, Sipfrag.status(null));
    assertEquals(0, Sipfrag.status("INVITE sip:3001@ivr SIP/2.0"));
  }
}
