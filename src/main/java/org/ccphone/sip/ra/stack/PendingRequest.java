package org.ccphone.sip.ra.stack;

import java.util.concurrent.CompletableFuture;
import org.ccphone.sip.ra.api.SipOutcome;

/**
 * What waits for the answer to a request the application sent inside a dialog, kept as its client
 * transaction's application data (a new INVITE is a {@link DialingInvite}).
 */
final class PendingRequest {
  private final CompletableFuture<SipOutcome> outcome;

  private PendingRequest(CompletableFuture<SipOutcome> outcome) {
    this.outcome = outcome;
  }

  static PendingRequest inDialog(CompletableFuture<SipOutcome> outcome) {
    return new PendingRequest(outcome);
  }

  void finish(SipOutcome result) {
    outcome.complete(result);
  }
}
