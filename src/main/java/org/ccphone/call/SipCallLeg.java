package org.ccphone.call;

import jakarta.resource.ResourceException;
import javax.sip.SipException;
import javax.sip.message.Response;
import org.ccphone.sip.ra.api.InboundRequest;
import org.ccphone.sip.ra.api.SipConnection;
import org.ccphone.sip.ra.api.SipConnectionFactory;

/** A call leg over SIP: the INVITE's server transaction, and a BYE through the adapter's connection. */
final class SipCallLeg implements CallLeg {
  private final InboundRequest invite;
  private final SipConnectionFactory connections;

  SipCallLeg(InboundRequest invite, SipConnectionFactory connections) {
    this.invite = invite;
    this.connections = connections;
  }

  @Override
  public String offer() {
    return invite.sdp();
  }

  @Override
  public void ringing() throws CallLegException {
    send(() -> invite.respond(Response.RINGING), "180");
  }

  @Override
  public void accept(String sdp) throws CallLegException {
    send(() -> invite.accept(sdp), "200");
  }

  @Override
  public void refuse(int status) throws CallLegException {
    send(() -> invite.respond(status), String.valueOf(status));
  }

  @Override
  public void refuseRetryAfter(int status, int seconds) throws CallLegException {
    send(() -> invite.respondRetryAfter(status, seconds), String.valueOf(status));
  }

  @Override
  public void redirect(String contact) throws CallLegException {
    send(() -> invite.redirect(Response.MOVED_TEMPORARILY, contact), "302");
  }

  @Override
  public void hangUp() throws CallLegException {
    try (SipConnection connection = connections.getConnection()) {
      connection.bye(invite);
    } catch (SipException | ResourceException | RuntimeException e) {
      throw new CallLegException("cannot send BYE: " + e.getMessage(), e);
    }
  }

  private interface Send {
    void run() throws SipException;
  }

  private static void send(Send send, String what) throws CallLegException {
    try {
      send.run();
    } catch (SipException | RuntimeException e) {
      throw new CallLegException("cannot send " + what + ": " + e.getMessage(), e);
    }
  }
}
