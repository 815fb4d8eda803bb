package org.ccphone.sip.ra.outbound;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import javax.naming.Reference;
import org.ccphone.sip.ra.api.SipConnection;
import org.ccphone.sip.ra.api.SipConnectionFactory;

/** The factory an application looks up; connections come through the server's connection manager. */
public class SipConnectionFactoryImpl implements SipConnectionFactory {
  private static final long serialVersionUID = 1L;

  private final transient SipManagedConnectionFactory managed;
  private final transient ConnectionManager manager;
  private Reference reference;

  SipConnectionFactoryImpl(SipManagedConnectionFactory managed, ConnectionManager manager) {
    this.managed = managed;
    this.manager = manager;
  }

  @Override
  public SipConnection getConnection() throws ResourceException {
    if (manager == null) {
      return (SipConnection) new SipManagedConnection(managed).getConnection(null, null);
    }
    return (SipConnection) manager.allocateConnection(managed, null);
  }

  @Override
  public void setReference(Reference reference) {
    this.reference = reference;
  }

  @Override
  public Reference getReference() {
    return reference;
  }
}
