package org.ccphone.media.turn;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Credentials of the TURN REST API (draft-uberti-behave-turn-rest, coturn's {@code use-auth-secret}):
 * the user name is {@code <expiry in Unix seconds>:<who>}, the password the Base64 of its
 * HMAC-SHA1 under the shared secret. The relay checks both without asking the server, and refuses
 * the name once its expiry has passed.
 */
public record TurnCredentials(String username, String credential, Instant expires) {
  public static TurnCredentials issue(String secret, String who, Instant expires) {
    String username = expires.getEpochSecond() + ":" + who.replace(':', '_'); // the first colon ends the expiry
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      String credential = Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
      return new TurnCredentials(username, credential, expires);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is part of every JDK", e);
    }
  }
}
