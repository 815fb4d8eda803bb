package org.ccphone.tenant;

/**
 * A customer event that did not complete. {@link #unavailable()} tells an outage (no connection,
 * timeout) apart from a statement the database rejected, because the first is answered 503 and
 * retried, the second is a tenant misconfiguration.
 */
public class CustomerDatabaseException extends Exception {
  private final boolean unavailable;

  public CustomerDatabaseException(String message, boolean unavailable, Throwable cause) {
    super(message, cause);
    this.unavailable = unavailable;
  }

  public boolean unavailable() {
    return unavailable;
  }
}
