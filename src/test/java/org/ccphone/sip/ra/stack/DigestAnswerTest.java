package org.ccphone.sip.ra.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The digest of RFC 2617's own example (section 3.5), with qop=auth. */
class DigestAnswerTest {
  @Test
  void theRfcsExampleGivesTheRfcsResponse() {
    String ha1 = DigestAnswer.md5("Mufasa:testrealm@host.com:Circle Of Life");
    String ha2 = DigestAnswer.md5("GET:/dir/index.html");
    assertEquals("6629fae49393a05397450978507c4ef1",
        DigestAnswer.response(ha1, "dcd98b7102dd2f0e8b11d0f600bfb0c093", "00000001", "0a4f113b", ha2));
  }
}
