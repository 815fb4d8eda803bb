package org.ccphone.sip.ra.stack;

import java.text.ParseException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.InvalidArgumentException;
import javax.sip.ListeningPoint;
import javax.sip.SipException;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import org.ccphone.sip.ra.api.OutboundRequest;
import org.ccphone.sip.ra.api.SipConnection.InviteResult;
import org.ccphone.sip.ra.api.SipOutcome;

/** A new dialog the application starts: the INVITE, built from plain values and sent in its call's order. */
final class OutboundInvite {
  private OutboundInvite() {}

  static CompletionStage<InviteResult> send(SipStackHolder stack, String to, String from, OutboundRequest outbound) {
    CompletableFuture<InviteResult> result = new CompletableFuture<>();
    String callId = stack.provider().getNewCallId().getCallId();
    stack.order().submit(callId, () -> {
      try {
        Request invite = build(stack, callId, to, from, outbound);
        ClientTransaction transaction = stack.provider().getNewClientTransaction(invite);
        Dialog dialog = stack.provider().getNewDialog(transaction);
        StackDialog.of(stack, dialog);
        transaction.setApplicationData(PendingRequest.newDialog(result));
        transaction.sendRequest();
      } catch (SipException | ParseException | InvalidArgumentException | RuntimeException e) {
        result.complete(new InviteResult(SipOutcome.notSent("cannot send INVITE: " + e.getMessage()), null));
      }
    });
    return result;
  }

  private static Request build(SipStackHolder stack, String callId, String to, String from, OutboundRequest outbound)
      throws ParseException, InvalidArgumentException {
    var headers = stack.headers();
    Address toAddress = stack.addresses().createAddress(to);
    Address fromAddress = stack.addresses().createAddress(from);
    ListeningPoint point = pointFor(stack, toAddress);
    ViaHeader via = headers.createViaHeader(point.getIPAddress(), point.getPort(), point.getTransport(), null);
    Request invite = stack.messages().createRequest(toAddress.getURI(), Request.INVITE,
        headers.createCallIdHeader(callId), headers.createCSeqHeader(1L, Request.INVITE),
        headers.createFromHeader(fromAddress, UUID.randomUUID().toString().substring(0, 8)),
        headers.createToHeader(toAddress, null), List.of(via), headers.createMaxForwardsHeader(70));
    SipURI contact = stack.addresses().createSipURI("callcenter", point.getIPAddress());
    contact.setPort(point.getPort());
    contact.setTransportParam(point.getTransport());
    invite.setHeader(headers.createContactHeader(stack.addresses().createAddress(contact)));
    Headers.fill(invite, headers, outbound.headers(), outbound.contentType(), outbound.body());
    return invite;
  }

  private static ListeningPoint pointFor(SipStackHolder stack, Address to) {
    String transport = to.getURI() instanceof SipURI uri && uri.getTransportParam() != null
        ? uri.getTransportParam() : ListeningPoint.UDP;
    ListeningPoint point = stack.provider().getListeningPoint(transport);
    return point != null ? point : stack.provider().getListeningPoints()[0];
  }
}
