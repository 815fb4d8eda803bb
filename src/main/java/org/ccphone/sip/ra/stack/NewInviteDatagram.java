package org.ccphone.sip.ra.stack;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the UDP gate reads of a datagram before the stack parses it: whether it is a request that
 * starts a call (an INVITE without a To tag) or the ACK of one, the headers a stateless answer
 * copies, and the key of its transaction. A scan of the header lines only, in the bytes as they
 * came: cheap enough for the socket's reading thread while the server's code is still cold.
 * Anything it cannot read is left to the stack (null).
 */
record NewInviteDatagram(String method, List<String> vias, String from, String to, String callId, String cseq,
    String branch, boolean viaRport, int viaPort) {

  /** The transaction this datagram belongs to (RFC 3261 17.2.3: the top Via's branch), with its Call-ID. */
  String transactionKey() {
    return callId + '|' + branch;
  }

  boolean invite() {
    return "INVITE".equals(method);
  }

  /**
   * Reads a request that starts a new call (INVITE without a To tag) or an ACK without a To tag
   * check (the ACK of a refused INVITE carries the refusal's tag); null for anything else
   * (responses, other methods, in-dialog requests, what does not read as SIP).
   */
  static NewInviteDatagram read(byte[] data, int offset, int length) {
    int end = offset + length;
    int lineEnd = lineEnd(data, offset, end);
    if (lineEnd < 0) {
      return null;
    }
    String method;
    if (startsWith(data, offset, "INVITE ")) {
      method = "INVITE";
    } else if (startsWith(data, offset, "ACK ")) {
      method = "ACK";
    } else {
      return null;
    }
    List<String> vias = new ArrayList<>(2);
    String from = null;
    String to = null;
    String callId = null;
    String cseq = null;
    int at = next(data, lineEnd, end);
    while (at < end) {
      int e = lineEnd(data, at, end);
      if (e < 0 || e == at) {
        break; // the blank line: the headers are over
      }
      if (data[at] == ' ' || data[at] == '\t') {
        return null; // a folded header: rare, and the stack reads it properly
      }
      String line = new String(data, at, e - at, StandardCharsets.ISO_8859_1);
      int colon = line.indexOf(':');
      if (colon > 0) {
        String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        String value = line.substring(colon + 1).strip();
        switch (name) {
          case "via", "v" -> vias.add(value);
          case "from", "f" -> from = value;
          case "to", "t" -> to = value;
          case "call-id", "i" -> callId = value;
          case "cseq" -> cseq = value;
          default -> { }
        }
      }
      at = next(data, e, end);
    }
    if (vias.isEmpty() || from == null || to == null || callId == null || cseq == null) {
      return null;
    }
    if ("INVITE".equals(method) && hasTag(to)) {
      return null; // inside a dialog: a re-INVITE, the stack's
    }
    String topVia = vias.get(0);
    int comma = topVia.indexOf(',');
    if (comma > 0) {
      topVia = topVia.substring(0, comma);
    }
    String branch = param(topVia, "branch");
    if (branch == null || branch.isEmpty()) {
      return null; // no RFC 3261 branch: the stack matches such requests itself
    }
    return new NewInviteDatagram(method, vias, from, to, callId, cseq, branch, topVia.toLowerCase(Locale.ROOT).contains(";rport"),
        sentByPort(topVia));
  }

  /**
   * The stateless answer to this INVITE (RFC 3261 8.2.6): its Via, From, Call-ID and CSeq, its To
   * with {@code toTag}, and Retry-After.
   */
  byte[] refusal(int status, String reason, String toTag, int retryAfterSeconds) {
    StringBuilder r = new StringBuilder(512).append("SIP/2.0 ").append(status).append(' ').append(reason).append("\r\n");
    for (String via : vias) {
      r.append("Via: ").append(via).append("\r\n");
    }
    r.append("From: ").append(from).append("\r\n")
        .append("To: ").append(to).append(";tag=").append(toTag).append("\r\n")
        .append("Call-ID: ").append(callId).append("\r\n")
        .append("CSeq: ").append(cseq).append("\r\n")
        .append("Retry-After: ").append(retryAfterSeconds).append("\r\n")
        .append("Content-Length: 0\r\n\r\n");
    return r.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private static boolean hasTag(String nameAddr) {
    int close = nameAddr.lastIndexOf('>');
    return param(close >= 0 ? nameAddr.substring(close + 1) : nameAddr, "tag") != null;
  }

  /** A header parameter's value (";name=value"), "" for one without a value, null when absent. */
  static String param(String header, String name) {
    String lower = header.toLowerCase(Locale.ROOT);
    int at = 0;
    while ((at = lower.indexOf(';', at)) >= 0) {
      int start = at + 1;
      while (start < lower.length() && lower.charAt(start) == ' ') {
        start++;
      }
      if (lower.startsWith(name, start)) {
        int after = start + name.length();
        while (after < lower.length() && lower.charAt(after) == ' ') {
          after++;
        }
        if (after == lower.length() || lower.charAt(after) == ';') {
          return "";
        }
        if (lower.charAt(after) == '=') {
          int valueEnd = after + 1;
          while (valueEnd < header.length() && header.charAt(valueEnd) != ';' && header.charAt(valueEnd) != ',') {
            valueEnd++;
          }
          return header.substring(after + 1, valueEnd).strip();
        }
      }
      at = start;
    }
    return null;
  }

  /** The port of the Via's sent-by ("SIP/2.0/UDP host:port;..."), 5060 when it names none. */
  private static int sentByPort(String via) {
    int space = via.indexOf(' ');
    if (space < 0) {
      return 5060;
    }
    int semi = via.indexOf(';', space);
    String sentBy = (semi < 0 ? via.substring(space) : via.substring(space, semi)).strip();
    int colon = sentBy.lastIndexOf(':');
    if (colon < 0 || sentBy.endsWith("]")) {
      return 5060;
    }
    try {
      return Integer.parseInt(sentBy.substring(colon + 1).strip());
    } catch (NumberFormatException e) {
      return 5060;
    }
  }

  private static boolean startsWith(byte[] data, int at, String text) {
    if (data.length - at < text.length()) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      if (data[at + i] != text.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** Where the line starting at {@code at} ends (its CR or LF), -1 when it has no end before {@code end}. */
  private static int lineEnd(byte[] data, int at, int end) {
    for (int i = at; i < end; i++) {
      if (data[i] == '\r' || data[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /** The start of the line after the one ending at {@code lineEnd}. */
  private static int next(byte[] data, int lineEnd, int end) {
    int i = lineEnd;
    if (i < end && data[i] == '\r') {
      i++;
    }
    if (i < end && data[i] == '\n') {
      i++;
    }
    return i;
  }
}
