package org.ccphone.support;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Sends hand-written SIP requests over loopback and reads the first line of the answer. */
public final class SipProbe {
  private final int serverPort;

  public SipProbe(int serverPort) {
    this.serverPort = serverPort;
  }

  public static String request(String method, String transport, int localPort, String branch, String callId) {
    return method + " sip:ivr@127.0.0.1 SIP/2.0\r\n"
        + "Via: SIP/2.0/" + transport + " 127.0.0.1:" + localPort + ";branch=z9hG4bK" + branch + "\r\n"
        + "Max-Forwards: 70\r\n"
        + "From: <sip:probe@127.0.0.1>;tag=" + branch + "\r\n"
        + "To: <sip:ivr@127.0.0.1>\r\n"
        + "Call-ID: " + callId + "\r\n"
        + "CSeq: 1 " + method + "\r\n"
        + "Contact: <sip:probe@127.0.0.1:" + localPort + ">\r\n"
        + "Content-Length: 0\r\n\r\n";
  }

  /**
   * Sends one request as text by UDP, built for the probe's local port, and returns the status line
   * of its final answer, or "none" when nothing came back within 3 s.
   */
  public String udpRaw(java.util.function.IntFunction<String> message) throws Exception {
    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
      socket.setSoTimeout(3000);
      byte[] out = message.apply(socket.getLocalPort()).getBytes(StandardCharsets.UTF_8);
      socket.send(new DatagramPacket(out, out.length, InetAddress.getLoopbackAddress(), serverPort));
      byte[] in = new byte[65536];
      while (true) {
        DatagramPacket packet = new DatagramPacket(in, in.length);
        try {
          socket.receive(packet);
        } catch (java.net.SocketTimeoutException e) {
          return "none";
        }
        String line = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8).lines().findFirst().orElse("");
        if (!line.startsWith("SIP/2.0 1")) {
          return line;
        }
      }
    }
  }

  /** Sends raw bytes by UDP, then a request, and returns the status line of its answer. */
  public String udp(String method, byte[]... before) throws Exception {
    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
      socket.setSoTimeout(5000);
      InetAddress server = InetAddress.getLoopbackAddress();
      for (byte[] junk : before) {
        socket.send(new DatagramPacket(junk, junk.length, server, serverPort));
      }
      byte[] out = request(method, "UDP", socket.getLocalPort(), UUID.randomUUID().toString(), UUID.randomUUID() + "@127.0.0.1")
          .getBytes(StandardCharsets.UTF_8);
      socket.send(new DatagramPacket(out, out.length, server, serverPort));
      byte[] in = new byte[65536];
      while (true) {
        DatagramPacket packet = new DatagramPacket(in, in.length);
        socket.receive(packet);
        String line = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8).lines().findFirst().orElse("");
        if (!line.startsWith("SIP/2.0 1")) {
          return line; // the final response
        }
      }
    }
  }

  /** Sends an INVITE with these extra headers by UDP and returns the whole final response. */
  public String invite(java.util.Map<String, String> headers) throws Exception {
    return inviteFrom("127.0.0.1", headers);
  }

  /** As {@link #invite}, sent from another local address (another loopback address: 127.0.0.2). */
  public String inviteFrom(String localAddress, java.util.Map<String, String> headers) throws Exception {
    return inviteFrom(localAddress, headers, null);
  }

  /** Sends an INVITE with these extra headers and this SDP offer by UDP; returns the whole final response. */
  public String invite(java.util.Map<String, String> headers, String sdp) throws Exception {
    return inviteFrom("127.0.0.1", headers, sdp);
  }

  private String inviteFrom(String localAddress, java.util.Map<String, String> headers, String sdp) throws Exception {
    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(localAddress, 0))) {
      socket.setSoTimeout(15000);
      StringBuilder extra = new StringBuilder();
      headers.forEach((k, v) -> extra.append(k).append(": ").append(v).append("\r\n"));
      String request = request("INVITE", "UDP", socket.getLocalPort(), UUID.randomUUID().toString(), UUID.randomUUID() + "@127.0.0.1")
          .replace("127.0.0.1:" + socket.getLocalPort(), localAddress + ":" + socket.getLocalPort());
      String body = sdp == null ? "" : sdp;
      request = request.replace("Content-Length: 0\r\n\r\n", extra + (sdp == null ? "" : "Content-Type: application/sdp\r\n")
          + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body);
      byte[] out = request.getBytes(StandardCharsets.UTF_8);
      socket.send(new DatagramPacket(out, out.length, InetAddress.getLoopbackAddress(), serverPort));
      byte[] in = new byte[65536];
      while (true) {
        DatagramPacket packet = new DatagramPacket(in, in.length);
        socket.receive(packet);
        String response = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
        if (!response.startsWith("SIP/2.0 1")) {
          return response;
        }
      }
    }
  }

  /** Sends a request over TCP and returns the status line of the final answer. */
  public String tcp(String method) throws Exception {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", serverPort), 5000);
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      out.write(request(method, "TCP", socket.getLocalPort(), UUID.randomUUID().toString(), UUID.randomUUID() + "@127.0.0.1")
          .getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = socket.getInputStream();
      StringBuilder line = new StringBuilder();
      int c;
      while ((c = in.read()) != -1 && c != '\r') {
        line.append((char) c);
      }
      return line.toString();
    }
  }
}
