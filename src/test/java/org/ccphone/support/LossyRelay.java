package org.ccphone.support;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A lossy network between a browser and the media server, on loopback: a UDP relay that the
 * browser's ICE goes through (the test gives the page the relay's port in place of the media
 * server's candidate) and that drops a share of the RTP and RTCP packets both ways, leaving ICE and
 * DTLS alone. This machine's kernel has no netem, so the loss is made here, in user space.
 */
public final class LossyRelay implements AutoCloseable {
  private final DatagramSocket socket;
  private volatile InetSocketAddress mediaServer;
  private volatile SocketAddress browser;
  private volatile double loss;
  private volatile long dropped;
  private volatile long toServer;
  private volatile long toBrowser;

  public LossyRelay() throws SocketException {
    socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    Thread relay = new Thread(this::relay, "lossy-relay");
    relay.setDaemon(true);
    relay.start();
  }

  public int port() {
    return socket.getLocalPort();
  }

  /** Where the media server's candidate was: what the browser sends goes there. */
  public void mediaServer(int port) {
    mediaServer = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
  }

  /** The share (0 to 1) of RTP and RTCP packets dropped from now on, each way. */
  public void loss(double share) {
    loss = share;
  }

  public long dropped() {
    return dropped;
  }

  /** What went through, for a failing test's message. */
  @Override
  public String toString() {
    return "relay :" + port() + " -> media server " + mediaServer + ", browser " + browser + ": " + toServer
        + " packets to the media server, " + toBrowser + " to the browser, " + dropped + " dropped";
  }

  private void relay() {
    byte[] buffer = new byte[2048];
    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
    while (!socket.isClosed()) {
      try {
        socket.receive(packet);
        // The browser's checks come first (the media server cannot know the relay before them): the
        // first sender is the browser. The media server may answer or check from any of its sockets.
        InetSocketAddress server = mediaServer;
        if (browser == null) {
          browser = packet.getSocketAddress();
        }
        SocketAddress to = browser.equals(packet.getSocketAddress()) ? server : browser;
        if (to == null) {
          continue; // nowhere yet: ICE sends its checks again
        }
        int first = buffer[0] & 0xff;
        boolean media = first >= 128 && first <= 191; // RTP and RTCP (RFC 7983); STUN and DTLS pass
        if (media && ThreadLocalRandom.current().nextDouble() < loss) {
          dropped++;
          continue;
        }
        socket.send(new DatagramPacket(buffer, packet.getLength(), to));
        if (to != browser) {
          toServer++;
        } else {
          toBrowser++;
        }
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  /**
   * The page script that routes the next WebRTC leg through the relay at {@code relayPort}: the
   * media server's first IPv4 UDP candidate is given the relay's port (its real port is left in
   * window.relayTarget) and its others are not used; the browser's own candidates are not sent, so
   * the media server learns the browser's address from the checks the relay brings it.
   */
  public String pageScript() {
    return """
        () => {
          const add = RTCPeerConnection.prototype.addIceCandidate;
          RTCPeerConnection.prototype.addIceCandidate = function (c) {
            const text = (c && c.candidate) || '';
            const m = text.match(/ udp \\d+ 127\\.0\\.0\\.1 (\\d+) typ host/i);
            // Only the media server's first loopback UDP candidate, to the relay; it may be given to
            // more than one peer connection (a leg made again), so it is added each time it comes.
            if (!m || (window.relayTarget && Number(m[1]) !== window.relayTarget)) { return Promise.resolve(); }
            window.relayTarget = Number(m[1]);
            return add.call(this, { ...c, candidate: text.replace(` 127.0.0.1 ${m[1]} `, ` 127.0.0.1 %d `) });
          };
          const send = WebSocket.prototype.send;
          WebSocket.prototype.send = function (data) {
            if (typeof data === 'string' && data.startsWith('{"type":"ice"')) { return; }
            return send.call(this, data);
          };
        }""".formatted(port());
  }

  @Override
  public void close() {
    socket.close();
  }
}
