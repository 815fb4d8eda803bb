package org.ccphone.sip.ra.outbound;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionDefinition;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterAssociation;
import jakarta.resource.spi.TransactionSupport;
import java.io.PrintWriter;
import java.util.Set;
import javax.security.auth.Subject;
import org.ccphone.sip.ra.api.SipConnection;
import org.ccphone.sip.ra.api.SipConnectionFactory;
import org.ccphone.sip.ra.inbound.SipResourceAdapter;
import org.ccphone.sip.ra.stack.SipStackHolder;

/**
 * Outbound side of the adapter. Every connection works on the one stack the adapter started for
 * the inbound side (one address, one port), so requests we send leave from where calls arrive.
 */
@ConnectionDefinition(connectionFactory = SipConnectionFactory.class,
    connectionFactoryImpl = SipConnectionFactoryImpl.class,
    connection = SipConnection.class,
    connectionImpl = SipConnectionImpl.class)
public class SipManagedConnectionFactory implements ManagedConnectionFactory, ResourceAdapterAssociation,
    TransactionSupport {
  private static final long serialVersionUID = 1L;

  private transient SipResourceAdapter adapter;
  private transient PrintWriter logWriter;

  SipStackHolder stack() throws ResourceException {
    if (adapter == null) {
      throw new ResourceException("the SIP adapter is not started");
    }
    return adapter.stack().orElseThrow(() -> new ResourceException("no SIP stack is listening yet"));
  }

  @Override
  public Object createConnectionFactory(ConnectionManager manager) {
    return new SipConnectionFactoryImpl(this, manager);
  }

  @Override
  public Object createConnectionFactory() {
    return new SipConnectionFactoryImpl(this, null);
  }

  @Override
  public ManagedConnection createManagedConnection(Subject subject, ConnectionRequestInfo info) {
    return new SipManagedConnection(this);
  }

  @Override
  @SuppressWarnings("rawtypes")
  public ManagedConnection matchManagedConnections(Set candidates, Subject subject, ConnectionRequestInfo info) {
    for (Object candidate : candidates) {
      if (candidate instanceof SipManagedConnection connection && connection.factory() == this) {
        return connection;
      }
    }
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {
    this.logWriter = out;
  }

  @Override
  public PrintWriter getLogWriter() {
    return logWriter;
  }

  @Override
  public ResourceAdapter getResourceAdapter() {
    return adapter;
  }

  @Override
  public void setResourceAdapter(ResourceAdapter adapter) {
    this.adapter = (SipResourceAdapter) adapter;
  }

  @Override
  public TransactionSupportLevel getTransactionSupport() {
    return TransactionSupportLevel.NoTransaction;
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
