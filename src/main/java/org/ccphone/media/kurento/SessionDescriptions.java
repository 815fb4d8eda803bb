package org.ccphone.media.kurento;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the SIP side reads in KMS's session descriptions. */
final class SessionDescriptions {
  private static final Pattern CONNECTION = Pattern.compile("(?m)^c=IN IP4 \\S+");
  private static final Pattern ORIGIN = Pattern.compile("(?m)^(o=\\S+ \\S+ \\S+ IN IP4 )\\S+");

  private SessionDescriptions() {}

  /**
   * KMS writes the host's first address in {@code c=} and {@code o=}; the SIP side must send its RTP
   * to the configured one (the RtpEndpoint listens on every address).
   */
  static String withAddress(String sdp, Optional<String> address) {
    if (address.isEmpty()) {
      return sdp;
    }
    String rewritten = CONNECTION.matcher(sdp).replaceAll(Matcher.quoteReplacement("c=IN IP4 " + address.get()));
    return ORIGIN.matcher(rewritten).replaceAll("$1" + Matcher.quoteReplacement(address.get()));
  }
}
