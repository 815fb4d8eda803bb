package org.ccphone.call.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class VoiceQualityTest {
  @Test
  void aCallIsDegradedByItsEstimatedMosItsLossOrItsRoundTrip() {
    Instant now = Instant.now();
    assertFalse(VoiceQuality.of(40, 3, 0, 4.4, now).degraded());
    assertTrue(VoiceQuality.of(40, 3, 0, 3.4, now).degraded(), "MOS under 3.6");
    assertTrue(VoiceQuality.of(40, 3, 5, 4.0, now).degraded(), "5 % of the audio lost");
    assertTrue(VoiceQuality.of(450, 3, 0, 4.0, now).degraded(), "a round trip over 400 ms");
    assertEquals(true, VoiceQuality.of(40, 3, 12.5, 2.9, now).json().getBoolean("degraded"));
  }

  @Test
  void whatAPhoneSendsOutOfRangeIsRefusedByName() {
    Instant now = Instant.now();
    assertEquals("mos must be 1 to 5", assertThrows(IllegalArgumentException.class, () -> VoiceQuality.of(1, 1, 1, 7, now)).getMessage());
    assertEquals("lossPercent must be 0 to 100",
        assertThrows(IllegalArgumentException.class, () -> VoiceQuality.of(1, 1, -2, 4, now)).getMessage());
    assertEquals("rttMs must be 0 to 60000",
        assertThrows(IllegalArgumentException.class, () -> VoiceQuality.of(Double.NaN, 1, 1, 4, now)).getMessage());
  }
}
