package org.ccphone.call.dial;

import jakarta.resource.ResourceException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.ccphone.call.model.CallerLeg;
import org.ccphone.call.sip.SipLeg;
import org.ccphone.sip.ra.api.DialRequest;
import org.ccphone.sip.ra.api.InboundRequest;
import org.ccphone.sip.ra.api.OutboundRequest;
import org.ccphone.sip.ra.api.PlacedInvite;
import org.ccphone.sip.ra.api.SipConnection;
import org.ccphone.sip.ra.api.SipConnectionFactory;
import org.ccphone.sip.ra.api.SipDialog;
import org.ccphone.sip.ra.api.SipOutcome;
import org.ccphone.sip.ra.api.TrunkCredentials;
import org.ccphone.tenant.Trunk;

/**
 * The far side of a call an agent dials: our INVITE through the tenant's trunk, with the agent's
 * caller id in From and P-Asserted-Identity, then the dialog its answer opened. It never answers
 * an INVITE (that is the IVR's leg, {@code SipCallerLeg}).
 */
final class DialedLeg implements CallerLeg, SipLeg {
  private final SipConnectionFactory connections;
  private final Trunk trunk;
  private final String sipCallId;
  private final String number;
  private final CallerIdentity identity;
  /** Headers the INVITE carries besides (a transfer's call data). */
  private final Map<String, String> extra;
  private volatile PlacedInvite placed;
  private volatile SipDialog dialog;

  DialedLeg(SipConnectionFactory connections, Trunk trunk, String sipCallId, String number, CallerIdentity identity) {
    this(connections, trunk, sipCallId, number, identity, Map.of());
  }

  DialedLeg(SipConnectionFactory connections, Trunk trunk, String sipCallId, String number, CallerIdentity identity,
      Map<String, String> extra) {
    this.extra = Map.copyOf(extra);
    this.connections = connections;
    this.trunk = trunk;
    this.sipCallId = sipCallId;
    this.number = number;
    this.identity = identity;
  }

  @Override
  public CompletionStage<SipOutcome> place(String offer, Consumer<SipOutcome> progress) {
    OutboundRequest invite = OutboundRequest.of("INVITE").withBody("application/sdp", offer);
    if (identity.asserted() != null) {
      invite = invite.with("P-Asserted-Identity", identity.asserted());
    }
    for (Map.Entry<String, String> header : extra.entrySet()) {
      invite = invite.with(header.getKey(), header.getValue());
    }
    TrunkCredentials credentials = trunk.authenticates() ? new TrunkCredentials(trunk.username(), trunk.password()) : null;
    try (SipConnection sip = connections.getConnection()) {
      placed = sip.dial(new DialRequest(sipCallId, "<" + trunk.uriFor(number) + ">", identity.from(), invite,
          "<" + trunk.proxy() + ">", credentials, progress));
    } catch (ResourceException e) {
      return CompletableFuture.completedFuture(SipOutcome.notSent("the SIP adapter is not available: " + e.getMessage()));
    }
    return placed.result().thenApply(result -> {
      dialog = result.dialog();
      return result.outcome();
    });
  }

  @Override
  public void cancel() {
    PlacedInvite invite = placed;
    if (invite != null) {
      invite.cancel();
    }
  }

  /** The Call-ID of the INVITE this leg places. */
  String sipCallId() {
    return sipCallId;
  }

  /** The dialog the callee's answer opened is the one the stack matched the request to. */
  @Override
  public boolean sameDialog(InboundRequest request) {
    SipDialog open = dialog;
    return open != null && request.dialog() == open;
  }

  @Override
  public CompletionStage<SipOutcome> request(OutboundRequest request) {
    SipDialog open = dialog;
    if (open == null) {
      return CompletableFuture.completedFuture(SipOutcome.notSent("the call has no dialog"));
    }
    return open.send(request);
  }

  @Override
  public String offer() {
    return null; // ours goes in the INVITE; the callee's answer comes in its 200 (or 183)
  }

  @Override
  public String inviteHeader(String name) {
    return null;
  }

  @Override
  public CompletionStage<Void> ringing() {
    return notOurs();
  }

  @Override
  public CompletionStage<Void> accept(String sdp, Map<String, String> headers) {
    return notOurs();
  }

  @Override
  public CompletionStage<Void> refuse(int status) {
    return notOurs();
  }

  @Override
  public CompletionStage<Void> refuseRetryAfter(int status, int seconds) {
    return notOurs();
  }

  @Override
  public CompletionStage<Void> redirect(String contact) {
    return notOurs();
  }

  private static CompletionStage<Void> notOurs() {
    return CompletableFuture.failedFuture(new IllegalStateException("a dialed call has no INVITE of its own to answer"));
  }
}
