package org.ccphone.media;

/** The media plane could not do what the call needed. */
public class MediaException extends Exception {
  public MediaException(String message) {
    super(message);
  }

  public MediaException(String message, Throwable cause) {
    super(message, cause);
  }
}
