package org.ccphone.web.phone;

/**
 * How many frames one phone socket may send: a token bucket of {@code burst} frames refilled at
 * {@code perSecond}. A phone sends a few frames a second at most (a burst of ICE candidates as a
 * call starts); a socket far past that is a fault or an attack, and must not take the threads the
 * other phones' frames need.
 */
final class FrameBudget {
  /** What to do with one frame. */
  enum Verdict { TAKE, REFUSE_AND_SAY, REFUSE, CLOSE }

  private final double perNano;
  private final double burst;
  private final int refusalsBeforeClose;
  private double tokens;
  private long lastNanos;
  private int refusedInARow;

  /**
   * @param refusalsBeforeClose frames refused in a row (the phone was told after the first) after
   *     which the socket is closed
   */
  FrameBudget(double perSecond, int burst, int refusalsBeforeClose, long nowNanos) {
    this.perNano = perSecond / 1e9;
    this.burst = burst;
    this.refusalsBeforeClose = refusalsBeforeClose;
    this.tokens = burst;
    this.lastNanos = nowNanos;
  }

  synchronized Verdict frame(long nowNanos) {
    tokens = Math.min(burst, tokens + (nowNanos - lastNanos) * perNano);
    lastNanos = nowNanos;
    if (tokens >= 1) {
      tokens -= 1;
      refusedInARow = 0;
      return Verdict.TAKE;
    }
    refusedInARow++;
    if (refusedInARow == 1) {
      return Verdict.REFUSE_AND_SAY;
    }
    return refusedInARow > refusalsBeforeClose ? Verdict.CLOSE : Verdict.REFUSE;
  }
}
