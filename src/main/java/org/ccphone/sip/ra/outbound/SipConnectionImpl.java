package org.ccphone.sip.ra.outbound;

import jakarta.resource.ResourceException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.ccphone.sip.ra.api.OutboundRequest;
import org.ccphone.sip.ra.api.SipConnection;
import org.ccphone.sip.ra.api.SipOutcome;

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
  public CompletionStage<InviteResult> invite(String to, String from, OutboundRequest invite) {
    try {
      return managed.stack().invite(to, from, invite);
    } catch (ResourceException e) {
      return CompletableFuture.completedFuture(new InviteResult(SipOutcome.notSent(e.getMessage()), null));
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
