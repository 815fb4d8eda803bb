package org.ccphone.sip.ra.api;

/**
 * Something the stack observed on a dialog, delivered in the order of its call.
 *
 * @param callId the Call-ID of the dialog
 */
public record DialogEvent(String callId, Kind kind) {
  public enum Kind {
    /** The 2xx to the INVITE was retransmitted for 64*T1 (32 s) and never ACKed: the call should end (BYE). */
    ACK_NOT_RECEIVED,
    /** A re-INVITE we sent got no ACK-able answer in time. */
    REINVITE_TIMEOUT,
    /** The dialog is over (BYE done, or removed by the stack). */
    TERMINATED
  }
}
