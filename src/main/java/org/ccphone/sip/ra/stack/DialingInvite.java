package org.ccphone.sip.ra.stack;

import java.text.ParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.logging.Logger;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.InvalidArgumentException;
import javax.sip.ListeningPoint;
import javax.sip.SipException;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ViaHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.ccphone.sip.ra.api.DialRequest;
import org.ccphone.sip.ra.api.OutboundRequest;
import org.ccphone.sip.ra.api.PlacedInvite;
import org.ccphone.sip.ra.api.SipConnection.InviteResult;
import org.ccphone.sip.ra.api.SipOutcome;

/**
 * A new call the application places: the INVITE (routed through the trunk when there is one), its
 * provisional answers passed on, one digest challenge answered with a new INVITE (same Call-ID and
 * From tag, the next CSeq), and its CANCEL. Kept as its client transaction's application data;
 * changed in its call's order only.
 */
final class DialingInvite implements PlacedInvite {
  private static final Logger LOG = Logger.getLogger(DialingInvite.class.getName());

  private final SipStackHolder stack;
  private final DialRequest dial;
  private final String callId;
  private final CompletableFuture<InviteResult> result = new CompletableFuture<>();
  private ClientTransaction current;
  /** A provisional answer came for the INVITE in flight: a CANCEL may go now. */
  private boolean provisional;
  private boolean cancelAsked;
  private boolean challenged;

  private DialingInvite(SipStackHolder stack, DialRequest dial, String callId) {
    this.stack = stack;
    this.dial = dial;
    this.callId = callId;
  }

  static DialingInvite send(SipStackHolder stack, DialRequest dial) {
    String callId = dial.callId() != null ? dial.callId() : stack.provider().getNewCallId().getCallId();
    DialingInvite invite = new DialingInvite(stack, dial, callId);
    stack.order().submit(invite.callId, () -> {
      try {
        invite.sendNew(build(stack, invite.callId, dial));
      } catch (SipException | ParseException | InvalidArgumentException | RuntimeException e) {
        invite.finish(SipOutcome.notSent("cannot send INVITE: " + e.getMessage()), null);
      }
    });
    return invite;
  }

  @Override
  public String callId() {
    return callId;
  }

  @Override
  public CompletionStage<InviteResult> result() {
    return result;
  }

  @Override
  public void cancel() {
    stack.order().submit(callId, () -> {
      if (result.isDone() || cancelAsked) {
        return;
      }
      cancelAsked = true;
      if (provisional) {
        sendCancel();
      }
    });
  }

  /** A response to our INVITE (on the stack's thread; a 2xx is already ACKed): taken in the call's order. */
  void response(Response response, Dialog dialog) {
    stack.order().submit(callId, () -> answered(response, dialog));
  }

  /** Our INVITE got no answer at all within 64*T1. */
  void timedOut() {
    stack.order().submit(callId, () -> finish(SipOutcome.timedOut(), null));
  }

  private void answered(Response response, Dialog dialog) {
    if (result.isDone()) {
      return; // a retransmission, or an answer to an INVITE already given up
    }
    int status = response.getStatusCode();
    SipOutcome outcome = new SipOutcome(status, response.getReasonPhrase(), Headers.all(response),
        Headers.body(response), false);
    if (status < 200) {
      provisional = true;
      if (cancelAsked) {
        sendCancel();
      } else if (status > 100) {
        dial.progress().accept(outcome);
      }
    } else if ((status == 401 || status == 407) && retriedWithCredentials(response)) {
      LOG.fine("call " + callId + ": " + status + " answered with the trunk's credentials");
    } else if (status / 100 == 2 && cancelAsked) {
      hangUpLateAnswer(dialog);
    } else {
      finish(outcome, status / 100 == 2 && dialog != null ? StackDialog.of(stack, dialog) : null);
    }
  }

  /** The first challenge is answered with a new INVITE; a second means the credentials are wrong. */
  private boolean retriedWithCredentials(Response response) {
    String name = response.getStatusCode() == 407 ? "Proxy-Authenticate" : "WWW-Authenticate";
    if (challenged || dial.credentials() == null || !(response.getHeader(name) instanceof WWWAuthenticateHeader challenge)
        || !DigestAnswer.answerable(challenge)) {
      return false;
    }
    challenged = true;
    try {
      Request again = (Request) current.getRequest().clone();
      CSeqHeader cseq = (CSeqHeader) again.getHeader(CSeqHeader.NAME);
      cseq.setSeqNumber(cseq.getSeqNumber() + 1);
      ViaHeader via = (ViaHeader) again.getHeader(ViaHeader.NAME);
      via.removeParameter("branch"); // a new transaction, a new branch
      again.setHeader(DigestAnswer.of(challenge, dial.credentials(), Request.INVITE,
          again.getRequestURI(), stack.headers()));
      provisional = false;
      sendNew(again);
    } catch (SipException | ParseException | InvalidArgumentException | RuntimeException e) {
      finish(SipOutcome.notSent("cannot answer the trunk's challenge: " + e.getMessage()), null);
    }
    return true;
  }

  private void sendNew(Request invite) throws SipException {
    current = stack.provider().getNewClientTransaction(invite);
    Dialog dialog = stack.provider().getNewDialog(current);
    StackDialog.of(stack, dialog);
    current.setApplicationData(this);
    current.sendRequest();
  }

  private void sendCancel() {
    try {
      ClientTransaction cancel = stack.provider().getNewClientTransaction(current.createCancel());
      cancel.sendRequest();
    } catch (SipException | RuntimeException e) {
      LOG.fine("call " + callId + ": cannot send CANCEL: " + e.getMessage());
    }
  }

  /** The callee answered as our CANCEL crossed its 200: the call it opened is hung up at once. */
  private void hangUpLateAnswer(Dialog dialog) {
    if (dialog != null) {
      StackDialog.of(stack, dialog).send(OutboundRequest.of("BYE"));
    }
    finish(new SipOutcome(487, "Request Terminated (cancelled; answered as it was cancelled, hung up)",
        Map.of(), null, true), null);
  }

  private void finish(SipOutcome outcome, StackDialog dialog) {
    if (current != null) {
      current.setApplicationData(null);
    }
    result.complete(new InviteResult(outcome, outcome.success() ? dialog : null));
  }

  private static Request build(SipStackHolder stack, String callId, DialRequest dial)
      throws ParseException, InvalidArgumentException {
    var headers = stack.headers();
    Address toAddress = stack.addresses().createAddress(dial.to());
    Address fromAddress = stack.addresses().createAddress(dial.from());
    Address proxy = dial.proxy() == null ? null : stack.addresses().createAddress(dial.proxy());
    ListeningPoint point = pointFor(stack, proxy != null ? proxy : toAddress);
    ViaHeader via = headers.createViaHeader(point.getIPAddress(), point.getPort(), point.getTransport(), null);
    Request invite = stack.messages().createRequest(toAddress.getURI(), Request.INVITE,
        headers.createCallIdHeader(callId), headers.createCSeqHeader(1L, Request.INVITE),
        headers.createFromHeader(fromAddress, UUID.randomUUID().toString().substring(0, 8)),
        headers.createToHeader(toAddress, null), List.of(via), headers.createMaxForwardsHeader(70));
    if (proxy != null && proxy.getURI() instanceof SipURI route) {
      route.setLrParam();
      invite.addHeader(headers.createRouteHeader(stack.addresses().createAddress(route)));
    }
    SipURI contact = stack.addresses().createSipURI("callcenter", point.getIPAddress());
    contact.setPort(point.getPort());
    contact.setTransportParam(point.getTransport());
    invite.setHeader(headers.createContactHeader(stack.addresses().createAddress(contact)));
    Headers.fill(invite, headers, dial.invite().headers(), dial.invite().contentType(), dial.invite().body());
    return invite;
  }

  private static ListeningPoint pointFor(SipStackHolder stack, Address next) {
    String transport = next.getURI() instanceof SipURI uri && uri.getTransportParam() != null
        ? uri.getTransportParam() : ListeningPoint.UDP;
    ListeningPoint point = stack.provider().getListeningPoint(transport);
    return point != null ? point : stack.provider().getListeningPoints()[0];
  }
}
