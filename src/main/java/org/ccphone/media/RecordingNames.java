package org.ccphone.media;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Names a call's recording after its CallId, which comes from SIP headers or the customer's SQL and
 * so is not trusted: only letters, digits, dot, dash and underscore are kept (others become
 * underscores), no leading dot, at most 100 characters; a second recording of the same CallId gets a
 * suffix ({@code -2}, {@code -3}...) and never overwrites the first.
 */
public final class RecordingNames {
  static final int MAX_LENGTH = 100;

  private RecordingNames() {}

  /** The CallId as a file name stem that cannot leave the folder. */
  public static String safe(String callId) {
    String kept = callId == null ? "" : callId.replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("^[.]+", "");
    if (kept.length() > MAX_LENGTH) {
      kept = kept.substring(0, MAX_LENGTH);
    }
    return kept.isEmpty() ? "call" : kept;
  }

  /**
   * Claims {@code <folder>/<safe CallId><suffix>.wav} by creating it empty (atomically, so two calls of
   * one CallId cannot take the same name) and returns it; the recording replaces its content.
   */
  public static Path claim(Path folder, String callId) throws IOException {
    Files.createDirectories(folder);
    String stem = safe(callId);
    for (int n = 1; ; n++) {
      Path file = folder.resolve(stem + (n == 1 ? "" : "-" + n) + ".wav");
      try {
        return Files.createFile(file);
      } catch (FileAlreadyExistsException taken) {
        // the next suffix
      }
    }
  }
}
