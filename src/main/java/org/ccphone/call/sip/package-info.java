/**
 * Where calls come from: the SIP side delivered by the resource adapter (INVITE, ACK, CANCEL, BYE,
 * re-INVITE, UPDATE, INFO and the dialog's events), the caller's leg over the adapter, and the
 * customer's Call Start run for each new call before it is routed.
 */
package org.ccphone.call.sip;
