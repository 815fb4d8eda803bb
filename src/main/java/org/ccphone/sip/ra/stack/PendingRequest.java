package org.ccphone.sip.ra.stack;

import java.util.concurrent.CompletableFuture;
import org.ccphone.sip.ra.api.SipConnection.InviteResult;
import org.ccphone.sip.ra.api.SipOutcome;

/**
 * What waits for the answer to a request the application sent, kept as its client transaction's
 * application data: the outcome of a request in a dialog, or the result of a new INVITE (whose
 * 2xx also carries the dialog).
 */
final class PendingRequest {
  private final CompletableFuture<SipOutcome> outcome;
  private final CompletableFuture<InviteResult> invite;

  private PendingRequest(CompletableFuture<SipOutcome> outcome, CompletableFuture<InviteResult> invite) {
    this.outcome = outcome;
    this.invite = invite;
  }

  static PendingRequest inDialog(CompletableFuture<SipOutcome> outcome) {
    return new PendingRequest(outcome, null);
  }

  static PendingRequest newDialog(CompletableFuture<InviteResult> invite) {
    return new PendingRequest(null, invite);
  }

  void finish(SipOutcome result, StackDialog dialog) {
    if (outcome != null) {
      outcome.complete(result);
    } else {
      invite.complete(new InviteResult(result, result.success() ? dialog : null));
    }
  }
}
