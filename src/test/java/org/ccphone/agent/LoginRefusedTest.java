package org.ccphone.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LoginRefusedTest {
  @Test
  void aRefusalCarriesItsReasonAndNoStackTrace() {
    LoginRefused refused = new LoginRefused(LoginRefused.Reason.TOO_MANY_ATTEMPTS, "try again later", 30);

    assertEquals(LoginRefused.Reason.TOO_MANY_ATTEMPTS, refused.reason());
    assertEquals(30, refused.retryAfterSeconds());
    assertEquals("try again later", refused.getMessage());
    assertEquals(0, refused.getStackTrace().length, "an expected outcome is not worth a stack walk");
  }
}
