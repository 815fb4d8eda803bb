package org.ccphone.agent;

/**
 * The server's own database (sessions, outbox) could not record something it must keep. The request
 * is refused as a whole, so that nothing is half done: a login gives no session, a logout leaves
 * the session open to be tried again.
 */
public class ServerStorageException extends RuntimeException {
  public ServerStorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
