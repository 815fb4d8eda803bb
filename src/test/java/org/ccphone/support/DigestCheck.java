package org.ccphone.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a digest answer (RFC 2617) a SIP trunk received, as the trunk would: SIPp's own check
 * reads the Authorization header only, not a proxy's Proxy-Authorization.
 */
public final class DigestCheck {
  private static final Pattern PARAM = Pattern.compile("(\\w+)=(?:\"([^\"]*)\"|([^,\\s]+))");

  private DigestCheck() {}

  /** The last {@code header} (e.g. "Proxy-Authorization") in a SIP message log, or null. */
  public static String lastHeader(String messages, String header) {
    String found = null;
    for (String line : messages.split("\r?\n")) {
      if (line.regionMatches(true, 0, header + ":", 0, header.length() + 1)) {
        found = line.substring(header.length() + 1).strip();
      }
    }
    return found;
  }

  /** Whether the answer's response is the digest of this user, password and method. */
  public static boolean valid(String answer, String method, String username, String password) {
    Map<String, String> p = new HashMap<>();
    Matcher m = PARAM.matcher(answer);
    while (m.find()) {
      p.put(m.group(1).toLowerCase(), m.group(2) != null ? m.group(2) : m.group(3));
    }
    if (!username.equals(p.get("username"))) {
      return false;
    }
    String ha1 = md5(username + ":" + p.get("realm") + ":" + password);
    String ha2 = md5(method + ":" + p.get("uri"));
    String expected = p.containsKey("qop")
        ? md5(ha1 + ":" + p.get("nonce") + ":" + p.get("nc") + ":" + p.get("cnonce") + ":" + p.get("qop") + ":" + ha2)
        : md5(ha1 + ":" + p.get("nonce") + ":" + ha2);
    return expected.equals(p.get("response"));
  }

  private static String md5(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
