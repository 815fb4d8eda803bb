package org.ccphone.sip.ra.outbound;

import jakarta.resource.ResourceException;
import org.ccphone.sip.ra.api.DialRequest;
import org.ccphone.sip.ra.api.PlacedInvite;
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
  public PlacedInvite dial(DialRequest dial) {
    try {
      return managed.stack().dial(dial);
    } catch (ResourceException e) {
      return PlacedInvite.notSent(e.getMessage());
    }
  }

  @Override
  public AdmissionState admission() {
    try {
      return managed.stack().admission();
    } catch (ResourceException e) {
      return new AdmissionState(true, 0, 0, 0, 0, 0, 0);
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
