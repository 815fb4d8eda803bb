package org.ccphone.sip.ra.inbound;

import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ccphone.sip.ra.api.DialogEvent;
import org.ccphone.sip.ra.api.InboundRequest;
import org.ccphone.sip.ra.api.SipRequestListener;
import org.ccphone.sip.ra.stack.SipStackHolder;

/**
 * Hands each request and dialog event to a message-driven bean, on the thread of its call's order
 * (a WorkManager thread). A bean that fails before answering gets 500 sent for it; one that returns
 * normally may answer later (an INVITE is answered when an agent does).
 */
final class EndpointDelivery implements SipStackHolder.Inbound {
  private static final Logger LOG = Logger.getLogger(EndpointDelivery.class.getName());
  private static final long BUSY_WAIT_MILLIS = 2000;

  private final MessageEndpointFactory endpoints;

  EndpointDelivery(MessageEndpointFactory endpoints) {
    this.endpoints = endpoints;
  }

  @Override
  public void request(InboundRequest request) {
    boolean delivered = deliver(listener -> listener.onRequest(request), request.method());
    if (!delivered && !request.answered() && !"ACK".equals(request.method())) {
      request.respond(500);
    }
  }

  @Override
  public void dialogEvent(DialogEvent event) {
    deliver(listener -> listener.onDialogEvent(event), event.kind().name());
  }

  /** False when no bean could take it or the bean failed. */
  private boolean deliver(Consumer<SipRequestListener> call, String what) {
    MessageEndpoint endpoint = null;
    try {
      endpoint = endpointWithin(BUSY_WAIT_MILLIS);
      if (endpoint == null) {
        LOG.warning("every message-driven bean is busy; " + what + " not delivered");
        return false;
      }
      call.accept((SipRequestListener) endpoint);
      return true;
    } catch (Exception | Error e) {
      LOG.log(Level.WARNING, "delivery of " + what + " failed", e);
      return false;
    } finally {
      if (endpoint != null) {
        endpoint.release();
      }
    }
  }

  /**
   * An endpoint from the bean pool. A burst can take every bean of the pool: this delivery then
   * waits a little for one to come back rather than failing at once.
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
}
