package org.ccphone.call.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class DtmfTest {
  @Test
  void readsTheDigitOfEitherInfoForm() {
    assertEquals(Optional.of('5'), Dtmf.digit("application/dtmf-relay", "Signal=5\r\nDuration=160\r\n"));
    assertEquals(Optional.of('#'), Dtmf.digit("Application/DTMF-Relay; charset=utf-8", "Signal= #\nDuration=100"));
    assertEquals(Optional.of('*'), Dtmf.digit("application/dtmf-relay", "Signal=10\r\n"), "an event code");
    assertEquals(Optional.of('D'), Dtmf.digit("application/dtmf", "d\r\n"));
  }

  @Test
  void anythingElseIsNoDigit() {
    assertEquals(Optional.empty(), Dtmf.digit("application/dtmf-relay", "Duration=160"));
    assertEquals(Optional.empty(), Dtmf.digit("application/dtmf-relay", "Signal=X"));
    assertEquals(Optional.empty(), Dtmf.digit("text/plain", "Signal=5"));
    assertEquals(Optional.empty(), Dtmf.digit(null, null));
  }

  @Test
  void theAgentsDigitsAreChecked() {
    assertTrue(Dtmf.validDigits("1234#*AD"));
    assertFalse(Dtmf.validDigits(""));
    assertFalse(Dtmf.validDigits("12 3"));
    assertFalse(Dtmf.validDigits("1".repeat(33)));
    assertEquals("Signal=7\r\nDuration=160\r\n", Dtmf.relayBody('7'));
  }
}
