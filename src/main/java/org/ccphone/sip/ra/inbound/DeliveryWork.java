package org.ccphone.sip.ra.inbound;

import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.Work;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sip.SipException;
import org.ccphone.sip.ra.api.InboundRequest;
import org.ccphone.sip.ra.api.SipRequestListener;

/** Hands one request to a message-driven bean; a request the bean leaves unanswered gets 500. */
final class DeliveryWork implements Work {
  private static final Logger LOG = Logger.getLogger(DeliveryWork.class.getName());

  private final MessageEndpointFactory endpoints;
  private final InboundRequest request;

  DeliveryWork(MessageEndpointFactory endpoints, InboundRequest request) {
    this.endpoints = endpoints;
    this.request = request;
  }

  @Override
  public void run() {
    MessageEndpoint endpoint = null;
    try {
      endpoint = endpoints.createEndpoint(null);
      ((SipRequestListener) endpoint).onRequest(request);
    } catch (Exception | Error e) {
      LOG.log(Level.WARNING, "delivery of " + request.method() + " failed", e);
    } finally {
      if (endpoint != null) {
        endpoint.release();
      }
      if (!request.answered()) {
        try {
          request.respond(500);
        } catch (SipException | RuntimeException e) {
          LOG.log(Level.FINE, "no 500 for " + request.method(), e);
        }
      }
    }
  }

  @Override
  public void release() { }
}
