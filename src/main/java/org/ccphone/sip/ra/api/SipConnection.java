package org.ccphone.sip.ra.api;

import javax.sip.SipException;

/** Requests the application originates on the adapter's SIP stack. Close it after use. */
public interface SipConnection extends AutoCloseable {

  /** Hangs up the call an INVITE opened with its 200 OK: a BYE in that dialog. */
  void bye(InboundRequest acceptedInvite) throws SipException;

  /** What the stack holds right now: a call that ended must leave nothing behind. */
  StackCounts counts();

  @Override
  void close();

  /** Dialogs and transactions alive in the stack. */
  record StackCounts(int dialogs, int serverTransactions, int clientTransactions) {}
}
