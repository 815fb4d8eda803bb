package org.ccphone.sip.ra.stack;

import gov.nist.javax.sip.stack.DatagramQueuedMessageDispatch;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.logging.Logger;

/**
 * The queue between the SIP port's reading thread and the stack's threads, with {@link UdpGate}
 * at its entry: the reading thread offers each datagram it read, and a new INVITE the gate
 * refuses is answered from here, on that thread, instead of being queued.
 */
final class GatedUdpQueue extends LinkedBlockingQueue<DatagramQueuedMessageDispatch> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = Logger.getLogger(GatedUdpQueue.class.getName());
  private final transient UdpGate gate;
  private final transient DatagramSocket socket;

  GatedUdpQueue(UdpGate gate, DatagramSocket socket) {
    this.gate = gate;
    this.socket = socket;
  }

  @Override
  public boolean offer(DatagramQueuedMessageDispatch dispatch) {
    DatagramPacket packet = dispatch.packet;
    NewInviteDatagram read;
    try {
      read = NewInviteDatagram.read(packet.getData(), packet.getOffset(), packet.getLength());
    } catch (RuntimeException e) {
      read = null; // the stack reads it, and refuses what is malformed
    }
    switch (gate.judge(read, behindMillis())) {
      case REFUSE -> answer(read, packet);
      case ABSORB -> { }
      default -> {
        return super.offer(dispatch);
      }
    }
    return true;
  }

  /** How long the oldest datagram not yet taken by the stack's threads has waited. */
  private long behindMillis() {
    DatagramQueuedMessageDispatch oldest = peek();
    return oldest == null ? 0 : System.currentTimeMillis() - oldest.getReceptionTime();
  }

  /** To the source address, and to its port when the INVITE asked so (rport) or the Via's otherwise (RFC 3261 18.2.2, RFC 3581). */
  private void answer(NewInviteDatagram invite, DatagramPacket from) {
    byte[] refusal = gate.refusal(invite);
    int port = invite.viaRport() ? from.getPort() : invite.viaPort();
    try {
      socket.send(new DatagramPacket(refusal, refusal.length, from.getAddress(), port));
    } catch (IOException e) {
      LOG.fine("cannot send a 503 to " + from.getAddress() + ":" + port + ": " + e);
    }
  }
}
