package org.ccphone.call.media;

import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

/** The reason of a failed piece of media work, as the agent's phone and the tenant's health say it. */
public final class Failures {
  private Failures() {}

  public static String why(Throwable failure) {
    return cause(failure).getMessage();
  }

  /** As {@link #why}; a timeout says what did not finish in time. */
  public static String why(Throwable failure, String unfinished) {
    Throwable cause = cause(failure);
    return cause instanceof TimeoutException ? unfinished : cause.getMessage();
  }

  private static Throwable cause(Throwable failure) {
    return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
  }
}
