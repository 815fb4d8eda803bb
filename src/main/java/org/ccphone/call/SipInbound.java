package org.ccphone.call;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sip.SipException;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.ccphone.sip.ra.api.InboundRequest;
import org.ccphone.sip.ra.api.SipRequestListener;

/**
 * The SIP requests of the resource adapter. OPTIONS (an IVR's or proxy's keep-alive) is answered
 * 200. Routing calls to agents is not built yet: an INVITE is answered 480 (no agent can take it),
 * a BYE or CANCEL outside a known transaction 481, any other method 501.
 */
@MessageDriven(activationConfig = {
    @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "callcenter-sip")})
public class SipInbound implements SipRequestListener {
  private static final Logger LOG = Logger.getLogger(SipInbound.class.getName());

  @Override
  public void onRequest(InboundRequest request) {
    try {
      switch (request.method()) {
        case Request.OPTIONS -> request.respond(Response.OK);
        case Request.ACK -> { } // ends a transaction; nothing to answer
        case Request.INVITE -> request.respond(Response.TEMPORARILY_UNAVAILABLE);
        case Request.BYE, Request.CANCEL -> request.respond(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
        default -> request.respond(Response.NOT_IMPLEMENTED);
      }
    } catch (SipException e) {
      LOG.log(Level.WARNING, "cannot answer " + request.method(), e);
    }
  }
}
