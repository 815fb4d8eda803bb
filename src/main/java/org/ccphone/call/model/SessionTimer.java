package org.ccphone.call.model;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * RFC 4028 session timers as negotiated with a caller that supports them: the interval, and who
 * refreshes. A caller that refreshes and then stops (it crashed, the network went) is hung up
 * before the session expires; when we refresh, a refresh that fails ends the call.
 *
 * @param seconds the session interval
 * @param callerRefreshes true when the caller (the UAC) sends the refreshes
 */
public record SessionTimer(int seconds, boolean callerRefreshes) {
  /** RFC 4028's floor of a session interval, and the Min-SE we ask for. */
  public static final int MIN_SE = 90;

  /**
   * What the INVITE asks for. Empty when the caller does not support timers ("timer" neither in
   * Supported nor in Require): liveness is then checked with in-dialog OPTIONS.
   */
  public static Optional<SessionTimer> negotiate(String supported, String require, String sessionExpires,
      int ourSeconds) {
    if (!hasTimer(supported) && !hasTimer(require)) {
      return Optional.empty();
    }
    int seconds = ourSeconds;
    boolean callerRefreshes = true;
    if (sessionExpires != null && !sessionExpires.isBlank()) {
      String[] parts = sessionExpires.split(";");
      seconds = Math.min(ourSeconds, parseOr(parts[0], ourSeconds));
      for (int i = 1; i < parts.length; i++) {
        if (parts[i].strip().toLowerCase(Locale.ROOT).equals("refresher=uas")) {
          callerRefreshes = false;
        }
      }
    }
    return Optional.of(new SessionTimer(Math.max(MIN_SE, seconds), callerRefreshes));
  }

  /** True when the INVITE asks for an interval below our Min-SE: it gets 422 with Min-SE. */
  public static boolean tooBrief(String sessionExpires) {
    if (sessionExpires == null || sessionExpires.isBlank()) {
      return false;
    }
    return parseOr(sessionExpires.split(";")[0], MIN_SE) < MIN_SE;
  }

  /** Headers of the 200 OK (and of each refresh's answer). */
  public Map<String, String> answerHeaders() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Session-Expires", seconds + ";refresher=" + (callerRefreshes ? "uac" : "uas"));
    headers.put("Require", "timer");
    return headers;
  }

  /**
   * When to act after the last refresh: when the caller refreshes, the session is over if nothing
   * came by the interval minus min(32 s, a third) (RFC 4028 section 10); when we refresh, at half.
   */
  public Duration checkAfter() {
    return callerRefreshes ? Duration.ofSeconds(seconds - Math.min(32, seconds / 3)) : Duration.ofSeconds(seconds / 2);
  }

  private static boolean hasTimer(String optionTags) {
    if (optionTags == null) {
      return false;
    }
    for (String tag : optionTags.split(",")) {
      if (tag.strip().equalsIgnoreCase("timer")) {
        return true;
      }
    }
    return false;
  }

  private static int parseOr(String text, int fallback) {
    try {
      return Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}
