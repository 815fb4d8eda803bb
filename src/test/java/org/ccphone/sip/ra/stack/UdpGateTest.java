package org.ccphone.sip.ra.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.ccphone.sip.ra.stack.UdpGate.Verdict;
import org.junit.jupiter.api.Test;

class UdpGateTest {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final AtomicBoolean admissionRefuses = new AtomicBoolean();
  private final UdpGate gate = new UdpGate(admissionRefuses::get, 5, now::get);

  private static String invite(String callId, String branch, String toTag) {
    return "INVITE sip:8005552010@127.0.0.1:5060 SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 10.0.0.7:5070;branch=" + branch + ";rport\r\n"
        + "v: SIP/2.0/UDP 10.0.0.1:5080;branch=z9hG4bK-proxy\r\n"
        + "From: \"IVR\" <sip:5551@10.0.0.7:5070>;tag=ivr1\r\n"
        + "t: <sip:8005552010@127.0.0.1:5060>" + (toTag == null ? "" : ";tag=" + toTag) + "\r\n"
        + "i: " + callId + "\r\n"
        + "CSeq: 1 INVITE\r\n"
        + "X-Dnis: 8005552010\r\n"
        + "Content-Type: application/sdp\r\n"
        + "Content-Length: 4\r\n\r\nv=0\n";
  }

  private static NewInviteDatagram read(String text) {
    byte[] bytes = ("junk" + text).getBytes(StandardCharsets.ISO_8859_1);
    return NewInviteDatagram.read(bytes, 4, bytes.length - 4);
  }

  @Test
  void aNewInviteIsReadFromItsHeaderLinesCompactFormsToo() {
    NewInviteDatagram invite = read(invite("call-1@ivr", "z9hG4bK-1", null));
    assertNotNull(invite);
    assertTrue(invite.invite());
    assertEquals(2, invite.vias().size());
    assertEquals("call-1@ivr|z9hG4bK-1", invite.transactionKey());
    assertTrue(invite.viaRport());
    assertEquals(5070, invite.viaPort());
  }

  @Test
  void whatDoesNotStartACallIsLeftToTheStack() {
    assertNull(read(invite("call-1@ivr", "z9hG4bK-1", "ours")), "a re-INVITE inside a dialog");
    assertNull(read("BYE sip:x@y SIP/2.0\r\nVia: SIP/2.0/UDP a;branch=z9hG4bK-2\r\n\r\n"));
    assertNull(read("SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP a;branch=z9hG4bK-2\r\n\r\n"), "a response");
    assertNull(read("INVITE sip:x@y SIP/2.0\r\nFrom: <sip:a@b>;tag=1\r\n\r\n"), "no Via, To, Call-ID or CSeq");
    assertNull(read("INVITE sip:x@y SIP/2.0"), "no line end");
    assertNull(read(invite("call-1@ivr", "", null)), "no branch");
    assertNull(read(invite("call-1@ivr", "z9hG4bK-1", null).replace("i: call-1@ivr\r\n", "i: call-1@ivr\r\n ivr2\r\n")),
        "a folded header");
  }

  @Test
  void theRefusalCopiesTheInvitesHeadersAndAddsAToTagAndRetryAfter() {
    NewInviteDatagram invite = read(invite("call-1@ivr", "z9hG4bK-1", null));
    String refusal = new String(gate.refusal(invite), StandardCharsets.ISO_8859_1);
    assertTrue(refusal.startsWith("SIP/2.0 503 Service Unavailable\r\n"), refusal);
    assertTrue(refusal.contains("Via: SIP/2.0/UDP 10.0.0.7:5070;branch=z9hG4bK-1;rport\r\nVia: SIP/2.0/UDP 10.0.0.1:5080;branch=z9hG4bK-proxy\r\n"), refusal);
    assertTrue(refusal.contains("From: \"IVR\" <sip:5551@10.0.0.7:5070>;tag=ivr1\r\n"), refusal);
    assertTrue(refusal.matches("(?s).*To: <sip:8005552010@127.0.0.1:5060>;tag=[0-9a-f]+\r\n.*"), refusal);
    assertTrue(refusal.contains("Call-ID: call-1@ivr\r\nCSeq: 1 INVITE\r\nRetry-After: 5\r\nContent-Length: 0\r\n\r\n"), refusal);
    assertEquals(refusal, new String(gate.refusal(invite), StandardCharsets.ISO_8859_1), "the same tag for a retransmission");
  }

  @Test
  void newInvitesPassWhileTheStackKeepsUpAndAdmissionTakesCalls() {
    assertEquals(Verdict.PASS, gate.judge(read(invite("a", "z9hG4bK-a", null)), 20));
    assertEquals(Verdict.PASS, gate.judge(null, 5_000), "what is not a new INVITE always goes to the stack");
    assertEquals(0, gate.refusals());
  }

  @Test
  void newInvitesAreRefusedWhileTheStackIsBehindOrAdmissionRefuses() {
    assertEquals(Verdict.REFUSE, gate.judge(read(invite("a", "z9hG4bK-a", null)), UdpGate.BEHIND_MILLIS + 1));
    admissionRefuses.set(true);
    assertEquals(Verdict.REFUSE, gate.judge(read(invite("b", "z9hG4bK-b", null)), 0));
    assertEquals(2, gate.refusals());
  }

  @Test
  void aRefusedInviteIsRefusedAgainWhenRetransmittedAndItsAckIsAbsorbed() {
    String refused = invite("a", "z9hG4bK-a", null);
    assertEquals(Verdict.REFUSE, gate.judge(read(refused), 500));
    assertEquals(Verdict.REFUSE, gate.judge(read(refused), 0), "the overload is over, but this one was answered 503");
    String ack = "ACK sip:8005552010@127.0.0.1:5060 SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.7:5070;branch=z9hG4bK-a\r\n"
        + "From: <sip:5551@10.0.0.7>;tag=ivr1\r\nTo: <sip:8005552010@127.0.0.1>;tag=x\r\nCall-ID: a\r\nCSeq: 1 ACK\r\n\r\n";
    assertEquals(Verdict.ABSORB, gate.judge(read(ack), 0));
    assertEquals(Verdict.PASS, gate.judge(read(ack.replace("Call-ID: a", "Call-ID: other")), 0), "another call's ACK");
    now.addAndGet(TimeUnit.SECONDS.toNanos(41));
    assertEquals(Verdict.PASS, gate.judge(read(refused), 0), "forgotten after Timer B and then some");
  }

  @Test
  void aRetransmissionOfAnInviteLetThroughNeverGetsA503() {
    String taken = invite("a", "z9hG4bK-a", null);
    assertEquals(Verdict.PASS, gate.judge(read(taken), 0));
    admissionRefuses.set(true);
    assertEquals(Verdict.PASS, gate.judge(read(taken), 900), "its transaction answers it");
    assertEquals(Verdict.REFUSE, gate.judge(read(invite("b", "z9hG4bK-b", null)), 900));
  }
}
