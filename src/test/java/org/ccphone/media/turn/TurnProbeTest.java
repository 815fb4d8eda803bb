package org.ccphone.media.turn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TurnProbeTest {
  @Test
  void aRelayThatAnswersTheBindingRequestIsUp() throws Exception {
    try (DatagramSocket relay = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      Thread answering = new Thread(() -> {
        try {
          byte[] buffer = new byte[1500];
          DatagramPacket request = new DatagramPacket(buffer, buffer.length);
          relay.receive(request);
          ByteBuffer response = ByteBuffer.allocate(20).putShort((short) 0x0101).putShort((short) 0)
              .put(buffer, 4, 16); // the request's cookie and transaction id
          relay.send(new DatagramPacket(response.array(), 20, request.getSocketAddress()));
        } catch (Exception e) {
          // the test fails on the probe's answer
        }
      });
      answering.start();
      assertEquals(Optional.empty(), TurnProbe.check(new InetSocketAddress("127.0.0.1", relay.getLocalPort()), Duration.ofSeconds(2)));
      answering.join(2000);
    }
  }

  @Test
  void aRelayThatStaysSilentIsDownWithTheReason() throws Exception {
    try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      Optional<String> problem = TurnProbe.check(new InetSocketAddress("127.0.0.1", silent.getLocalPort()), Duration.ofMillis(300));
      assertTrue(problem.isPresent() && problem.get().contains("no answer"), problem.toString());
    }
  }

  @Test
  void theAddressOfATurnUri() {
    assertEquals(InetSocketAddress.createUnresolved("10.0.0.1", 13489), TurnProbe.address("turn:10.0.0.1:13489?transport=udp"));
    assertEquals(InetSocketAddress.createUnresolved("fd00::1", 3478), TurnProbe.address("turn:[fd00::1]?transport=tcp"));
    assertEquals(InetSocketAddress.createUnresolved("relay.example.com", 3478), TurnProbe.address("turn:relay.example.com"));
  }
}
