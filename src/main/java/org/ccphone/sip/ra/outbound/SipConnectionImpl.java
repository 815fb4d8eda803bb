package org.ccphone.sip.ra.outbound;

import jakarta.resource.ResourceException;
import javax.sip.SipException;
import org.ccphone.sip.ra.api.InboundRequest;
import org.ccphone.sip.ra.api.SipConnection;

/** The handle an application holds while it sends requests. */
final class SipConnectionImpl implements SipConnection {
  private volatile SipManagedConnection managed;

  SipConnectionImpl(SipManagedConnection managed) {
    this.managed = managed;
  }

  void associate(SipManagedConnection other) {
    this.managed = other;
  }

  @Override
  public void bye(InboundRequest acceptedInvite) throws SipException {
    try {
      managed.stack().bye(acceptedInvite);
    } catch (ResourceException e) {
      throw new SipException(e.getMessage(), e);
    }
  }

  @Override
  public StackCounts counts() {
    try {
      return managed.stack().counts();
    } catch (ResourceException e) {
      return new StackCounts(0, 0, 0);
    }
  }

  @Override
  public void close() {
    managed.closed(this);
  }
}
