package org.ccphone.sip.ra.stack;

import java.util.List;
import java.util.Properties;
import java.util.TooManyListenersException;
import java.util.function.Consumer;
import java.util.logging.Logger;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipException;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.message.MessageFactory;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.text.ParseException;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogState;
import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.ccphone.sip.ra.api.InboundRequest;
import org.ccphone.sip.ra.api.SipConnection;

/** The one owner of a JAIN-SIP stack, its listening points and provider: started and stopped once. */
public final class SipStackHolder implements SipListener {
  private static final Logger LOG = Logger.getLogger(SipStackHolder.class.getName());

  private final SipStack stack;
  private final SipProvider provider;
  private final MessageFactory messages;
  private final javax.sip.header.HeaderFactory headers;
  private final javax.sip.address.AddressFactory addresses;
  private final Consumer<InboundRequest> onRequest;

  private SipStackHolder(SipStack stack, SipProvider provider, SipFactory factory, Consumer<InboundRequest> onRequest)
      throws javax.sip.PeerUnavailableException {
    this.stack = stack;
    this.provider = provider;
    this.messages = factory.createMessageFactory();
    this.headers = factory.createHeaderFactory();
    this.addresses = factory.createAddressFactory();
    this.onRequest = onRequest;
  }

  /** Builds and starts a stack listening on host:port with each transport ("udp", "tcp"). */
  public static SipStackHolder start(StackSettings settings, Consumer<InboundRequest> onRequest)
      throws SipException {
    SipFactory factory = SipFactory.getInstance();
    factory.setPathName("gov.nist");
    Properties p = new Properties();
    p.setProperty("javax.sip.STACK_NAME", "callcenter-sip-" + settings.port());
    p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
    p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
    p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", String.valueOf(settings.threads()));
    p.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", String.valueOf(settings.maxMessageSize()));
    p.setProperty("gov.nist.javax.sip.STACK_LOGGER", JulStackLogger.class.getName());
    p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "0");
    SipStack stack = factory.createSipStack(p);
    try {
      SipProvider provider = null;
      for (String transport : settings.transports()) {
        ListeningPoint point = stack.createListeningPoint(settings.host(), settings.port(), transport);
        if (provider == null) {
          provider = stack.createSipProvider(point);
        } else {
          provider.addListeningPoint(point);
        }
      }
      SipStackHolder holder = new SipStackHolder(stack, provider, factory, onRequest);
      provider.addSipListener(holder);
      stack.start();
      LOG.info("SIP listening on " + settings.host() + ":" + settings.port() + " " + settings.transports());
      return holder;
    } catch (TooManyListenersException | javax.sip.InvalidArgumentException | javax.sip.TransportNotSupportedException
        | javax.sip.ObjectInUseException | javax.sip.PeerUnavailableException e) {
      stack.stop();
      throw new SipException("cannot listen on " + settings.host() + ":" + settings.port(), e);
    }
  }

  /** What a stack is built from. */
  public record StackSettings(String host, int port, List<String> transports, int threads, int maxMessageSize) {}

  public void stop() {
    stack.stop();
  }

  /**
   * An INVITE gets its server transaction and 100 Trying here, on the stack's thread, before the
   * application sees it: retransmissions are absorbed from then on, and a CANCEL finds it.
   */
  @Override
  public void processRequest(RequestEvent event) {
    ServerTransaction transaction = event.getServerTransaction();
    Request request = event.getRequest();
    if (transaction == null && Request.INVITE.equals(request.getMethod()) && event.getDialog() == null) {
      try {
        transaction = provider.getNewServerTransaction(request);
        transaction.sendResponse(messages.createResponse(Response.TRYING, request));
      } catch (TransactionAlreadyExistsException e) {
        return; // a retransmission the stack already holds
      } catch (SipException | ParseException | InvalidArgumentException | RuntimeException e) {
        LOG.fine("no transaction for an INVITE: " + e);
        return;
      }
    }
    onRequest.accept(new InboundRequest(event, transaction, provider, messages, headers, addresses));
  }

  /** Hangs up the dialog the INVITE's 200 OK opened. */
  public void bye(InboundRequest acceptedInvite) throws SipException {
    Dialog dialog = acceptedInvite.dialog();
    if (dialog == null || dialog.getState() == DialogState.TERMINATED) {
      throw new SipException("the call has no dialog to hang up");
    }
    Request bye = dialog.createRequest(Request.BYE);
    ClientTransaction transaction = provider.getNewClientTransaction(bye);
    dialog.sendRequest(transaction);
  }

  /** Dialogs and transactions alive in the stack now. */
  public SipConnection.StackCounts counts() {
    SIPTransactionStack nist = (SIPTransactionStack) stack;
    return new SipConnection.StackCounts(nist.getDialogs().size(), nist.getServerTransactionTableSize(),
        nist.getClientTransactionTableSize());
  }

  @Override public void processResponse(ResponseEvent event) { }
  @Override public void processTimeout(TimeoutEvent event) { }
  @Override public void processIOException(IOExceptionEvent event) { }
  @Override public void processTransactionTerminated(TransactionTerminatedEvent event) { }
  @Override public void processDialogTerminated(DialogTerminatedEvent event) { }
}
