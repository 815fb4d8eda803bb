package org.ccphone.sip.ra.api;

import java.util.concurrent.CompletionStage;

/**
 * One SIP request received by the adapter, and the way to answer it. Answers are sent in the order
 * of the call (its Call-ID), off the caller's thread: the returned stage completes once the answer
 * left, or exceptionally with a {@link SipSendException}. Every answer to one request carries the
 * same To tag, so a 180 and the 200 that follows belong to one dialog.
 */
public interface InboundRequest {
  String method();

  /** The Call-ID header: the key of every message of one call. */
  String callId();

  /** A header's value by name, case-insensitively, or null. */
  String header(String name);

  /** The body (an INVITE's session description), or null. */
  String body();

  /** The user part of the Request-URI (the dialed number), or null. */
  String requestUriUser();

  /** The user part of the From address (the caller), or null. */
  String fromUser();

  /** The transport the request came over (its top Via's): UDP, TCP or TLS. */
  String transport();

  /** The address the request came from (its packet's source), as a literal; null when unknown. */
  String sourceAddress();

  /** The tag of the From header (the sender's side of the dialog), or null. */
  String fromTag();

  /** The tag of the To header as received (our side of the dialog; none on a new INVITE), or null. */
  String toTag();

  /** The To tag every answer to this request carries: for an INVITE, our side of the dialog it opens. */
  String localTag();

  /** True once a final (2xx-6xx) answer was asked for. */
  boolean answered();

  /**
   * A new call's INVITE: the application has placed the call (its Call Start ran, and it was
   * offered, queued or sent on), so it no longer counts among the calls in their intake that the
   * adapter's admission bounds. Ringing or any final answer counts as placed too; only the first
   * time matters, and other requests ignore it.
   */
  void placed();

  /** The dialog a request inside a call belongs to (ACK, BYE, re-INVITE, INFO...), or null. */
  SipDialog dialog();

  /** Sends this answer (never a 2xx to an INVITE: see {@link #accept}). */
  CompletionStage<Void> respond(SipReply reply);

  default CompletionStage<Void> respond(int status) {
    return respond(SipReply.of(status));
  }

  /**
   * Accepts an INVITE: a 2xx with the adapter's Contact, opening the dialog in which the caller's
   * ACK and BYE arrive and through which the application sends its own requests.
   */
  CompletionStage<SipDialog> accept(SipReply reply);
}
