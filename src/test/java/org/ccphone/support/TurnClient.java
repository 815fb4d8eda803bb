package org.ccphone.support;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Just enough of a TURN client (RFC 5766, over UDP, long-term credentials) to ask a relay for an
 * allocation and then for permission to relay to a peer: the answer's STUN error code, or 0 for
 * success.
 */
public final class TurnClient implements AutoCloseable {
  private static final int MAGIC = 0x2112A442;
  private static final int ALLOCATE = 0x0003;
  private static final int CREATE_PERMISSION = 0x0008;
  private static final int USERNAME = 0x0006;
  private static final int MESSAGE_INTEGRITY = 0x0008;
  private static final int ERROR_CODE = 0x0009;
  private static final int XOR_PEER_ADDRESS = 0x0012;
  private static final int REALM = 0x0014;
  private static final int NONCE = 0x0015;
  private static final int REQUESTED_TRANSPORT = 0x0019;

  private final DatagramSocket socket;
  private final InetSocketAddress relay;
  private final String username;
  private final String password;
  private byte[] realm;
  private byte[] nonce;

  public TurnClient(InetSocketAddress relay, String username, String password) throws IOException {
    this.socket = new DatagramSocket();
    this.socket.setSoTimeout(3000);
    this.relay = relay;
    this.username = username;
    this.password = password;
  }

  /** Allocates a relayed address: 0 when granted, else the error code (401 when the credentials are refused). */
  public int allocate() throws Exception {
    Response first = exchange(ALLOCATE, false, new byte[] {17, 0, 0, 0}, -1, null);
    if (first.error != 401) {
      return first.error;
    }
    realm = first.realm;
    nonce = first.nonce;
    return exchange(ALLOCATE, true, new byte[] {17, 0, 0, 0}, -1, null).error;
  }

  /** Asks permission to relay to {@code peer}: 0 when granted, else the error code (403: a forbidden peer). */
  public int permit(String peer) throws Exception {
    byte[] address = InetAddress.getByName(peer).getAddress();
    ByteBuffer value = ByteBuffer.allocate(8).put((byte) 0).put((byte) 1).putShort((short) (3480 ^ (MAGIC >>> 16)));
    byte[] cookie = ByteBuffer.allocate(4).putInt(MAGIC).array();
    for (int i = 0; i < 4; i++) {
      value.put((byte) (address[i] ^ cookie[i]));
    }
    return exchange(CREATE_PERMISSION, true, null, XOR_PEER_ADDRESS, value.array()).error;
  }

  private record Response(int error, byte[] realm, byte[] nonce) {}

  private Response exchange(int method, boolean signed, byte[] transport, int extraType, byte[] extra) throws Exception {
    byte[] id = new byte[12];
    new SecureRandom().nextBytes(id);
    ByteBuffer body = ByteBuffer.allocate(512);
    if (transport != null) {
      attribute(body, REQUESTED_TRANSPORT, transport);
    }
    if (extra != null) {
      attribute(body, extraType, extra);
    }
    if (signed) {
      attribute(body, USERNAME, username.getBytes(StandardCharsets.UTF_8));
      attribute(body, REALM, realm);
      attribute(body, NONCE, nonce);
    }
    int length = body.position() + (signed ? 24 : 0);
    ByteBuffer message = ByteBuffer.allocate(20 + length);
    message.putShort((short) method).putShort((short) length).putInt(MAGIC).put(id).put(body.array(), 0, body.position());
    if (signed) {
      byte[] key = MessageDigest.getInstance("MD5").digest(
          (username + ":" + new String(realm, StandardCharsets.UTF_8) + ":" + password).getBytes(StandardCharsets.UTF_8));
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(key, "HmacSHA1"));
      mac.update(message.array(), 0, message.position());
      message.putShort((short) MESSAGE_INTEGRITY).putShort((short) 20).put(mac.doFinal());
    }
    socket.send(new DatagramPacket(message.array(), message.position(), relay));
    byte[] buffer = new byte[1500];
    DatagramPacket in = new DatagramPacket(buffer, buffer.length);
    socket.receive(in);
    ByteBuffer answer = ByteBuffer.wrap(buffer, 0, in.getLength());
    int type = answer.getShort() & 0xffff;
    int answerLength = answer.getShort() & 0xffff;
    answer.position(20);
    int error = 0;
    byte[] gotRealm = null;
    byte[] gotNonce = null;
    while (answer.position() < 20 + answerLength) {
      int attribute = answer.getShort() & 0xffff;
      int size = answer.getShort() & 0xffff;
      byte[] value = new byte[size];
      answer.get(value);
      answer.position(answer.position() + (4 - size % 4) % 4);
      if (attribute == ERROR_CODE) {
        error = (value[2] & 0x7) * 100 + (value[3] & 0xff);
      } else if (attribute == REALM) {
        gotRealm = value;
      } else if (attribute == NONCE) {
        gotNonce = value;
      }
    }
    boolean failed = (type & 0x0110) == 0x0110;
    return new Response(failed ? error : 0, gotRealm, gotNonce);
  }

  private static void attribute(ByteBuffer body, int type, byte[] value) {
    body.putShort((short) type).putShort((short) value.length).put(value);
    body.position(body.position() + (4 - value.length % 4) % 4);
  }

  @Override
  public void close() {
    socket.close();
  }
}
