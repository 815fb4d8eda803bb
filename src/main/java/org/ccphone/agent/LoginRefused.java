package org.ccphone.agent;

/** Why a login did not give a session; the web edge turns each reason into its HTTP status. */
public class LoginRefused extends Exception {
  public enum Reason {
    UNKNOWN_TENANT,
    BAD_CREDENTIALS,
    TOO_MANY_ATTEMPTS,
    TENANT_UNAVAILABLE,
    DATABASE_UNAVAILABLE,
    /** The logins' share of the tenant's connections is in use: Call Start keeps the rest. */
    DATABASE_BUSY,
    EVENT_FAILED
  }

  private final Reason reason;
  private final long retryAfterSeconds;

  public LoginRefused(Reason reason, String message) {
    this(reason, message, 0);
  }

  public LoginRefused(Reason reason, String message, long retryAfterSeconds) {
    // An expected outcome, answered and never logged: no stack trace, which would walk the
    // container's deep stack on every refused login (a 404, a 401, a 429 under a guessing attack).
    super(message, null, false, false);
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
