package org.ccphone.sip.ra.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.resource.spi.InvalidPropertyException;
import org.junit.jupiter.api.Test;

class SipActivationSpecTest {
  @Test
  void t4IsHalfASecondUnlessSetAndStaysWithinWhatTheStackCanTime() throws Exception {
    SipActivationSpec spec = new SipActivationSpec();
    assertEquals(500, spec.getTimerT4Millis(), "Timer I of a refused or redirected INVITE over UDP");
    spec.validate();
    spec.setTimerT4Millis(5000); // RFC 3261's default
    spec.validate();
    spec.setTimerT4Millis(100);
    assertThrows(InvalidPropertyException.class, spec::validate, "below one tick of the stack's 500 ms timer");
    spec.setTimerT4Millis(60_000);
    assertThrows(InvalidPropertyException.class, spec::validate);
  }
}
