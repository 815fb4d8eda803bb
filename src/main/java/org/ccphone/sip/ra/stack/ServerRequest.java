package org.ccphone.sip.ra.stack;

import java.text.ParseException;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import javax.sip.Dialog;
import javax.sip.InvalidArgumentException;
import javax.sip.ListeningPoint;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.address.SipURI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.ccphone.sip.ra.api.CallCancelledException;
import org.ccphone.sip.ra.api.InboundRequest;
import org.ccphone.sip.ra.api.SipDialog;
import org.ccphone.sip.ra.api.SipReply;
import org.ccphone.sip.ra.api.SipSendException;

/** A request the stack received, answered through its server transaction in the order of its call. */
final class ServerRequest implements InboundRequest {
  /** Marks an INVITE's server transaction whose CANCEL arrived (set on the stack's thread). */
  static final Object CANCELLED = new Object();

  private final SipStackHolder stack;
  private final Request request;
  private final ServerTransaction transaction;
  private final StackDialog dialog;
  private final String toTag = UUID.randomUUID().toString().substring(0, 8);
  /** A new call's intake, counted by admission until the call is placed or answered; null otherwise. */
  private final Admission.Intake intake;
  private volatile boolean finalAsked;

  ServerRequest(SipStackHolder stack, Request request, ServerTransaction transaction, StackDialog dialog,
      Admission.Intake intake) {
    this.stack = stack;
    this.request = request;
    this.transaction = transaction;
    this.dialog = dialog;
    this.intake = intake;
  }

  @Override
  public void placed() {
    if (intake != null) {
      intake.over();
    }
  }

  @Override public String method() { return request.getMethod(); }
  @Override public String header(String name) { return Headers.value(request, name); }
  @Override public String body() { return Headers.body(request); }
  @Override public boolean answered() { return finalAsked; }
  @Override public SipDialog dialog() { return dialog; }

  @Override
  public String callId() {
    CallIdHeader id = (CallIdHeader) request.getHeader(CallIdHeader.NAME);
    return id == null ? null : id.getCallId();
  }

  @Override
  public String transport() {
    ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
    return via == null ? "UDP" : via.getTransport().toUpperCase(java.util.Locale.ROOT);
  }

  @Override
  public String sourceAddress() {
    if (request instanceof gov.nist.javax.sip.message.SIPMessage message) {
      java.net.InetAddress source = message.getPeerPacketSourceAddress() != null
          ? message.getPeerPacketSourceAddress() : message.getRemoteAddress();
      if (source == null) {
        return null;
      }
      String literal = source.getHostAddress();
      int scope = literal.indexOf('%'); // an IPv6 zone (fe80::1%eth0) is no part of the address
      return scope < 0 ? literal : literal.substring(0, scope);
    }
    return null;
  }

  @Override
  public String fromTag() {
    FromHeader from = (FromHeader) request.getHeader(FromHeader.NAME);
    return from == null ? null : from.getTag();
  }

  @Override
  public String toTag() {
    ToHeader to = (ToHeader) request.getHeader(ToHeader.NAME);
    return to == null ? null : to.getTag();
  }

  @Override
  public String localTag() {
    String received = toTag();
    return received != null ? received : toTag;
  }

  @Override
  public String requestUriUser() {
    return request.getRequestURI() instanceof SipURI uri ? uri.getUser() : null;
  }

  @Override
  public String fromUser() {
    FromHeader from = (FromHeader) request.getHeader(FromHeader.NAME);
    return from != null && from.getAddress().getURI() instanceof SipURI uri ? uri.getUser() : null;
  }

  @Override
  public CompletionStage<Void> respond(SipReply reply) {
    if (reply.status() >= 200) {
      finalAsked = true;
    }
    if (reply.status() >= 180) {
      placed(); // ringing or answered: the call is past its intake
    }
    CompletableFuture<Void> sent = new CompletableFuture<>();
    stack.order().submit(callId(), () -> {
      try {
        send(build(reply));
        sent.complete(null);
      } catch (SipException | ParseException | RuntimeException e) {
        sent.completeExceptionally(new SipSendException("cannot send " + reply.status() + ": " + e.getMessage(), e));
      }
    });
    return sent;
  }

  @Override
  public CompletionStage<SipDialog> accept(SipReply reply) {
    finalAsked = true;
    placed();
    CompletableFuture<SipDialog> accepted = new CompletableFuture<>();
    stack.order().submit(callId(), () -> {
      if (transaction != null && transaction.getApplicationData() == CANCELLED) {
        accepted.completeExceptionally(new CallCancelledException());
        return;
      }
      try {
        Response ok = build(reply);
        ok.setHeader(ourContact());
        Dialog opened = dialog != null ? dialog.dialog() : stack.provider().getNewDialog(transaction);
        StackDialog handle = dialog != null ? dialog : StackDialog.of(stack, opened);
        send(ok);
        accepted.complete(handle);
      } catch (SipException | ParseException | RuntimeException e) {
        accepted.completeExceptionally(new SipSendException("cannot send the 2xx: " + e.getMessage(), e));
      }
    });
    return accepted;
  }

  private Response build(SipReply reply) throws ParseException {
    Response response = stack.messages().createResponse(reply.status(), request);
    ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
    if (reply.status() > 100 && to != null && to.getTag() == null) {
      to.setTag(toTag);
    }
    Headers.fill(response, stack.headers(), reply.headers(), reply.contentType(), reply.body());
    return response;
  }

  private ContactHeader ourContact() throws ParseException {
    ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
    String transport = via == null ? ListeningPoint.UDP : via.getTransport();
    ListeningPoint point = stack.provider().getListeningPoint(transport);
    if (point == null) {
      point = stack.provider().getListeningPoints()[0];
    }
    SipURI contact = stack.addresses().createSipURI("callcenter", point.getIPAddress());
    contact.setPort(point.getPort());
    contact.setTransportParam(point.getTransport());
    return stack.headers().createContactHeader(stack.addresses().createAddress(contact));
  }

  private void send(Response response) throws SipException {
    if (Request.ACK.equals(method())) {
      return; // ACK is never answered
    }
    if (transaction == null) {
      throw new SipException("no transaction to answer " + method() + " on");
    }
    try {
      transaction.sendResponse(response);
    } catch (InvalidArgumentException e) {
      throw new SipException("cannot send a " + response.getStatusCode() + " response", e);
    }
  }
}
