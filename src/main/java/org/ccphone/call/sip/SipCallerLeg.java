package org.ccphone.call.sip;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.ccphone.call.model.CallerLeg;
import org.ccphone.sip.ra.api.InboundRequest;
import org.ccphone.sip.ra.api.OutboundRequest;
import org.ccphone.sip.ra.api.SipDialog;
import org.ccphone.sip.ra.api.SipOutcome;
import org.ccphone.sip.ra.api.SipReply;

/** The caller's leg over the SIP adapter: the INVITE's server transaction, then the dialog its 200 OK opened. */
final class SipCallerLeg implements CallerLeg, SipLeg {
  private final InboundRequest invite;
  private volatile SipDialog dialog;

  SipCallerLeg(InboundRequest invite) {
    this.invite = invite;
  }

  /**
   * Whether a request belongs to this call's dialog (RFC 3261 section 12.2.2): its Call-ID, the
   * caller's From tag and our To tag. A request with the Call-ID alone is someone else's.
   */
  @Override
  public boolean sameDialog(InboundRequest request) {
    return Objects.equals(invite.callId(), request.callId()) && Objects.equals(invite.fromTag(), request.fromTag())
        && Objects.equals(invite.localTag(), request.toTag());
  }

  @Override
  public String offer() {
    return invite.body();
  }

  @Override
  public String inviteHeader(String name) {
    return invite.header(name);
  }

  @Override
  public CompletionStage<Void> ringing() {
    return invite.respond(180);
  }

  @Override
  public CompletionStage<Void> accept(String sdp, Map<String, String> headers) {
    SipReply ok = new SipReply(200, headers, "application/sdp", sdp);
    return invite.accept(ok).thenAccept(opened -> dialog = opened);
  }

  @Override
  public CompletionStage<Void> refuse(int status) {
    return invite.respond(status);
  }

  @Override
  public CompletionStage<Void> refuseRetryAfter(int status, int seconds) {
    return invite.respond(SipReply.of(status).with("Retry-After", String.valueOf(seconds)));
  }

  @Override
  public CompletionStage<Void> redirect(String contact) {
    return invite.respond(SipReply.of(302).with("Contact", "<" + contact + ">"));
  }

  @Override
  public CompletionStage<SipOutcome> request(OutboundRequest request) {
    SipDialog open = dialog;
    if (open == null) {
      return CompletableFuture.completedFuture(SipOutcome.notSent("the call has no dialog"));
    }
    return open.send(request);
  }
}
