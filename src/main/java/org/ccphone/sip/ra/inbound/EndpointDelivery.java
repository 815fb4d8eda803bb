package org.ccphone.sip.ra.inbound;

import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ccphone.sip.ra.api.DialogEvent;
import org.ccphone.sip.ra.api.InboundRequest;
import org.ccphone.sip.ra.api.SipReply;
import org.ccphone.sip.ra.api.SipRequestListener;
import org.ccphone.sip.ra.stack.StackInbound;

/**
 * Hands each request and dialog event to a message-driven bean, on the thread of its call's order
 * (a WorkManager thread). A request no bean was free for within 2 s gets 503 with Retry-After; one
 * whose bean failed before answering gets 500; a bean that returns
 * normally may answer later (an INVITE is answered when an agent does).
 */
final class EndpointDelivery implements StackInbound {
  private static final Logger LOG = Logger.getLogger(EndpointDelivery.class.getName());
  private static final long BUSY_WAIT_MILLIS = 2000;
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  private final MessageEndpointFactory endpoints;
  /** Counts endpoints given back, so that a delivery waiting for one wakes when one is free. */
  private long releases;

  EndpointDelivery(MessageEndpointFactory endpoints) {
    this.endpoints = endpoints;
  }

  @Override
  public void request(InboundRequest request, Runnable handling) {
    Delivery result = deliver(listener -> listener.onRequest(request), request.method(), handling);
    if (result == Delivery.DONE || request.answered() || "ACK".equals(request.method())) {
      return;
    }
    // No bean free: try again in a moment; a bean that failed: a server error.
    request.respond(result == Delivery.BUSY ? SipReply.of(503).with("Retry-After", "1") : SipReply.of(500));
  }

  @Override
  public void dialogEvent(DialogEvent event) {
    deliver(listener -> listener.onDialogEvent(event), event.kind().name(), () -> { });
  }

  private enum Delivery { DONE, BUSY, FAILED }

  /** {@code handling} runs when a bean was found (or none came): how long new calls wait is judged from it. */
  private Delivery deliver(Consumer<SipRequestListener> call, String what, Runnable handling) {
    MessageEndpoint endpoint = null;
    try {
      try {
        endpoint = endpointWithin(BUSY_WAIT_MILLIS);
      } finally {
        handling.run(); // exactly once, whatever came of the wait
      }
      if (endpoint == null) {
        LOG.warning("every message-driven bean is busy; " + what + " not delivered");
        return Delivery.BUSY;
      }
      call.accept((SipRequestListener) endpoint);
      return Delivery.DONE;
    } catch (Exception | Error e) {
      LOG.log(Level.WARNING, "delivery of " + what + " failed", e);
      return Delivery.FAILED;
    } finally {
      if (endpoint != null) {
        endpoint.release();
        released();
      }
    }
  }

  private synchronized void released() {
    releases++;
    notifyAll();
  }

  /**
   * An endpoint from the bean pool. A burst can take every bean of the pool: this delivery then
   * waits for one to come back (woken by its release, not by polling) rather than failing at once.
   */
  private MessageEndpoint endpointWithin(long millis) throws Exception {
    long end = System.nanoTime() + millis * 1_000_000;
    while (true) {
      long seen;
      synchronized (this) {
        seen = releases;
      }
      try {
        return endpoints.createEndpoint(null);
      } catch (UnavailableException busy) {
        long left = end - System.nanoTime();
        if (left <= 0) {
          return null;
        }
        // Woken by a release; still every 10 ms at most, in case the container frees a bean another way.
        awaitRelease(seen, Math.min(left, POLL_NANOS));
      }
    }
  }

  /** Returns once an endpoint was released since {@code seen} was read, or after {@code nanos}. */
  private synchronized void awaitRelease(long seen, long nanos) throws InterruptedException {
    long end = System.nanoTime() + nanos;
    for (long left = nanos; releases == seen && left > 0; left = end - System.nanoTime()) {
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
  }
}
