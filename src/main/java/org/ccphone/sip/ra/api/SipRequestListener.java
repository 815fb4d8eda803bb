package org.ccphone.sip.ra.api;

/**
 * What an application implements (as a message-driven bean) to receive the SIP side of its calls.
 * Every request and event of one call (one Call-ID) is delivered in arrival order, one at a time.
 * Every request must get a final answer: when the bean throws before answering, the adapter
 * answers 500.
 */
public interface SipRequestListener {
  void onRequest(InboundRequest request);

  /** A dialog's ACK never came, a re-INVITE timed out, or the dialog ended. */
  void onDialogEvent(DialogEvent event);
}
