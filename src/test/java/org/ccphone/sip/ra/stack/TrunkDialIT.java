package org.ccphone.sip.ra.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.ccphone.sip.ra.api.DialRequest;
import org.ccphone.sip.ra.api.DialogEvent;
import org.ccphone.sip.ra.api.InboundRequest;
import org.ccphone.sip.ra.api.OutboundRequest;
import org.ccphone.sip.ra.api.PlacedInvite;
import org.ccphone.sip.ra.api.SipConnection.InviteResult;
import org.ccphone.sip.ra.api.SipOutcome;
import org.ccphone.sip.ra.api.TrunkCredentials;
import org.ccphone.support.DigestCheck;
import org.ccphone.support.Eventually;
import org.ccphone.support.Sipp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The adapter's stack placing calls through a SIP trunk (SIPp) on its own, no server: the trunk's
 * digest challenge answered once, the caller id in From and P-Asserted-Identity, progress passed
 * on, a wrong password ending at the trunk's 403, busy, and a CANCEL of a call that only rings.
 * Each ends with nothing left in the stack.
 */
class TrunkDialIT {
  private static final String SDP = "v=0\r\no=cc 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
      + "m=audio 40000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
  private static final String CALLER_ID = "5551001";

  private final List<SipOutcome> progress = new CopyOnWriteArrayList<>();
  private ExecutorService workers;
  private SipStackHolder stack;
  private int port;

  @BeforeEach
  void start() throws Exception {
    workers = Executors.newCachedThreadPool();
    try (DatagramSocket free = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    stack = SipStackHolder.start(new StackSettings("127.0.0.1", port, List.of("udp"), 4, 16384, 1 << 20, StackSettings.Overload.DEFAULTS),
        workers, new StackInbound() {
          @Override public void request(InboundRequest request, Runnable handling) { handling.run(); request.respond(200); }
          @Override public void dialogEvent(DialogEvent event) { }
        });
  }

  @AfterEach
  void stop() {
    stack.stop();
    workers.shutdownNow();
  }

  @Test
  void theTrunksChallengeIsAnsweredAndTheCallerIdIsTheAgents() throws Exception {
    int trunk = port + 1;
    Sipp far = Sipp.start("trunk-answers.xml", port, trunk, Map.of("rtp_port", "40002"));
    InviteResult answered = dial(trunk, "s3cret").result().toCompletableFuture().get(15, TimeUnit.SECONDS);
    assertEquals(200, answered.outcome().status(), answered.toString());
    assertNotNull(answered.dialog(), "the answer opens the call's dialog");
    assertTrue(progress.stream().anyMatch(p -> p.status() == 180), "ringing was passed on: " + progress);
    assertEquals(200, answered.dialog().send(OutboundRequest.of("BYE")).toCompletableFuture().get(15, TimeUnit.SECONDS).status());
    assertTrue(far.succeeded(15), "the trunk took the credentials and the caller id: " + far.report());
    String digest = DigestCheck.lastHeader(far.messages(), "Proxy-Authorization");
    assertTrue(digest != null && DigestCheck.valid(digest, "INVITE", "acme", "s3cret"), "the trunk's digest: " + digest);
    assertTrue(DigestCheck.lastHeader(far.messages(), "P-Asserted-Identity").contains("sip:" + CALLER_ID + "@"));
    assertTrue(DigestCheck.lastHeader(far.messages(), "From").contains("sip:" + CALLER_ID + "@"));
    Eventually.await(Duration.ofSeconds(40), () -> stack.counts().dialogs(), n -> n == 0);
  }

  @Test
  void credentialsTheTrunkRefusesEndTheCallAtItsRefusal() throws Exception {
    int trunk = port + 1;
    Sipp far = Sipp.start("trunk-refuses.xml", port, trunk, Map.of());
    InviteResult refused = dial(trunk, "wrong").result().toCompletableFuture().get(15, TimeUnit.SECONDS);
    assertEquals(403, refused.outcome().status(), refused.toString());
    assertNull(refused.dialog());
    assertTrue(far.succeeded(15), far.report());
  }

  @Test
  void busyIsTheFinalAnswer() throws Exception {
    int trunk = port + 1;
    Sipp far = Sipp.start("trunk-busy.xml", port, trunk, Map.of());
    InviteResult busy = dial(trunk, "s3cret").result().toCompletableFuture().get(15, TimeUnit.SECONDS);
    assertEquals(486, busy.outcome().status(), busy.toString());
    assertTrue(far.succeeded(15), far.report());
  }

  @Test
  void aCallThatOnlyRingsIsCancelled() throws Exception {
    int trunk = port + 1;
    Sipp far = Sipp.start("trunk-rings.xml", port, trunk, Map.of());
    PlacedInvite ringing = dial(trunk, "s3cret");
    Eventually.await(Duration.ofSeconds(10), () -> progress.stream().anyMatch(p -> p.status() == 180), rang -> rang);
    ringing.cancel();
    InviteResult cancelled = ringing.result().toCompletableFuture().get(15, TimeUnit.SECONDS);
    assertEquals(487, cancelled.outcome().status(), cancelled.toString());
    assertTrue(far.succeeded(15), "the trunk got CANCEL and the ACK of its 487: " + far.report());
    Eventually.await(Duration.ofSeconds(40), () -> stack.counts().dialogs(), n -> n == 0);
  }

  private PlacedInvite dial(int trunk, String password) {
    OutboundRequest invite = OutboundRequest.of("INVITE")
        .with("P-Asserted-Identity", "\"Agent One\" <sip:" + CALLER_ID + "@127.0.0.1>").withBody("application/sdp", SDP);
    return stack.dial(new DialRequest(null, "<sip:2001@trunk.test>", "\"Agent One\" <sip:" + CALLER_ID + "@127.0.0.1:" + port + ">",
        invite, "<sip:127.0.0.1:" + trunk + ">", new TrunkCredentials("acme", password), progress::add));
  }
}
