package org.ccphone.media.turn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TurnCredentialsTest {
  @Test
  void theUserNameCarriesItsExpiryAndThePasswordIsItsHmacUnderTheSecret() {
    TurnCredentials issued = TurnCredentials.issue("north", "demo/1001", Instant.ofEpochSecond(1_800_000_000L));
    assertEquals("1800000000:demo/1001", issued.username());
    // coturn's own check: base64(hmac_sha1(static-auth-secret, username)), as `openssl dgst -sha1 -hmac north -binary | base64` gives
    assertEquals("QSLv1zjnZG4VU8ZV765WsNC4S2A=", issued.credential());
  }

  @Test
  void aColonInTheNameCannotMoveTheExpiry() {
    assertEquals("1800000000:demo/a_b", TurnCredentials.issue("north", "demo/a:b", Instant.ofEpochSecond(1_800_000_000L)).username());
  }
}
