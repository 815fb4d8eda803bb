package org.ccphone.sip.ra.api;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** An INVITE the application sent: its end, and its CANCEL. */
public interface PlacedInvite {
  /** The Call-ID of the new call (its dialog's, and every request of it). */
  String callId();

  /**
   * The final answer (a 2xx is ACKed by the adapter and carries the dialog), a local timeout, or,
   * after {@link #cancel()}, 487. Never silence.
   */
  CompletionStage<SipConnection.InviteResult> result();

  /**
   * Gives the call up before it is answered: CANCEL once a provisional answer came (at once, or as
   * soon as one comes, RFC 3261 section 9.1); a 2xx that crosses it is ACKed and hung up (BYE).
   */
  void cancel();

  /** An INVITE that could not be sent at all (the adapter is gone): it ends at once, locally. */
  static PlacedInvite notSent(String why) {
    var ended = CompletableFuture.completedStage(
        new SipConnection.InviteResult(SipOutcome.notSent(why), null));
    return new PlacedInvite() {
      @Override public String callId() { return null; }
      @Override public CompletionStage<SipConnection.InviteResult> result() { return ended; }
      @Override public void cancel() { }
    };
  }
}
