package org.ccphone.sip.ra.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ccphone.sip.ra.api.DialogEvent;
import org.ccphone.sip.ra.api.InboundRequest;
import org.ccphone.sip.ra.api.SipReply;
import org.ccphone.support.Eventually;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What an INVITE that was redirected (an overflow's 302) leaves behind once its caller ACKed: its
 * server transaction leaves the stack's table after T4 (Timer I) and the heap a linger of one second
 * later. With RFC 3261's default T4 (5 s) and JAIN-SIP's linger (8 s), every call's parsed INVITE
 * stayed reachable for about 13 s, which at hundreds of calls a second is what the young
 * collections copied (docs/performance.md).
 */
class TransactionLifetimeIT {
  private final AtomicReference<WeakReference<Object>> transaction = new AtomicReference<>();
  private ExecutorService workers;
  private SipStackHolder stack;
  private DatagramSocket caller;
  private int port;

  @BeforeEach
  void start() throws Exception {
    workers = Executors.newCachedThreadPool();
    caller = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    caller.setSoTimeout(5000);
    try (DatagramSocket free = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    stack = SipStackHolder.start(new SipStackHolder.StackSettings("127.0.0.1", port, List.of("udp"), 4, 16384, 1 << 20,
        500, SipStackHolder.Overload.DEFAULTS), workers, new SipStackHolder.Inbound() {
          @Override public void request(InboundRequest request, Runnable handling) {
            handling.run();
            if ("INVITE".equals(request.method())) {
              transaction.set(new WeakReference<>(((ServerRequest) request).transaction()));
              request.respond(SipReply.of(302).with("Contact", "<sip:overflow@127.0.0.1:5099>"));
            }
          }
          @Override public void dialogEvent(DialogEvent event) { }
        });
  }

  @AfterEach
  void stop() {
    stack.stop();
    workers.shutdownNow();
    caller.close();
  }

  @Test
  void aRedirectedInviteIsLetGoSoonAfterItsAck() throws Exception {
    String callId = UUID.randomUUID().toString();
    String branch = "z9hG4bK-" + UUID.randomUUID();
    send("INVITE", callId, branch, "");
    String redirect = Eventually.await(Duration.ofSeconds(5), this::receive, r -> !r.startsWith("SIP/2.0 100"));
    assertTrue(redirect.startsWith("SIP/2.0 302"), redirect);
    Matcher toTag = Pattern.compile("(?im)^To:.*;tag=([^;\\s]+)").matcher(redirect);
    assertTrue(toTag.find(), "the 302 has a To tag: " + redirect);
    assertNotNull(transaction.get(), "the INVITE's transaction was seen");
    assertEquals(1, stack.counts().serverTransactions(), "the INVITE's transaction waits for its ACK");

    send("ACK", callId, branch, ";tag=" + toTag.group(1));
    long acked = System.nanoTime();
    // T4 of 500 ms is one tick of the stack's 500 ms timer, so Timer I fires within about a second.
    assertEquals(0, Eventually.await(Duration.ofMillis(2500), () -> stack.counts().serverTransactions(), n -> n == 0, -1),
        "the transaction left the stack's table after Timer I");
    boolean released = Eventually.await(Duration.ofMillis(4000), () -> {
      System.gc();
      return transaction.get().get() == null;
    }, gone -> gone, false);
    assertTrue(released, "the transaction (and its parsed INVITE) was still reachable "
        + (System.nanoTime() - acked) / 1_000_000 + " ms after the ACK");
  }

  private void send(String method, String callId, String branch, String toTag) throws Exception {
    int local = caller.getLocalPort();
    String message = method + " sip:8005550100@127.0.0.1:" + port + " SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 127.0.0.1:" + local + ";branch=" + branch + "\r\n"
        + "Max-Forwards: 70\r\n"
        + "From: <sip:ivr@127.0.0.1:" + local + ">;tag=ivr1\r\n"
        + "To: <sip:8005550100@127.0.0.1:" + port + ">" + toTag + "\r\n"
        + "Call-ID: " + callId + "\r\n"
        + "CSeq: 1 " + method + "\r\n"
        + "Contact: <sip:ivr@127.0.0.1:" + local + ">\r\n"
        + "Content-Length: 0\r\n\r\n";
    byte[] bytes = message.getBytes(StandardCharsets.US_ASCII);
    caller.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
  }

  private String receive() throws Exception {
    byte[] buffer = new byte[8192];
    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
    caller.receive(packet);
    return new String(packet.getData(), 0, packet.getLength(), StandardCharsets.US_ASCII);
  }
}
