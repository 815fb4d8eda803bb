package org.ccphone.sip.ra.stack;

import gov.nist.javax.sip.stack.MessageProcessor;
import gov.nist.javax.sip.stack.MessageProcessorFactory;
import gov.nist.javax.sip.stack.OIOMessageProcessorFactory;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import gov.nist.javax.sip.stack.UDPMessageProcessor;
import java.io.IOException;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sip.ListeningPoint;

/**
 * The stack's listening points, as JAIN-SIP makes them, except that the UDP one reads through
 * {@link UdpGate}. TCP and TLS are JAIN-SIP's own.
 */
final class GatedMessageProcessors implements MessageProcessorFactory {
  private static final Logger LOG = Logger.getLogger(GatedMessageProcessors.class.getName());
  private final MessageProcessorFactory jainSip = new OIOMessageProcessorFactory();
  private final UdpGate gate;

  GatedMessageProcessors(UdpGate gate) {
    this.gate = gate;
  }

  /** Puts the gate, judging by {@code admission}, at the UDP port of a stack not listening yet; returns it. */
  static UdpGate install(SIPTransactionStack stack, Admission admission, StackSettings.Overload overload) {
    UdpGate gate = new UdpGate(admission::refusingNow, overload.retryAfterSeconds(), System::nanoTime);
    stack.setMessageProcessorFactory(new GatedMessageProcessors(gate));
    return gate;
  }

  @Override
  public MessageProcessor createMessageProcessor(SIPTransactionStack stack, InetAddress address, int port,
      String transport) throws IOException {
    if (!ListeningPoint.UDP.equalsIgnoreCase(transport) || !answersFromItsListeningSocket(stack)) {
      return jainSip.createMessageProcessor(stack, address, port, transport);
    }
    return new Gated(address, stack, port, gate);
  }

  /**
   * The stack sends over UDP from the listening socket only once its own factory made one
   * (a flag it keeps to itself); set here, or the gate is left out.
   */
  private static boolean answersFromItsListeningSocket(SIPTransactionStack stack) {
    try {
      Field udp = SIPTransactionStack.class.getDeclaredField("udpFlag");
      udp.setAccessible(true);
      udp.setBoolean(stack, true);
      return true;
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.log(Level.WARNING, "the SIP port reads without its gate: new INVITEs are judged only once parsed", e);
      return false;
    }
  }

  /** JAIN-SIP's UDP listening point with the gated queue in place of its own. */
  private static final class Gated extends UDPMessageProcessor {
    Gated(InetAddress address, SIPTransactionStack stack, int port, UdpGate gate) throws IOException {
      super(address, stack, port);
      this.messageQueue = new GatedUdpQueue(gate, sock);
    }
  }
}
