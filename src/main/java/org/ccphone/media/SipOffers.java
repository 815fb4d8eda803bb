package org.ccphone.media;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a caller's SDP offer allows before any media server is asked: the media plane bridges G.711
 * (PCMU, PCMA) audio on the SIP side, so an offer with none of it cannot be answered (488) and
 * should not ring an agent first.
 */
public final class SipOffers {
  private static final Pattern AUDIO = Pattern.compile("(?m)^m=audio (\\d+) \\S+((?: \\S+)*)\\s*$");
  private static final Pattern RTPMAP = Pattern.compile("(?mi)^a=rtpmap:(\\d+) (PCMU|PCMA)/8000");
  private static final Set<String> STATIC_G711 = Set.of("0", "8");

  private static final Pattern DIRECTION = Pattern.compile("(?m)^a=(sendrecv|sendonly|recvonly|inactive)[ \\t]*$");
  private static final Pattern ORIGIN = Pattern.compile("(o=\\S+ \\S+ )(\\d+)( .*)");

  /** The direction of a session's audio (RFC 3264 section 5.1). */
  public enum Direction { SENDRECV, SENDONLY, RECVONLY, INACTIVE }

  private SipOffers() {}

  private static final Pattern SECURE_AUDIO = Pattern.compile("(?m)^m=audio \\d+ RTP/SAVPF? ");

  /**
   * Whether an offer's audio is SRTP with its keys in the SDP (SDES, RFC 4568: {@code RTP/SAVP} and
   * {@code a=crypto}): keys anyone on the path can read unless the signalling itself is encrypted.
   */
  public static boolean srtp(String offer) {
    return offer != null && SECURE_AUDIO.matcher(offer).find();
  }

  /**
   * The direction an offer asks for: its direction attribute, or SENDONLY for the old way of holding
   * (a connection address of 0.0.0.0, RFC 2543), else SENDRECV.
   */
  public static Direction direction(String offer) {
    Matcher m = DIRECTION.matcher(offer);
    Direction found = Direction.SENDRECV;
    while (m.find()) {
      found = Direction.valueOf(m.group(1).toUpperCase(java.util.Locale.ROOT)); // the media level's comes last
    }
    if (found == Direction.SENDRECV && offer.contains("c=IN IP4 0.0.0.0")) {
      return Direction.SENDONLY;
    }
    return found;
  }

  /**
   * Our session description answering an offer of the same session with {@code offered}: the
   * matching direction (sendonly gets recvonly, inactive gets inactive, ...), the origin's version
   * raised when that changes it (RFC 3264 section 8).
   */
  public static String answering(String current, Direction offered) {
    Direction answer = switch (offered) {
      case SENDONLY -> Direction.RECVONLY;
      case RECVONLY -> Direction.SENDONLY;
      case INACTIVE -> Direction.INACTIVE;
      case SENDRECV -> Direction.SENDRECV;
    };
    if (direction(current) == answer) {
      return current;
    }
    String eol = current.contains("\r\n") ? "\r\n" : "\n";
    StringBuilder sdp = new StringBuilder();
    for (String line : current.split("\r?\n")) {
      if (DIRECTION.matcher(line).matches()) {
        continue;
      }
      Matcher origin = ORIGIN.matcher(line);
      sdp.append(origin.matches() ? origin.group(1) + (Long.parseLong(origin.group(2)) + 1) + origin.group(3) : line).append(eol);
      if (line.startsWith("m=audio")) {
        sdp.append("a=").append(answer.name().toLowerCase(java.util.Locale.ROOT)).append(eol);
      }
    }
    return sdp.toString();
  }


  /**
   * True when the offer has an audio stream with PCMU or PCMA (payload type 0 or 8, or a dynamic type
   * mapped to them), or when there is no offer at all (a late offer: the server offers G.711 itself).
   */
  public static boolean bridgeable(String sdp) {
    if (sdp == null || sdp.isBlank()) {
      return true;
    }
    Matcher audio = AUDIO.matcher(sdp);
    Matcher rtpmap = RTPMAP.matcher(sdp);
    Set<String> mapped = new java.util.HashSet<>();
    while (rtpmap.find()) {
      mapped.add(rtpmap.group(1));
    }
    while (audio.find()) {
      if ("0".equals(audio.group(1))) {
        continue; // a stream the caller declined
      }
      for (String format : audio.group(2).trim().split(" ")) {
        if (STATIC_G711.contains(format) || mapped.contains(format)) {
          return true;
        }
      }
    }
    return false;
  }
}
