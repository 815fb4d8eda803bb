package org.ccphone.call;

import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import jakarta.resource.ConnectionFactoryDefinition;
import jakarta.resource.spi.TransactionSupport.TransactionSupportLevel;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sip.SipException;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.ccphone.sip.ra.api.InboundRequest;
import org.ccphone.sip.ra.api.SipConnectionFactory;
import org.ccphone.sip.ra.api.SipRequestListener;

/**
 * The SIP requests of the resource adapter. OPTIONS (an IVR's or proxy's keep-alive) is answered
 * 200; INVITE, CANCEL, ACK and BYE go to {@link InboundCalls}; a CANCEL or BYE of no call in
 * progress gets 481, any other method 501.
 */
// No container transaction: Call Start runs on the customer's database and the Call End goes to the
// server's own (the outbox); one transaction over both non-XA pools is refused, and neither needs it.
@TransactionManagement(TransactionManagementType.BEAN)
@MessageDriven(activationConfig = {
    @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "callcenter-sip")})
@ConnectionFactoryDefinition(name = SipInbound.CONNECTIONS, interfaceName = "org.ccphone.sip.ra.api.SipConnectionFactory",
    resourceAdapter = "callcenter-sip", transactionSupport = TransactionSupportLevel.NoTransaction)
public class SipInbound implements SipRequestListener {
  static final String CONNECTIONS = "java:app/sip/callcenter";
  private static final Logger LOG = Logger.getLogger(SipInbound.class.getName());

  @Inject InboundCalls calls;
  @Resource(lookup = CONNECTIONS) SipConnectionFactory connections;

  @Override
  public void onRequest(InboundRequest request) {
    try {
      switch (request.method()) {
        case Request.OPTIONS -> request.respond(Response.OK);
        case Request.ACK -> { } // the 200 OK reached the caller; nothing to answer
        case Request.INVITE -> invite(request);
        case Request.CANCEL, Request.BYE -> callerGone(request);
        default -> request.respond(Response.NOT_IMPLEMENTED);
      }
    } catch (SipException e) {
      LOG.log(Level.WARNING, "cannot answer " + request.method(), e);
    }
  }

  /** 200 to the CANCEL or BYE first: a CANCEL's 200 must come before the INVITE's 487. */
  private void callerGone(InboundRequest request) throws SipException {
    if (!calls.inProgress(request.callId())) {
      request.respond(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
      return;
    }
    request.respond(Response.OK);
    calls.callerGone(request.callId());
  }

  private void invite(InboundRequest request) throws SipException {
    if (calls.inProgress(request.callId())) {
      // A re-INVITE (hold, media change) of a call in progress: not taken yet.
      request.respond(Response.NOT_ACCEPTABLE_HERE);
      return;
    }
    String appId = CallData.value(request::header, "AppId");
    CallData data = CallData.fromHeaders(request::header, request.requestUriUser(), request.fromUser());
    calls.invite(appId, request.callId(), data, new SipCallLeg(request, connections));
  }
}
