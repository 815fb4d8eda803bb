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

  /**
   * Where the media server's candidate was: what the browser sends goes there. Another port is
   * another leg, with a browser socket of its own: the next sender is taken as the browser.
   */
  public synchronized void mediaServer(int port) {
    InetSocketAddress target = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    if (!target.equals(mediaServer)) {
      browser = null;
      mediaServer = target;
    }
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
   * Routes the page's WebRTC legs through the relay: for each peer connection, the media server's
   * first loopback UDP candidate of component 1 (RTP, which carries RTCP too) is given the relay's port, and the relay is told that candidate's
   * real port before the browser can use it (the last one is also left in window.relayTarget). A
   * leg made again has a port of its own, and the relay follows it. The media server's other
   * candidates are not used, and the browser's own are not sent, so the media server learns the
   * browser's address from the checks the relay brings it.
   */
  public void attach(com.microsoft.playwright.Page page) {
    page.exposeFunction("relayTo", args -> {
      mediaServer(((Number) args[0]).intValue());
      return null;
    });
    page.evaluate("""
        () => {
          const add = RTCPeerConnection.prototype.addIceCandidate;
          window.relayLog = [];
          RTCPeerConnection.prototype.addIceCandidate = async function (c) {
            const text = (c && c.candidate) || '';
            window.relayLog.push(text.replace(/^candidate:/, '').slice(0, 60) + ' / ' + this.signalingState);
            // Component 1 only: the browser multiplexes RTCP on the RTP socket (rtcp-mux), so a
            // component 2 candidate, which the media server may send first, is never used.
            const m = text.match(/^(?:candidate:)?\\S+ 1 udp \\d+ 127\\.0\\.0\\.1 (\\d+) typ host/i);
            if (!m || (this.relayTarget && Number(m[1]) !== this.relayTarget)) { return; }
            if (!this.relayTarget) {
              this.relayTarget = Number(m[1]);
              window.relayTarget = this.relayTarget;
              await window.relayTo(this.relayTarget);
            }
            return add.call(this, { ...c, candidate: text.replace(` 127.0.0.1 ${m[1]} `, ` 127.0.0.1 %d `) });
          };
          const send = WebSocket.prototype.send;
          WebSocket.prototype.send = function (data) {
            if (typeof data === 'string' && data.startsWith('{"type":"ice"')) { return; }
            return send.call(this, data);
          };
        }""".formatted(port()));
  }

  @Override
  public void close() {
    socket.close();
  }
}
