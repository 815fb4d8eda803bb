package org.ccphone.call;

/**
 * The caller's side of a call as the call service drives it: over SIP in the product, by hand in
 * unit tests. Each method sends at most one message and never blocks on the network.
 */
public interface CallLeg {
  /** The caller's session description (the INVITE's offer), or null. */
  String offer();

  /** The caller hears ringing (180) while queued or offered. */
  void ringing() throws CallLegException;

  /** The agent answered: 200 OK with this session description. */
  void accept(String sdp) throws CallLegException;

  /** A final refusal (480, 487, 503...). */
  void refuse(int status) throws CallLegException;

  /** 503 with Retry-After: too many calls in progress. */
  void refuseRetryAfter(int status, int seconds) throws CallLegException;

  /** Overflow: 302 whose Contact is {@code contact}. */
  void redirect(String contact) throws CallLegException;

  /** The agent hung up a connected call: BYE to the caller. */
  void hangUp() throws CallLegException;

  /** The call leg could not send what was asked. */
  final class CallLegException extends Exception {
    public CallLegException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
