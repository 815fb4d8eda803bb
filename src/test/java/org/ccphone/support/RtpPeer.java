package org.ccphone.support;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The caller's media as test code plays it (not SIPp): a PCMU tone sent as RTP every 20 ms, and the
 * PCMU received decoded, so that a test can tell which tone reached the SIP side. Symmetric RTP:
 * the tone goes to wherever the media server's packets come from.
 */
public final class RtpPeer implements AutoCloseable {
  private static final int SAMPLES = 160; // 20 ms at 8 kHz
  private final DatagramSocket socket;
  private final double toneHz;
  private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor();
  private final Thread receiver;
  private final List<short[]> received = new ArrayList<>();
  private volatile SocketAddress mediaServer;
  private int sequence;
  private long phase;
  /** The first and the highest sequence number received, unwrapped, for the packets lost on the way. */
  private long firstSequence = -1;
  private long highestSequence = -1;

  /** Listens on 127.0.0.1 at a free port and sends {@code toneHz} once the media server is heard from. */
  public RtpPeer(double toneHz) throws SocketException {
    this.socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    this.toneHz = toneHz;
    this.receiver = new Thread(this::receive, "rtp-peer");
    receiver.setDaemon(true);
    receiver.start();
    sender.scheduleAtFixedRate(this::sendTone, 20, 20, TimeUnit.MILLISECONDS);
  }

  public int port() {
    return socket.getLocalPort();
  }

  /** Packets received so far. */
  public synchronized int packets() {
    return received.size();
  }

  private void receive() {
    byte[] buffer = new byte[2048];
    while (!socket.isClosed()) {
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        socket.receive(packet);
      } catch (IOException e) {
        return;
      }
      if (packet.getLength() <= 12 || (buffer[1] & 0x7f) != 0) {
        continue; // not PCMU (RTCP, or another payload type)
      }
      mediaServer = packet.getSocketAddress();
      int seq = ((buffer[2] & 0xff) << 8) | (buffer[3] & 0xff);
      int header = 12 + 4 * (buffer[0] & 0x0f);
      short[] pcm = new short[packet.getLength() - header];
      for (int i = 0; i < pcm.length; i++) {
        pcm[i] = ulawToLinear(buffer[header + i]);
      }
      synchronized (this) {
        received.add(pcm);
        if (firstSequence < 0) {
          firstSequence = highestSequence = seq;
        } else {
          long unwrapped = highestSequence + (short) (seq - (int) (highestSequence & 0xffff)); // nearest to the highest
          highestSequence = Math.max(highestSequence, unwrapped);
        }
      }
    }
  }

  private void sendTone() {
    SocketAddress to = mediaServer;
    if (to == null) {
      return;
    }
    ByteBuffer rtp = ByteBuffer.allocate(12 + SAMPLES);
    rtp.put((byte) 0x80).put((byte) 0).putShort((short) sequence++).putInt((int) phase).putInt(0x5eed1234);
    for (int i = 0; i < SAMPLES; i++, phase++) {
      rtp.put(linearToUlaw((short) (8000 * Math.sin(2 * Math.PI * toneHz * phase / 8000.0))));
    }
    try {
      socket.send(new DatagramPacket(rtp.array(), rtp.capacity(), to));
    } catch (IOException e) {
      // the test reads what arrived; a lost send shows there
    }
  }

  /** Packets the media server sent that never arrived: the sequence numbers' span less what came. */
  public synchronized long lost() {
    return firstSequence < 0 ? 0 : Math.max(0, highestSequence - firstSequence + 1 - received.size());
  }

  /** The strongest frequency (5 Hz steps, 200-2000 Hz) in the last {@code packets} packets received. */
  public synchronized double dominantHz(int packets) {
    return dominantHz(Math.max(0, received.size() - packets), received.size());
  }

  /** The strongest frequency in the packets received from number {@code from} (inclusive) to {@code to}. */
  public synchronized double dominantHz(int from, int to) {
    List<short[]> last = received.subList(from, to);
    int n = last.stream().mapToInt(p -> p.length).sum();
    double[] samples = new double[n];
    int k = 0;
    for (short[] p : last) {
      for (short s : p) {
        samples[k++] = s;
      }
    }
    return Tones.strongest(samples, 8000, 200, 2000)[0];
  }

  /**
   * Whether every one of {@code tones} is heard in the last {@code packets} packets: each within
   * 15 Hz is over 20 times as strong as the strongest in a band nobody speaks in (1500-1900 Hz).
   */
  public synchronized boolean hearsAll(int packets, double... tones) {
    double[] samples = lastSamples(packets);
    if (samples.length == 0) {
      return false;
    }
    double quiet = Tones.strongest(samples, 8000, 1500, 1900)[1];
    for (double hz : tones) {
      if (Tones.strongest(samples, 8000, hz - 15, hz + 15)[1] < 20 * quiet) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether {@code hz} is absent from the last {@code packets} packets: within 15 Hz it is under 5
   * times the strongest in a band nobody speaks in (1500-1900 Hz). Meaningful only while other
   * tones are heard in the same packets.
   */
  public synchronized boolean hearsNone(int packets, double hz) {
    double[] samples = lastSamples(packets);
    if (samples.length == 0) {
      return false;
    }
    double quiet = Tones.strongest(samples, 8000, 1500, 1900)[1];
    return Tones.strongest(samples, 8000, hz - 15, hz + 15)[1] < 5 * quiet;
  }

  /** The samples of the last {@code packets} packets received, in order. */
  private double[] lastSamples(int packets) {
    List<short[]> last = received.subList(Math.max(0, received.size() - packets), received.size());
    return last.stream().flatMapToInt(p -> { int[] v = new int[p.length]; for (int i = 0; i < p.length; i++) { v[i] = p[i]; } return java.util.Arrays.stream(v); })
        .asDoubleStream().toArray();
  }

  static short ulawToLinear(byte ulaw) {
    int u = ~ulaw & 0xff;
    int t = ((u & 0x0f) << 3) + 0x84;
    t <<= (u & 0x70) >> 4;
    return (short) ((u & 0x80) != 0 ? 0x84 - t : t - 0x84);
  }

  static byte linearToUlaw(short linear) {
    int sign = linear < 0 ? 0x80 : 0;
    int magnitude = Math.min(Math.abs((int) linear), 32635) + 0x84;
    int exponent = 7;
    for (int mask = 0x4000; (magnitude & mask) == 0 && exponent > 0; mask >>= 1) {
      exponent--;
    }
    int mantissa = (magnitude >> (exponent + 3)) & 0x0f;
    return (byte) ~(sign | (exponent << 4) | mantissa);
  }

  @Override
  public void close() {
    sender.shutdownNow();
    socket.close();
  }
}
