package org.ccphone.sip.ra.inbound;

import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.Work;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sip.SipException;
import org.ccphone.sip.ra.api.InboundRequest;
import org.ccphone.sip.ra.api.SipRequestListener;

/**
 * Hands one request to a message-driven bean. A bean that fails before answering gets 500 sent for
 * it; one that returns normally may answer later (an INVITE is answered when an agent does).
 */
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
    boolean failed = false;
    try {
      endpoint = endpoints.createEndpoint(null);
      ((SipRequestListener) endpoint).onRequest(request);
    } catch (Exception | Error e) {
      failed = true;
      LOG.log(Level.WARNING, "delivery of " + request.method() + " failed", e);
    } finally {
      if (endpoint != null) {
        endpoint.release();
      }
      if (failed && !request.answered()) {
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
