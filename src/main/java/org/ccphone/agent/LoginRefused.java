package org.ccphone.agent;

/** Why a login did not give a session; the web edge turns each reason into its HTTP status. */
public class LoginRefused extends Exception {
  public enum Reason {
    UNKNOWN_TENANT,
    BAD_CREDENTIALS,
    TOO_MANY_ATTEMPTS,
    TENANT_UNAVAILABLE,
    DATABASE_UNAVAILABLE,
    EVENT_FAILED
  }

  private final Reason reason;
  private final long retryAfterSeconds;

  public LoginRefused(Reason reason, String message) {
    this(reason, message, 0);
  }

  public LoginRefused(Reason reason, String message, long retryAfterSeconds) {
    super(message);
    this.reason = reason;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public Reason reason() {
    return reason;
  }

  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
