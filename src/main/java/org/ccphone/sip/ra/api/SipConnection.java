package org.ccphone.sip.ra.api;

import java.util.concurrent.CompletionStage;

/** Requests the application originates on the adapter's SIP stack. Close it after use. */
public interface SipConnection extends AutoCloseable {

  /**
   * Starts a new dialog: an INVITE from {@code from} to {@code to}. The stage completes with the
   * final response (a 2xx is ACKed by the adapter and carries the dialog) or a local timeout.
   */
  default CompletionStage<InviteResult> invite(String to, String from, OutboundRequest invite) {
    return dial(DialRequest.to(to, from, invite)).result();
  }

  /** Places a new call: through a proxy, answering a digest challenge, with its progress and its CANCEL. */
  PlacedInvite dial(DialRequest dial);

  /** Whether new calls are being taken, and why not (see the adapter's admission control). */
  AdmissionState admission();

  /**
   * @param refusing new INVITEs get 503 with Retry-After at once
   * @param shortestWaitMicros the shortest wait of a new call before it was handled, last interval
   * @param waiting new calls taken and not yet handled
   * @param refused new calls refused for overload since the start
   * @param admitted new calls taken since the start
   * @param intakes new calls taken and not yet placed or answered by the application
   * @param intakeLimit how many may be at once now, from what the server completes per second
   */
  record AdmissionState(boolean refusing, long shortestWaitMicros, long waiting, long refused, long admitted,
      long intakes, long intakeLimit) {}

  /** What the stack holds right now: a call that ended must leave nothing behind. */
  StackCounts counts();

  @Override
  void close();

  /** Dialogs and transactions alive in the stack. */
  record StackCounts(int dialogs, int serverTransactions, int clientTransactions) {}

  /** The end of an INVITE the application sent; {@code dialog} is set for a 2xx only. */
  record InviteResult(SipOutcome outcome, SipDialog dialog) {}
}
