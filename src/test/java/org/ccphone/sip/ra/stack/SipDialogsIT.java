package org.ccphone.sip.ra.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetAddress;
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
import org.ccphone.sip.ra.api.SipConnection.InviteResult;
import org.ccphone.sip.ra.api.SipDialog;
import org.ccphone.sip.ra.api.SipOutcome;
import org.ccphone.support.Sipp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The adapter's stack on its own (no server), against SIPp as the far end over loopback: a new
 * dialog started with INVITE, then a re-INVITE, an INFO and OPTIONS inside it, each with its
 * response coming back as the completion of its request, and an unanswered OPTIONS as a timeout.
 */
class SipDialogsIT {
  private static final String SDP = "v=0\r\no=cc 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
      + "m=audio 40000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";

  private final List<InboundRequest> requests = new CopyOnWriteArrayList<>();
  private final List<DialogEvent> events = new CopyOnWriteArrayList<>();
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
          @Override public void request(InboundRequest request, Runnable handling) { handling.run(); requests.add(request); }
          @Override public void dialogEvent(DialogEvent event) { events.add(event); }
        });
  }

  @AfterEach
  void stop() {
    stack.stop();
    workers.shutdownNow();
  }

  @Test
  void requestsInsideANewDialogComeBackWithTheirResponsesOrTheirTimeout() throws Exception {
    int farPort = port + 1;
    Sipp far = Sipp.start("uas-dialog.xml", port, farPort, Map.of());
    InviteResult invite = stack.dial(DialRequest.to("<sip:far@127.0.0.1:" + farPort + ">", "<sip:callcenter@127.0.0.1:" + port + ">",
        OutboundRequest.of("INVITE").withBody("application/sdp", SDP))).result().toCompletableFuture().get(15, TimeUnit.SECONDS);
    assertEquals(200, invite.outcome().status(), invite.toString());
    assertTrue(invite.outcome().body().contains("m=audio"), "the far end's answer");
    SipDialog dialog = invite.dialog();
    assertNotNull(dialog, "a 2xx carries its dialog");

    SipOutcome reInvite = await(dialog.send(OutboundRequest.of("INVITE").withBody("application/sdp", SDP)));
    assertEquals(200, reInvite.status());
    assertTrue(reInvite.body().contains("a=sendonly"), "the re-INVITE's answer: " + reInvite.body());

    SipOutcome info = await(dialog.send(OutboundRequest.of("INFO")
        .withBody("application/dtmf-relay", "Signal=5\r\nDuration=160\r\n")));
    assertEquals(200, info.status());

    SipOutcome options = await(dialog.send(OutboundRequest.of("OPTIONS")));
    assertEquals(200, options.status());
    assertEquals("application/sdp", options.header("Accept"));

    var second = dialog.send(OutboundRequest.of("OPTIONS")); // the far end receives it and exits without answering
    assertTrue(far.succeeded(30), "the far end got both ACKs and every request: " + far.report());
    SipOutcome unanswered = second.toCompletableFuture().get(60, TimeUnit.SECONDS);
    assertTrue(unanswered.timedOutLocally(), "no answer is a local 408: " + unanswered);
  }

  @Test
  void anInviteToSomethingThatIsNoSipAddressEndsLocallyWithoutADialog() throws Exception {
    InviteResult bad = stack.dial(DialRequest.to("not an address", "<sip:callcenter@127.0.0.1:" + port + ">",
        OutboundRequest.of("INVITE"))).result().toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertTrue(bad.outcome().local(), bad.toString());
    assertEquals(null, bad.dialog());
  }

  private static SipOutcome await(java.util.concurrent.CompletionStage<SipOutcome> stage) throws Exception {
    return stage.toCompletableFuture().get(15, TimeUnit.SECONDS);
  }
}
