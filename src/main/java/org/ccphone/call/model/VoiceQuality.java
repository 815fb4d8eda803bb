package org.ccphone.call.model;

import static org.ccphone.Jsons.JSON;

import jakarta.json.JsonObject;
import java.time.Instant;

/**
 * The latest call quality an agent's phone measured (WebRTC statistics of the call's audio): round
 * trip, jitter, the share of the caller's packets lost, and the MOS it estimates from them.
 */
public record VoiceQuality(int rttMs, int jitterMs, double lossPercent, double mos, Instant at) {
  /** Below these the agent is warned and the supervisors see the call as degraded (as the phone judges). */
  public boolean degraded() {
    return mos < 3.6 || lossPercent >= 5 || rttMs > 400;
  }

  /** Checks what a phone sent; an IllegalArgumentException names the field that is out of range. */
  public static VoiceQuality of(double rttMs, double jitterMs, double lossPercent, double mos, Instant at) {
    if (!(rttMs >= 0 && rttMs < 60_000)) {
      throw new IllegalArgumentException("rttMs must be 0 to 60000");
    }
    if (!(jitterMs >= 0 && jitterMs < 60_000)) {
      throw new IllegalArgumentException("jitterMs must be 0 to 60000");
    }
    if (!(lossPercent >= 0 && lossPercent <= 100)) {
      throw new IllegalArgumentException("lossPercent must be 0 to 100");
    }
    if (!(mos >= 1 && mos <= 5)) {
      throw new IllegalArgumentException("mos must be 1 to 5");
    }
    return new VoiceQuality((int) Math.round(rttMs), (int) Math.round(jitterMs), lossPercent, mos, at);
  }

  public JsonObject json() {
    return JSON.createObjectBuilder().add("rttMs", rttMs).add("jitterMs", jitterMs).add("lossPercent", lossPercent)
        .add("mos", mos).add("degraded", degraded()).add("at", at.toString()).build();
  }
}
