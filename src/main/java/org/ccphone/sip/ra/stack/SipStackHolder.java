package org.ccphone.sip.ra.stack;

import gov.nist.javax.sip.DialogTimeoutEvent;
import gov.nist.javax.sip.SipListenerExt;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.text.ParseException;
import java.util.TooManyListenersException;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.InvalidArgumentException;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipFactory;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.AddressFactory;
import javax.sip.header.CSeqHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.ccphone.sip.ra.api.DialogEvent;
import org.ccphone.sip.ra.api.DialRequest;
import org.ccphone.sip.ra.api.PlacedInvite;
import org.ccphone.sip.ra.api.SipConnection;
import org.ccphone.sip.ra.api.SipOutcome;

/**
 * The one owner of a JAIN-SIP stack, its listening points and provider: started and stopped once.
 * Every callback of the stack becomes a task of its call in {@link CallOrder}; none is dropped.
 */
public final class SipStackHolder implements SipListenerExt {
  private static final Logger LOG = Logger.getLogger(SipStackHolder.class.getName());

  private final SipStack stack;
  private final SipProvider provider;
  private final MessageFactory messages;
  private final HeaderFactory headers;
  private final AddressFactory addresses;
  private final CallOrder order;
  private final StackInbound inbound;
  private final Admission admission;
  private final UdpGate gate;

  private SipStackHolder(SipStack stack, SipProvider provider, SipFactory factory, Executor executor, StackInbound inbound,
      Admission admission, UdpGate gate) throws javax.sip.PeerUnavailableException {
    this.stack = stack;
    this.provider = provider;
    this.messages = factory.createMessageFactory();
    this.headers = factory.createHeaderFactory();
    this.addresses = factory.createAddressFactory();
    this.order = new CallOrder(executor);
    this.inbound = inbound;
    this.admission = admission;
    this.gate = gate;
  }

  /** Builds and starts a stack listening on host:port with each transport ("udp", "tcp"). */
  public static SipStackHolder start(StackSettings settings, Executor executor, StackInbound inbound) throws SipException {
    SipFactory factory = SipFactory.getInstance();
    factory.setPathName("gov.nist");
    SipStack stack = factory.createSipStack(settings.jainSipProperties());
    Admission admission = Admission.of(settings.overload(), settings.port());
    UdpGate gate = GatedMessageProcessors.install((SIPTransactionStack) stack, admission, settings.overload());
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
      if (settings.tls().on()) {
        provider.addListeningPoint(stack.createListeningPoint(settings.host(), settings.tls().port(), ListeningPoint.TLS));
      }
      SipStackHolder holder = new SipStackHolder(stack, provider, factory, executor, inbound, admission, gate);
      provider.addSipListener(holder);
      stack.start();
      LOG.info("SIP listening on " + settings.host() + ":" + settings.port() + " " + settings.transports()
          + (settings.tls().on() ? ", TLS on " + settings.tls().port() : ""));
      return holder;
    } catch (TooManyListenersException | InvalidArgumentException | javax.sip.TransportNotSupportedException
        | javax.sip.ObjectInUseException | javax.sip.PeerUnavailableException e) {
      stack.stop();
      throw new SipException("cannot listen on " + settings.host() + ":" + settings.port(), e);
    }
  }

  public void stop() {
    LOG.info("SIP stops listening");
    try {
      stack.stop();
    } catch (RuntimeException e) {
      // JAIN-SIP can trip over its own half-started UDP processor when stopped right after start
      // (a NullPointerException in UDPMessageProcessor.stop): the stack is being thrown away anyway.
      LOG.log(Level.WARNING, "the SIP stack did not stop cleanly", e);
    }
  }

  CallOrder order() { return order; }
  SipProvider provider() { return provider; }
  MessageFactory messages() { return messages; }
  HeaderFactory headers() { return headers; }
  AddressFactory addresses() { return addresses; }

  /** Places a new call (see {@link SipConnection#dial}). */
  public PlacedInvite dial(DialRequest dial) {
    return DialingInvite.send(this, dial);
  }

  /**
   * A request gets its server transaction on the stack's thread, before the application sees it:
   * retransmissions are absorbed from then on, an INVITE is answered 100 Trying at once, and a
   * CANCEL finds its INVITE. Then it joins its call's order.
   */
  @Override
  public void processRequest(RequestEvent event) {
    Request request = event.getRequest();
    Dialog dialog = event.getDialog();
    ServerTransaction transaction = event.getServerTransaction();
    boolean newCall = Request.INVITE.equals(request.getMethod()) && dialog == null;
    Admission.Intake intake = null;
    if (Request.ACK.equals(request.getMethod())) {
      if (dialog == null) {
        return; // the ACK of a non-2xx answer, or a stray one: nothing to deliver
      }
    } else if (transaction == null) {
      try {
        transaction = provider.getNewServerTransaction(request);
      } catch (TransactionAlreadyExistsException e) {
        return; // a retransmission the stack already holds
      } catch (SipException | RuntimeException e) {
        LOG.fine("no transaction for a " + request.getMethod() + ": " + e);
        return;
      }
      if (newCall && (intake = answerNewCall(transaction, request)) == null) {
        return;
      }
    }
    if (Request.CANCEL.equals(request.getMethod()) && !CancelAnswer.send(messages, transaction, request)) {
      return;
    }
    ServerRequest received = new ServerRequest(this, request, transaction,
        dialog == null ? null : StackDialog.of(this, dialog), intake);
    Runnable handling = intake == null ? () -> { } : intake::started;
    ServerTransaction ack = Request.ACK.equals(request.getMethod()) ? event.getServerTransaction() : null;
    order.submit(received.callId(), () -> {
      if (ack != null) {
        LateAck.confirm(dialog, ack);
      }
      inbound.request(received, handling);
    });
  }

  /**
   * A new call is taken (100 Trying) or, past what the server can keep on time, refused at once with
   * 503 and Retry-After; null when it is not to be delivered. A call taken but not delivered is
   * handed back to admission, so that its counts of waiting calls and intakes stay true.
   */
  private Admission.Intake answerNewCall(ServerTransaction transaction, Request request) {
    Admission.Intake taken = admission.admit();
    try {
      transaction.sendResponse(taken != null ? messages.createResponse(Response.TRYING, request) : overloaded(request));
      return taken;
    } catch (SipException | ParseException | InvalidArgumentException | RuntimeException e) {
      LOG.fine("cannot answer a new INVITE: " + e);
      if (taken != null) {
        taken.started();
        taken.over();
      }
      return null;
    }
  }

  /** 503 with Retry-After, sent from the stack's thread: the server is past what it can keep on time. */
  private Response overloaded(Request request) throws ParseException, InvalidArgumentException {
    Response busy = messages.createResponse(Response.SERVICE_UNAVAILABLE, request);
    busy.setHeader(headers.createRetryAfterHeader(gate.retryAfterSeconds()));
    return busy;
  }

  /** Whether new calls are being taken. */
  public SipConnection.AdmissionState admission() {
    return admission.state(gate.refusals());
  }

  /** A 2xx to an INVITE is ACKed here, retransmissions too; a final answer completes its request in call order. */
  @Override
  public void processResponse(ResponseEvent event) {
    Response response = event.getResponse();
    CSeqHeader cseq = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
    Dialog dialog = event.getDialog();
    int status = response.getStatusCode();
    if (cseq != null && Request.INVITE.equals(cseq.getMethod()) && status / 100 == 2 && dialog != null) {
      try {
        dialog.sendAck(dialog.createAck(cseq.getSeqNumber()));
      } catch (SipException | InvalidArgumentException | RuntimeException e) {
        LOG.log(Level.WARNING, "cannot ACK a 2xx", e);
      }
    }
    ClientTransaction transaction = event.getClientTransaction();
    if (transaction != null && transaction.getApplicationData() instanceof DialingInvite dialing) {
      dialing.response(response, dialog);
      return;
    }
    if (status < 200 || transaction == null || !(transaction.getApplicationData() instanceof PendingRequest pending)) {
      return;
    }
    transaction.setApplicationData(null);
    SipOutcome outcome = new SipOutcome(status, response.getReasonPhrase(), Headers.all(response),
        Headers.body(response), false);
    order.submit(Headers.callId(response), () -> pending.finish(outcome));
  }

  /** A request we sent got no answer in time: its outcome is a local 408. */
  @Override
  public void processTimeout(TimeoutEvent event) {
    ClientTransaction transaction = event.getClientTransaction();
    if (transaction != null && transaction.getApplicationData() instanceof DialingInvite dialing) {
      dialing.timedOut();
    } else if (transaction != null && transaction.getApplicationData() instanceof PendingRequest pending) {
      transaction.setApplicationData(null);
      order.submit(Headers.callId(transaction.getRequest()), () -> pending.finish(SipOutcome.timedOut()));
    }
  }

  @Override
  public void processDialogTimeout(DialogTimeoutEvent event) {
    Dialog dialog = event.getDialog();
    DialogEvent.Kind kind = switch (event.getReason()) {
      case AckNotReceived -> DialogEvent.Kind.ACK_NOT_RECEIVED;
      case ReInviteTimeout -> DialogEvent.Kind.REINVITE_TIMEOUT;
      default -> null;
    };
    if (kind == null || !(dialog.getApplicationData() instanceof StackDialog)) {
      dialog.delete(); // nothing of the application's is waiting on it
      return;
    }
    String callId = dialog.getCallId().getCallId();
    order.submit(callId, () -> inbound.dialogEvent(new DialogEvent(callId, kind)));
  }

  @Override
  public void processDialogTerminated(DialogTerminatedEvent event) {
    Dialog dialog = event.getDialog();
    if (dialog.getApplicationData() instanceof StackDialog) {
      String callId = dialog.getCallId().getCallId();
      order.submit(callId, () -> inbound.dialogEvent(new DialogEvent(callId, DialogEvent.Kind.TERMINATED)));
    }
  }

  @Override
  public void processIOException(IOExceptionEvent event) {
    LOG.fine("cannot reach " + event.getHost() + ":" + event.getPort() + "/" + event.getTransport());
  }

  @Override
  public void processTransactionTerminated(TransactionTerminatedEvent event) { }

  /** Dialogs and transactions alive in the stack now. */
  public SipConnection.StackCounts counts() {
    SIPTransactionStack nist = (SIPTransactionStack) stack;
    return new SipConnection.StackCounts(nist.getDialogs().size(), nist.getServerTransactionTableSize(),
        nist.getClientTransactionTableSize());
  }

  /** Calls with messages waiting or being handled in their order. */
  public int busyCalls() {
    return order.busyCalls();
  }
}
