package org.ccphone.sip.ra.stack;

import gov.nist.javax.sip.stack.SIPDialog;
import gov.nist.javax.sip.stack.SIPServerTransaction;
import javax.sip.Dialog;
import javax.sip.ServerTransaction;

/**
 * Gives an ACK of a 2xx to its dialog once more, after the 2xx's send has returned.
 *
 * <p>JAIN-SIP 1.3.0-91 sends a 2xx, then starts the timer that resends it until the ACK comes
 * ({@code SIPServerTransactionImpl.sendResponse}); the dialog records an ACK only while that
 * timer exists ({@code SIPDialog.ackReceived} asks the timer for the INVITE transaction). A caller
 * that ACKs between the two is forgotten: the 2xx goes out again after T1 and the caller ACKs again.
 * On two busy cores about 3 % of answered calls did so (docs/performance.md). The ACK is handled in
 * its call's order, after the task that sent the 2xx, so the timer is there by then.
 */
final class LateAck {
  private LateAck() {}

  static void confirm(Dialog dialog, ServerTransaction ack) {
    if (dialog instanceof SIPDialog sipDialog && ack instanceof SIPServerTransaction ackTransaction
        && !sipDialog.isAckSeen()) {
      sipDialog.handleAck(ackTransaction); // stops the resends when the ACK matches the dialog's last 2xx
    }
  }
}
