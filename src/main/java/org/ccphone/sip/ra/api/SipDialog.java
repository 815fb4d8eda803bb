package org.ccphone.sip.ra.api;

import java.util.concurrent.CompletionStage;

/**
 * A dialog the adapter holds for the application (an accepted INVITE, or one the application
 * started). Requests sent in it go in the order of the call; the stage completes with the final
 * response or a local timeout, never with silence.
 */
public interface SipDialog {
  /** The Call-ID of the dialog: events and requests of the dialog carry it. */
  String callId();

  /** Sends BYE, re-INVITE, INFO, OPTIONS or UPDATE inside the dialog; a 2xx to a re-INVITE is ACKed by the adapter. */
  CompletionStage<SipOutcome> send(OutboundRequest request);

  /** True once the dialog ended (BYE answered, or ended by the stack). */
  boolean terminated();
}
