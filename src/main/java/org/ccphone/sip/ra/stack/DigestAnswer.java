package org.ccphone.sip.ra.stack;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.HexFormat;
import javax.sip.address.URI;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ProxyAuthenticateHeader;
import javax.sip.header.WWWAuthenticateHeader;
import org.ccphone.sip.ra.api.TrunkCredentials;

/**
 * The answer to a digest challenge (RFC 2617, as SIP uses it in RFC 3261 section 22): MD5, with
 * {@code qop=auth} when the challenge offers it. A proxy's 407 is answered with Proxy-Authorization,
 * a server's 401 with Authorization. The password goes into the hash only.
 */
final class DigestAnswer {
  private static final SecureRandom RANDOM = new SecureRandom();

  private DigestAnswer() {}

  /** Whether the challenge is one this class answers (Digest with MD5, or no algorithm named). */
  static boolean answerable(WWWAuthenticateHeader challenge) {
    String algorithm = challenge.getAlgorithm();
    return "Digest".equalsIgnoreCase(challenge.getScheme()) && challenge.getNonce() != null
        && (algorithm == null || "MD5".equalsIgnoreCase(algorithm));
  }

  static AuthorizationHeader of(WWWAuthenticateHeader challenge, TrunkCredentials credentials, String method,
      URI uri, HeaderFactory headers) throws ParseException {
    AuthorizationHeader answer = challenge instanceof ProxyAuthenticateHeader
        ? headers.createProxyAuthorizationHeader("Digest") : headers.createAuthorizationHeader("Digest");
    String realm = challenge.getRealm() == null ? "" : challenge.getRealm();
    String nonce = challenge.getNonce();
    answer.setUsername(credentials.username());
    answer.setRealm(realm);
    answer.setNonce(nonce);
    answer.setURI(uri);
    answer.setAlgorithm("MD5");
    if (challenge.getOpaque() != null) {
      answer.setOpaque(challenge.getOpaque());
    }
    String ha1 = md5(credentials.username() + ":" + realm + ":" + credentials.password());
    String ha2 = md5(method + ":" + uri.toString());
    if (offersAuth(challenge.getQop())) {
      String cnonce = HexFormat.of().formatHex(RANDOM.generateSeed(8));
      String nc = "00000001";
      answer.setQop("auth");
      answer.setCNonce(cnonce);
      answer.setNonceCount(1);
      answer.setResponse(response(ha1, nonce, nc, cnonce, ha2));
    } else {
      answer.setResponse(md5(ha1 + ":" + nonce + ":" + ha2));
    }
    return answer;
  }

  /** The qop=auth response of RFC 2617 section 3.2.2.1. */
  static String response(String ha1, String nonce, String nc, String cnonce, String ha2) {
    return md5(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2);
  }

  private static boolean offersAuth(String qop) {
    if (qop == null) {
      return false;
    }
    for (String option : qop.split(",")) {
      if (option.strip().equalsIgnoreCase("auth")) {
        return true;
      }
    }
    return false;
  }

  static String md5(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has MD5", e);
    }
  }
}
