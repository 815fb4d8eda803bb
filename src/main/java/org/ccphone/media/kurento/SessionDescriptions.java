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
  /**
   * KMS's own offer from an RtpEndpoint carries RTP/AVPF, Opus, AMR and a video stream, which SIP
   * peers refuse: this keeps the session lines and the first audio stream, as plain RTP/AVP with
   * PCMU and PCMA only.
   */
  static String g711Offer(String kmsOffer) {
    String[] sections = kmsOffer.split("\r?\n(?=m=)");
    StringBuilder sdp = new StringBuilder();
    for (String line : sections[0].split("\r?\n")) {
      if (!line.startsWith("a=group:") && !line.startsWith("a=msid-semantic") && !line.isBlank()) {
        sdp.append(line).append("\r\n");
      }
    }
    for (int i = 1; i < sections.length; i++) {
      if (!sections[i].startsWith("m=audio ")) {
        continue;
      }
      String[] lines = sections[i].split("\r?\n");
      String port = lines[0].split(" ")[1];
      sdp.append("m=audio ").append(port).append(" RTP/AVP 0 8\r\n");
      for (int k = 1; k < lines.length; k++) {
        String line = lines[k];
        if (line.startsWith("c=") || line.startsWith("a=rtcp:") || line.startsWith("a=ptime")
            || line.matches("a=(sendrecv|sendonly|recvonly|inactive)") || line.startsWith("a=ssrc:")) {
          sdp.append(line).append("\r\n");
        }
      }
      sdp.append("a=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n");
      return sdp.toString();
    }
    throw new IllegalArgumentException("the media server's offer has no audio stream");
  }

  static String withAddress(String sdp, Optional<String> address) {
    if (address.isEmpty()) {
      return sdp;
    }
    String rewritten = CONNECTION.matcher(sdp).replaceAll(Matcher.quoteReplacement("c=IN IP4 " + address.get()));
    return ORIGIN.matcher(rewritten).replaceAll("$1" + Matcher.quoteReplacement(address.get()));
  }
}
