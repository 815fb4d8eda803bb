package org.ccphone.call.sip;

import org.ccphone.sip.ra.api.InboundRequest;

/** A call's side that is one SIP dialog: the requests of that dialog, and only those, are the call's. */
public interface SipLeg {
  /** Whether a request belongs to this leg's dialog (Call-ID and both tags, RFC 3261 section 12.2.2). */
  boolean sameDialog(InboundRequest request);
}
