package org.ccphone.sip.ra.api;

/** The caller's CANCEL arrived before the 2xx could leave: the INVITE is answered 487 instead. */
public class CallCancelledException extends SipSendException {
  private static final long serialVersionUID = 1L;

  public CallCancelledException() {
    super("the caller cancelled the call before it was answered");
  }
}
