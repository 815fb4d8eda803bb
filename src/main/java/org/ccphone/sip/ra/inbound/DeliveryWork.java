package org.ccphone.sip.ra.inbound;

import jakarta.resource.spi.UnavailableException;
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

  private static final long BUSY_WAIT_MILLIS = 2000;

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
      endpoint = endpointWithin(BUSY_WAIT_MILLIS);
      if (endpoint == null) {
        LOG.warning("every message-driven bean is busy; " + request.method() + " refused with 503");
        request.respondRetryAfter(503, 1);
        return;
      }
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

  /**
   * An endpoint from the bean pool. A burst can take every bean of the pool: this request then waits
   * a little for one to come back rather than failing at once.
   */
  private MessageEndpoint endpointWithin(long millis) throws Exception {
    long end = System.nanoTime() + millis * 1_000_000;
    while (true) {
      try {
        return endpoints.createEndpoint(null);
      } catch (UnavailableException busy) {
        if (System.nanoTime() > end) {
          return null;
        }
        Thread.sleep(10);
      }
    }
  }

  @Override
  public void release() { }
}
