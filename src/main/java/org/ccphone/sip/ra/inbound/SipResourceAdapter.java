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
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkManager;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import javax.sip.SipException;
import javax.transaction.xa.XAResource;
import org.ccphone.sip.ra.stack.SipStackHolder;
import org.ccphone.sip.ra.stack.StackSettings;

/**
 * The SIP resource adapter: one JAIN-SIP stack per activated message-driven bean. The messages of
 * each call are delivered in order, one at a time, on the server's WorkManager threads.
 */
@Connector(displayName = "Call center SIP", vendorName = "ccphone", eisType = "SIP", version = "1.0",
    transactionSupport = TransactionSupport.TransactionSupportLevel.NoTransaction)
public class SipResourceAdapter implements ResourceAdapter {
  private WorkManager workManager;
  private final Map<MessageEndpointFactory, SipStackHolder> stacks = new ConcurrentHashMap<>();

  @Override
  public void start(BootstrapContext context) throws ResourceAdapterInternalException {
    workManager = context.getWorkManager();
  }

  /** The stack of the (first) activated endpoint, which outbound connections send through. */
  public Optional<SipStackHolder> stack() {
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
      SipStackHolder holder = SipStackHolder.start(new StackSettings(
          sip.getHost(), sip.getPort(), sip.transportList(), sip.getThreads(), sip.getMaxMessageSize(),
          sip.getReceiveBufferBytes(), sip.overload(), sip.tls()), workers(), new EndpointDelivery(endpoints));
      stacks.put(endpoints, holder);
    } catch (SipException e) {
      throw new ResourceException("SIP stack did not start: " + e.getMessage(), e);
    }
  }

  /** The WorkManager as an executor; a refusal is an exception, so the caller can run the work itself. */
  private Executor workers() {
    return task -> {
      try {
        workManager.scheduleWork(new Work() {
          @Override public void run() { task.run(); }
          @Override public void release() { }
        });
      } catch (WorkException e) {
        throw new RejectedExecutionException(e.getMessage(), e);
      }
    };
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
