package org.ccphone.media.turn;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * Whether the relay answers: a STUN Binding request (RFC 5389) to its UDP address, which every
 * TURN server answers without credentials. Empty when it answered in time, else why not.
 */
public final class TurnProbe {
  private static final int BINDING_REQUEST = 0x0001;
  private static final int BINDING_SUCCESS = 0x0101;
  private static final int MAGIC = 0x2112A442;
  private static final SecureRandom RANDOM = new SecureRandom();

  private TurnProbe() {}

  /** The host and port of a {@code turn:host:port?transport=...} URI (3478 when it names none). */
  public static InetSocketAddress address(String uri) {
    String rest = uri.replaceFirst("^turns?:", "").replaceFirst("\\?.*$", "");
    URI parsed = URI.create("turn://" + rest);
    String host = parsed.getHost();
    if (host == null) {
      throw new IllegalArgumentException("not a turn: URI with a host: " + uri);
    }
    return InetSocketAddress.createUnresolved(host.replaceAll("^\\[|\\]$", ""), parsed.getPort() < 0 ? 3478 : parsed.getPort());
  }

  public static Optional<String> check(InetSocketAddress relay, Duration within) {
    byte[] id = new byte[12];
    RANDOM.nextBytes(id);
    byte[] request = ByteBuffer.allocate(20).putShort((short) BINDING_REQUEST).putShort((short) 0).putInt(MAGIC).put(id).array();
    try (DatagramSocket socket = new DatagramSocket()) {
      InetSocketAddress target = new InetSocketAddress(relay.getHostString(), relay.getPort());
      socket.setSoTimeout((int) Math.max(1, within.toMillis()));
      socket.send(new DatagramPacket(request, request.length, target));
      byte[] buffer = new byte[1500];
      long end = System.nanoTime() + within.toNanos();
      while (System.nanoTime() < end) {
        DatagramPacket answer = new DatagramPacket(buffer, buffer.length);
        socket.receive(answer);
        ByteBuffer in = ByteBuffer.wrap(buffer, 0, answer.getLength());
        boolean ours = answer.getLength() >= 20 && (in.getShort(0) & 0xffff) == BINDING_SUCCESS && in.getInt(4) == MAGIC
            && Arrays.equals(Arrays.copyOfRange(buffer, 8, 20), id);
        if (ours) {
          return Optional.empty();
        }
      }
      return Optional.of("no answer from the TURN server at " + relay + " within " + within.toMillis() + " ms");
    } catch (SocketTimeoutException e) {
      return Optional.of("no answer from the TURN server at " + relay + " within " + within.toMillis() + " ms");
    } catch (IOException | IllegalArgumentException e) {
      return Optional.of("the TURN server at " + relay + " cannot be asked: " + e.getMessage());
    }
  }
}
