package org.ccphone.sip.ra.api;

/** The adapter could not send what the application asked (no such dialog, transaction over, transport down). */
public class SipSendException extends Exception {
  private static final long serialVersionUID = 1L;

  public SipSendException(String message, Throwable cause) {
    super(message, cause);
  }

  public SipSendException(String message) {
    super(message);
  }
}
