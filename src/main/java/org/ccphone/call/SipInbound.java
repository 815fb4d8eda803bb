package org.ccphone.call;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sip.SipException;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.ccphone.sip.ra.api.InboundRequest;
import org.ccphone.sip.ra.api.SipRequestListener;

/**
 * The SIP requests of the resource adapter. OPTIONS (an IVR's or proxy's keep-alive) is answered
 * 200; an INVITE goes to {@link InboundCalls}; a BYE or CANCEL outside a known transaction gets 481,
 * any other method 501.
 */
// No container transaction: Call Start runs on the customer's database and the Call End goes to the
// server's own (the outbox); one transaction over both non-XA pools is refused, and neither needs it.
@TransactionManagement(TransactionManagementType.BEAN)
@MessageDriven(activationConfig = {
    @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "callcenter-sip")})
public class SipInbound implements SipRequestListener {
  private static final Logger LOG = Logger.getLogger(SipInbound.class.getName());

  @Inject InboundCalls calls;

  @Override
  public void onRequest(InboundRequest request) {
    try {
      switch (request.method()) {
        case Request.OPTIONS -> request.respond(Response.OK);
        case Request.ACK -> { } // ends a transaction; nothing to answer
        case Request.INVITE -> invite(request);
        case Request.BYE, Request.CANCEL -> request.respond(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
        default -> request.respond(Response.NOT_IMPLEMENTED);
      }
    } catch (SipException e) {
      LOG.log(Level.WARNING, "cannot answer " + request.method(), e);
    }
  }

  private void invite(InboundRequest request) throws SipException {
    Instant start = Instant.now();
    request.respond(Response.TRYING);
    String appId = CallData.value(request::header, "AppId");
    CallData data = CallData.fromHeaders(request::header, request.requestUriUser(), request.fromUser());
    InboundCalls.Outcome outcome = calls.invite(appId, data, start);
    if (outcome.contact() != null) {
      request.redirect(outcome.status(), outcome.contact());
    } else {
      request.respond(outcome.status());
    }
  }
}
