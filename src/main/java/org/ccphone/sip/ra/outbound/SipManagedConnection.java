package org.ccphone.sip.ra.outbound;

import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.LocalTransaction;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionMetaData;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.security.auth.Subject;
import javax.transaction.xa.XAResource;
import org.ccphone.sip.ra.stack.SipStackHolder;

/** A pooled handle on the adapter's stack: nothing to open or close but the handles given out. */
final class SipManagedConnection implements ManagedConnection {
  private final SipManagedConnectionFactory factory;
  private final List<ConnectionEventListener> listeners = new CopyOnWriteArrayList<>();
  private PrintWriter logWriter;

  SipManagedConnection(SipManagedConnectionFactory factory) {
    this.factory = factory;
  }

  SipManagedConnectionFactory factory() {
    return factory;
  }

  SipStackHolder stack() throws ResourceException {
    return factory.stack();
  }

  /** A handle was closed by the application: the connection manager takes this one back. */
  void closed(SipConnectionImpl handle) {
    ConnectionEvent event = new ConnectionEvent(this, ConnectionEvent.CONNECTION_CLOSED);
    event.setConnectionHandle(handle);
    listeners.forEach(l -> l.connectionClosed(event));
  }

  @Override
  public Object getConnection(Subject subject, ConnectionRequestInfo info) {
    return new SipConnectionImpl(this);
  }

  @Override public void destroy() { }
  @Override public void cleanup() { }
  @Override public void associateConnection(Object connection) {
    ((SipConnectionImpl) connection).associate(this);
  }

  @Override
  public void addConnectionEventListener(ConnectionEventListener listener) {
    listeners.add(listener);
  }

  @Override
  public void removeConnectionEventListener(ConnectionEventListener listener) {
    listeners.remove(listener);
  }

  @Override
  public XAResource getXAResource() throws ResourceException {
    throw new NotSupportedException("SIP requests are not transactional");
  }

  @Override
  public LocalTransaction getLocalTransaction() throws ResourceException {
    throw new NotSupportedException("SIP requests are not transactional");
  }

  @Override
  public ManagedConnectionMetaData getMetaData() {
    return new ManagedConnectionMetaData() {
      @Override public String getEISProductName() { return "JAIN-SIP"; }
      @Override public String getEISProductVersion() { return "1.3"; }
      @Override public int getMaxConnections() { return 0; }
      @Override public String getUserName() { return null; }
    };
  }

  @Override
  public void setLogWriter(PrintWriter out) {
    this.logWriter = out;
  }

  @Override
  public PrintWriter getLogWriter() {
    return logWriter;
  }
}
