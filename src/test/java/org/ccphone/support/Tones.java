package org.ccphone.support;

/** Which tone is in a stretch of audio samples: the power at one frequency (Goertzel), and the strongest of a range. */
public final class Tones {
  private Tones() {}

  /** The power of {@code hz} in {@code samples} taken at {@code rate} samples a second. */
  public static double power(double[] samples, int rate, double hz) {
    double coefficient = 2 * Math.cos(2 * Math.PI * hz / rate);
    double s1 = 0;
    double s2 = 0;
    for (double x : samples) {
      double s0 = x + coefficient * s1 - s2;
      s2 = s1;
      s1 = s0;
    }
    return s1 * s1 + s2 * s2 - coefficient * s1 * s2;
  }

  /** The strongest frequency from {@code fromHz} to {@code toHz} in 5 Hz steps, and its power. */
  public static double[] strongest(double[] samples, int rate, double fromHz, double toHz) {
    double best = fromHz;
    double bestPower = -1;
    for (double f = fromHz; f <= toHz; f += 5) {
      double power = power(samples, rate, f);
      if (power > bestPower) {
        bestPower = power;
        best = f;
      }
    }
    return new double[] {best, bestPower};
  }
}
