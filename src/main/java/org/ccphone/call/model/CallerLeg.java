package org.ccphone.call.model;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.ccphone.sip.ra.api.OutboundRequest;
import org.ccphone.sip.ra.api.SipOutcome;

/**
 * The caller's side of a call as the call engine drives it: over SIP in the product, by hand in
 * unit tests. Every send is asynchronous and never blocks the routing thread; the stage fails when
 * the message could not be sent.
 */
public interface CallerLeg {
  /** The caller's session description (the INVITE's offer), or null for a late offer. */
  String offer();

  /** A header of the caller's INVITE, or null. */
  String inviteHeader(String name);

  /** The caller hears ringing (180) while queued or offered. */
  CompletionStage<Void> ringing();

  /** The agent answered: 200 OK with this session description and headers; the dialog opens. */
  CompletionStage<Void> accept(String sdp, Map<String, String> headers);

  /** A final refusal (480, 487, 503...). */
  CompletionStage<Void> refuse(int status);

  /** 503 with Retry-After: the caller may try again after so many seconds. */
  CompletionStage<Void> refuseRetryAfter(int status, int seconds);

  /** Overflow: 302 whose Contact is {@code contact}. */
  CompletionStage<Void> redirect(String contact);

  /** A request in the caller's dialog (BYE, OPTIONS, UPDATE...); its final response or a local timeout. */
  CompletionStage<SipOutcome> request(OutboundRequest request);

  /**
   * An outbound call's INVITE with our offer, through the tenant's trunk: its provisional answers
   * go to {@code progress}; the stage completes with the final answer (a 2xx opens the leg's dialog).
   * A leg from the IVR places nothing.
   */
  default CompletionStage<SipOutcome> place(String offer, Consumer<SipOutcome> progress) {
    return CompletableFuture.completedFuture(SipOutcome.notSent("a call from the IVR is not placed"));
  }

  /** Gives an outbound call's INVITE up (CANCEL); nothing for a leg from the IVR. */
  default void cancel() { }
}
