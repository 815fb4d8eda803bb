package org.ccphone.sip.ra.inbound;

import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.Connector;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterInternalException;
import jakarta.resource.spi.TransactionSupport;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkManager;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import javax.sip.SipException;
import javax.transaction.xa.XAResource;
import org.ccphone.sip.ra.api.InboundRequest;
import org.ccphone.sip.ra.stack.SipStackHolder;

/**
 * The SIP resource adapter: one JAIN-SIP stack per activated message-driven bean, each request
 * delivered through the server's WorkManager. A request the server cannot take (no worker free) is
 * answered 503 at once.
 */
@Connector(displayName = "Call center SIP", vendorName = "ccphone", eisType = "SIP", version = "1.0",
    transactionSupport = TransactionSupport.TransactionSupportLevel.NoTransaction)
public class SipResourceAdapter implements ResourceAdapter {
  private static final Logger LOG = Logger.getLogger(SipResourceAdapter.class.getName());

  private WorkManager workManager;
  private final Map<MessageEndpointFactory, SipStackHolder> stacks = new ConcurrentHashMap<>();

  @Override
  public void start(BootstrapContext context) throws ResourceAdapterInternalException {
    workManager = context.getWorkManager();
  }

  /** The stack of the (first) activated endpoint, which outbound connections send through. */
  public java.util.Optional<SipStackHolder> stack() {
    return stacks.values().stream().findFirst();
  }

  @Override
  public void stop() {
    stacks.values().forEach(SipStackHolder::stop);
    stacks.clear();
  }

  @Override
  public void endpointActivation(MessageEndpointFactory endpoints, ActivationSpec spec) throws ResourceException {
    if (!(spec instanceof SipActivationSpec sip)) {
      throw new NotSupportedException("not a SIP activation: " + spec);
    }
    sip.validate();
    try {
      SipStackHolder holder = SipStackHolder.start(new SipStackHolder.StackSettings(
          sip.getHost(), sip.getPort(), sip.transportList(), sip.getThreads(), sip.getMaxMessageSize()),
          request -> deliver(endpoints, request));
      stacks.put(endpoints, holder);
    } catch (SipException e) {
      throw new ResourceException("SIP stack did not start: " + e.getMessage(), e);
    }
  }

  private void deliver(MessageEndpointFactory endpoints, InboundRequest request) {
    try {
      workManager.scheduleWork(new DeliveryWork(endpoints, request));
    } catch (WorkException e) {
      LOG.warning("no worker for " + request.method() + ": " + e.getMessage());
      try {
        request.respond(503);
      } catch (SipException | RuntimeException ignored) {
        // the caller will retransmit or give up
      }
    }
  }

  @Override
  public void endpointDeactivation(MessageEndpointFactory endpoints, ActivationSpec spec) {
    SipStackHolder holder = stacks.remove(endpoints);
    if (holder != null) {
      holder.stop();
    }
  }

  @Override
  public XAResource[] getXAResources(ActivationSpec[] specs) {
    return new XAResource[0];
  }

  @Override
  public boolean equals(Object other) {
    return this == other;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }
}
