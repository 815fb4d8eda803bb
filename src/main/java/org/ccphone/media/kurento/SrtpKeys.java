package org.ccphone.media.kurento;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kurento.client.CryptoSuite;
import org.kurento.client.SDES;

/**
 * Our side's SRTP key for a caller's offer that carries its own (SDES, RFC 4568): the media server
 * answers with it in the same crypto suite. A new random key per call; it leaves the server only in
 * the 200 OK, which the SIP side sends over TLS alone.
 */
final class SrtpKeys {
  private static final Pattern CRYPTO = Pattern.compile("(?m)^a=crypto:\\d+ (\\S+) ");
  private static final SecureRandom RANDOM = new SecureRandom();

  private SrtpKeys() {}

  /** The key for this offer, or empty when the offer is plain RTP or names no suite we have. */
  static Optional<SDES> forOffer(String offer) {
    if (offer == null) {
      return Optional.empty();
    }
    Matcher m = CRYPTO.matcher(offer);
    while (m.find()) {
      Optional<CryptoSuite> suite = suite(m.group(1));
      if (suite.isPresent()) {
        SDES sdes = new SDES();
        sdes.setCrypto(suite.get());
        // master key and salt: 16 + 14 bytes for AES-128, 32 + 14 for AES-256 (RFC 4568, RFC 6188)
        byte[] key = new byte[(suite.get().name().startsWith("AES_256") ? 32 : 16) + 14];
        RANDOM.nextBytes(key);
        sdes.setKeyBase64(Base64.getEncoder().encodeToString(key));
        return Optional.of(sdes);
      }
    }
    return Optional.empty();
  }

  /** The suite as the SDP names it (AES_CM_128_HMAC_SHA1_80, AES_256_CM_HMAC_SHA1_80...). */
  static Optional<CryptoSuite> suite(String sdpName) {
    return switch (sdpName.toUpperCase(Locale.ROOT)) {
      case "AES_CM_128_HMAC_SHA1_80" -> Optional.of(CryptoSuite.AES_128_CM_HMAC_SHA1_80);
      case "AES_CM_128_HMAC_SHA1_32" -> Optional.of(CryptoSuite.AES_128_CM_HMAC_SHA1_32);
      case "AES_256_CM_HMAC_SHA1_80" -> Optional.of(CryptoSuite.AES_256_CM_HMAC_SHA1_80);
      case "AES_256_CM_HMAC_SHA1_32" -> Optional.of(CryptoSuite.AES_256_CM_HMAC_SHA1_32);
      default -> Optional.empty();
    };
  }
}
