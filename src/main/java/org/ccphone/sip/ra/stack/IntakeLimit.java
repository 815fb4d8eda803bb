package org.ccphone.sip.ra.stack;

import java.util.function.LongSupplier;

/**
 * How many new calls may be in their intake at once (taken, and not yet placed by the application:
 * Call Start run, then offered, queued or sent on), from what the server completes, by Little's
 * law: the rate intakes complete at is the calls in flight (averaged over time) over the time an
 * intake takes, and the limit is what completes at that rate within the intake time aimed at.
 * Judged at least 50 ms apart, over the time since the last judgement, once an intake completed; a
 * quiet server keeps what it last showed. A slower rate counts at once, a faster one by halves.
 *
 * <p>Nothing is assumed of a server just started: until its first intakes complete it takes a few
 * calls at once, and while its code is still cold each takes long, so the limit stays low and the
 * calls past it are refused at once instead of waiting behind seconds of cold work. As the code
 * warms, intakes shorten and the limit rises; intakes longer than aimed at lower it. A stall needs
 * no rule of its own: the calls in flight hold the limit, so every new one is refused until they
 * complete. Never below one call at a time. Thread-safe.
 */
final class IntakeLimit {
  /**
   * Calls taken at once before anything is known of how fast the server completes them: enough for
   * the first second of ordinary traffic on a server just started (its first intakes take hundreds
   * of ms), few enough that a flood's first calls still complete within a second.
   */
  static final int FIRST_CALLS = 16;
  /** Far beyond any need (at 5 ms an intake, 200,000 calls a second); a bound on a burst's size. */
  static final int MOST = 1000;
  private static final long WINDOW_NANOS = 50_000_000;

  private final long targetNanos;
  private final LongSupplier clock;
  private int inFlight;
  /** The limit from the last judged window; 0 until one had a completed intake. */
  private double judged;
  private long windowStart;
  private long lastChange;
  /** The integral of calls in flight over the window's time (call-nanoseconds). */
  private double inFlightTime;
  private long completedInWindow;
  private long intakeTimeInWindow;

  /**
   * @param targetMillis the intake time to aim at: the limit is what completes in that time
   * @param clock nanoseconds; tests move time themselves
   */
  IntakeLimit(long targetMillis, LongSupplier clock) {
    this.targetNanos = targetMillis * 1_000_000;
    this.clock = clock;
    this.windowStart = clock.getAsLong();
    this.lastChange = windowStart;
  }

  /** A new call asks in: true when it is taken ({@link #completed} follows exactly once). */
  synchronized boolean tryEnter() {
    long now = clock.getAsLong();
    roll(now);
    if (inFlight >= current()) {
      return false;
    }
    count(now);
    inFlight++;
    return true;
  }

  /** A taken call's intake is over, {@code intakeNanos} after it was taken. */
  synchronized void completed(long intakeNanos) {
    long now = clock.getAsLong();
    roll(now);
    count(now);
    inFlight--;
    completedInWindow++;
    intakeTimeInWindow += Math.max(1, intakeNanos);
  }

  /** The calls that may be in their intake at once now. */
  synchronized int limit() {
    roll(clock.getAsLong());
    return current();
  }

  synchronized int inFlight() {
    return inFlight;
  }

  private int current() {
    return judged == 0 ? FIRST_CALLS : (int) Math.max(1, Math.min(MOST, judged));
  }

  private void count(long now) {
    inFlightTime += (double) inFlight * (now - lastChange);
    lastChange = now;
  }

  private void roll(long now) {
    if (now - windowStart < WINDOW_NANOS) {
      return;
    }
    count(now);
    if (completedInWindow == 0) {
      // Calls in flight and none completed tells nothing yet (a cold intake may take longer than a
      // window): the window goes on, so that the calls' time in flight counts when they complete.
      return;
    }
    double meanInFlight = inFlightTime / (now - windowStart);
    double meanIntake = (double) intakeTimeInWindow / completedInWindow;
    // Little's law: completed per ns = in flight / intake time; the limit is what completes in the aim.
    double sample = Math.min(MOST, Math.max(1, meanInFlight) * targetNanos / meanIntake);
    // Slower at once, faster by halves: a burst of quick intakes does not open the gate wide in one go.
    judged = judged == 0 || sample < judged ? sample : (judged + sample) / 2;
    windowStart = now;
    inFlightTime = 0;
    completedInWindow = 0;
    intakeTimeInWindow = 0;
  }
}
