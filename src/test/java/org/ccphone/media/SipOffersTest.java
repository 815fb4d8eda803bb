package org.ccphone.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SipOffersTest {
  private static String offer(String mLine, String... attributes) {
    return "v=0\r\no=ivr 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n" + mLine + "\r\n"
        + String.join("\r\n", attributes) + (attributes.length > 0 ? "\r\n" : "");
  }

  @Test
  void g711ByStaticPayloadTypeOrByRtpmapIsBridgeable() {
    assertTrue(SipOffers.bridgeable(offer("m=audio 4000 RTP/AVP 0", "a=rtpmap:0 PCMU/8000")));
    assertTrue(SipOffers.bridgeable(offer("m=audio 4000 RTP/AVP 18 8 101")));
    assertTrue(SipOffers.bridgeable(offer("m=audio 4000 RTP/AVP 96", "a=rtpmap:96 pcma/8000")));
  }

  @Test
  void aLateOfferIsBridgeable() {
    assertTrue(SipOffers.bridgeable(null));
    assertTrue(SipOffers.bridgeable(""));
  }

  @Test
  void anOfferWithoutG711IsNot() {
    assertFalse(SipOffers.bridgeable(offer("m=audio 4000 RTP/AVP 18", "a=rtpmap:18 G729/8000")));
    assertFalse(SipOffers.bridgeable(offer("m=audio 4000 RTP/AVP 9 101", "a=rtpmap:9 G722/8000", "a=rtpmap:101 telephone-event/8000")));
    assertFalse(SipOffers.bridgeable(offer("m=video 4002 RTP/AVP 0")), "PCMU only on a video line is no audio");
    assertFalse(SipOffers.bridgeable(offer("m=audio 0 RTP/AVP 0")), "a declined stream");
  }

  @Test
  void theDirectionOfAnOffer() {
    assertEquals(SipOffers.Direction.SENDRECV, SipOffers.direction(offer("m=audio 4000 RTP/AVP 0")));
    assertEquals(SipOffers.Direction.SENDONLY, SipOffers.direction(offer("m=audio 4000 RTP/AVP 0", "a=sendonly")));
    assertEquals(SipOffers.Direction.INACTIVE, SipOffers.direction(offer("m=audio 4000 RTP/AVP 0", "a=inactive")));
    assertEquals(SipOffers.Direction.SENDONLY,
        SipOffers.direction(offer("m=audio 4000 RTP/AVP 0").replace("c=IN IP4 127.0.0.1", "c=IN IP4 0.0.0.0")),
        "the old way to hold");
  }

  @Test
  void aHoldIsAnsweredWithTheMatchingDirectionAndANewVersion() {
    String ours = offer("m=audio 42100 RTP/AVP 0", "a=rtpmap:0 PCMU/8000", "a=sendrecv");
    String held = SipOffers.answering(ours, SipOffers.Direction.SENDONLY);
    assertTrue(held.contains("m=audio 42100 RTP/AVP 0\r\na=recvonly\r\n") && !held.contains("sendrecv"), held);
    assertTrue(held.contains("o=ivr 1 2 IN IP4 127.0.0.1\r\n"), held);
    String resumed = SipOffers.answering(held, SipOffers.Direction.SENDRECV);
    assertTrue(resumed.contains("a=sendrecv") && resumed.contains("o=ivr 1 3 "), resumed);
    assertEquals(resumed, SipOffers.answering(resumed, SipOffers.Direction.SENDRECV), "nothing changed: the same session");
    assertTrue(SipOffers.answering(ours, SipOffers.Direction.INACTIVE).contains("a=inactive"));
  }
}
