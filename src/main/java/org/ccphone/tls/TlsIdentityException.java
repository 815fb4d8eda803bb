package org.ccphone.tls;

/** A keystore that cannot serve as the server's identity, with the reason in plain words. */
public class TlsIdentityException extends Exception {
  private static final long serialVersionUID = 1L;

  public TlsIdentityException(String message) {
    super(message);
  }
}
