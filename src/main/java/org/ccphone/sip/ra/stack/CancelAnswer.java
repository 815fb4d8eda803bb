package org.ccphone.sip.ra.stack;

import gov.nist.javax.sip.ServerTransactionExt;
import java.text.ParseException;
import java.util.logging.Logger;
import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

/** The answer to a caller's CANCEL, sent on the stack's thread. */
final class CancelAnswer {
  private static final Logger LOG = Logger.getLogger(CancelAnswer.class.getName());

  private CancelAnswer() {}

  /**
   * A CANCEL is answered here, on the stack's thread: 200 when its INVITE is still pending (the
   * application then ends the call with 487), 481 when there is none. Its answer never waits for
   * the call's earlier messages, so the caller does not retransmit it.
   */
  static boolean send(MessageFactory messages, ServerTransaction transaction, Request cancel) {
    ServerTransaction invite = transaction instanceof ServerTransactionExt ext
        ? ext.getCanceledInviteTransaction() : null;
    boolean pending = invite != null;
    if (pending) {
      invite.setApplicationData(ServerRequest.CANCELLED); // a 2xx not yet sent must not leave now
    }
    try {
      transaction.sendResponse(messages.createResponse(pending ? Response.OK : Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, cancel));
    } catch (SipException | ParseException | InvalidArgumentException | RuntimeException e) {
      LOG.fine("cannot answer a CANCEL: " + e);
    }
    return pending;
  }
}
