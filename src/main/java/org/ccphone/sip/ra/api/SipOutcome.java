package org.ccphone.sip.ra.api;

import java.util.Map;

/**
 * How a request the application sent ended: its final response, or a local 408 when the
 * transaction timed out (no answer within 64*T1) or 503 when it could not be sent at all.
 *
 * @param local true when no response came from the peer (timeout or transport failure)
 */
public record SipOutcome(int status, String reason, Map<String, String> headers, String body, boolean local) {
  public SipOutcome {
    headers = Map.copyOf(headers);
  }

  public static SipOutcome timedOut() {
    return new SipOutcome(408, "Request Timeout (no response)", Map.of(), null, true);
  }

  public static SipOutcome notSent(String why) {
    return new SipOutcome(503, why, Map.of(), null, true);
  }

  public boolean success() {
    return status >= 200 && status < 300;
  }

  /** True when the peer did not answer at all: a caller that vanished. */
  public boolean timedOutLocally() {
    return local && status == 408;
  }

  /** A header of the response by name, case-insensitively, or null. */
  public String header(String name) {
    return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
        .findFirst().orElse(null);
  }
}
