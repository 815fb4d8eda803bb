package org.ccphone.media.kurento;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SessionDescriptionsTest {
  /** The shape of an RtpEndpoint's own offer (KMS 7.3.0): AVPF, Opus and AMR, and a video stream. */
  private static final String KMS_OFFER = String.join("\r\n",
      "v=0", "o=- 3937 3937 IN IP4 192.0.2.2", "s=Kurento Media Server", "c=IN IP4 192.0.2.2", "t=0 0",
      "m=audio 42100 RTP/AVPF 96 0 8 97", "a=setup:actpass", "a=extmap:3 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time",
      "a=rtpmap:96 opus/48000/2", "a=rtpmap:97 AMR/8000", "a=rtcp:42101", "a=sendrecv", "a=mid:audio0", "a=ssrc:1 cname:x",
      "m=video 42102 RTP/AVPF 102 103", "a=rtpmap:102 VP8/90000", "a=rtcp-fb:102 nack", "a=sendrecv", "");

  @Test
  void aLateOfferIsPlainG711AudioOnly() {
    String offer = SessionDescriptions.g711Offer(KMS_OFFER);
    assertTrue(offer.contains("\r\nm=audio 42100 RTP/AVP 0 8\r\n"), offer);
    assertTrue(offer.contains("a=rtpmap:0 PCMU/8000") && offer.contains("a=rtpmap:8 PCMA/8000"), offer);
    assertTrue(offer.contains("a=rtcp:42101") && offer.contains("a=sendrecv"), offer);
    assertFalse(offer.contains("video") || offer.contains("opus") || offer.contains("AMR") || offer.contains("AVPF")
        || offer.contains("a=setup") || offer.contains("extmap"), offer);
    assertTrue(offer.startsWith("v=0\r\no=- 3937 3937 IN IP4 192.0.2.2\r\n"), offer);
  }

  @Test
  void theSipSideIsToldTheConfiguredAddress() {
    String answer = SessionDescriptions.withAddress(KMS_OFFER, Optional.of("127.0.0.1"));
    assertTrue(answer.contains("o=- 3937 3937 IN IP4 127.0.0.1\r\n") && answer.contains("c=IN IP4 127.0.0.1\r\n"), answer);
    assertFalse(answer.contains("192.0.2.2"), answer);
    assertEquals(KMS_OFFER, SessionDescriptions.withAddress(KMS_OFFER, Optional.empty()));
  }
}
