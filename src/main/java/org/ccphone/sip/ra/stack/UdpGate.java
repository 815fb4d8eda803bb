package org.ccphone.sip.ra.stack;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * The first look at every datagram of the SIP port, on the thread that reads the socket, before
 * the stack queues it for parsing. While the stack's own threads are behind (the oldest datagram
 * they have not taken has waited longer than {@link #BEHIND_MILLIS}) or admission refuses new
 * calls, a new INVITE is answered 503 with Retry-After here, statelessly, from a scan of its
 * header lines: nothing of it is parsed, queued or kept but its transaction's key. So a flood
 * that comes as the server opens, its code still cold and the stack slow to parse, is refused at
 * once instead of waiting seconds in the stack's queue. Retransmissions of a refused INVITE get
 * the same answer, and its ACK is absorbed here; a retransmission of an INVITE let through goes
 * on to its transaction, never a 503. Everything else goes to the stack as before.
 */
final class UdpGate {
  private static final Logger LOG = Logger.getLogger(UdpGate.class.getName());
  /** The longest a datagram may wait for the stack's threads before new INVITEs are refused here. */
  static final long BEHIND_MILLIS = 100;
  private static final long LOG_EVERY_NANOS = 5_000_000_000L;

  /** What to do with a datagram. */
  enum Verdict { PASS, REFUSE, ABSORB }

  private final BooleanSupplier admissionRefusing;
  private final int retryAfterSeconds;
  private final RecentTransactions letThrough;
  private final RecentTransactions refused;
  private final AtomicLong refusals = new AtomicLong();
  private final String tagSalt = Long.toHexString(System.nanoTime() & 0xffffff);
  private final LongSupplier clock;
  private volatile boolean refusingBefore;
  /** When a change was last logged: under a flood the gate may open and close many times a second. */
  private volatile long lastLogged;

  /**
   * @param admissionRefusing whether admission refuses new calls now (its standing signals, or its
   *     intake limit reached)
   * @param clock nanoseconds, for how long transactions are remembered
   */
  UdpGate(BooleanSupplier admissionRefusing, int retryAfterSeconds, LongSupplier clock) {
    this.admissionRefusing = admissionRefusing;
    this.retryAfterSeconds = retryAfterSeconds;
    this.clock = clock;
    this.lastLogged = clock.getAsLong() - LOG_EVERY_NANOS;
    this.letThrough = new RecentTransactions(clock);
    this.refused = new RecentTransactions(clock);
  }

  /**
   * Judges a datagram; {@code stackBehindMillis} is how long the oldest datagram queued for the
   * stack has waited. A new INVITE refused here is remembered, so that its retransmissions get
   * the same answer and its ACK is absorbed.
   */
  Verdict judge(NewInviteDatagram datagram, long stackBehindMillis) {
    if (datagram == null) {
      return Verdict.PASS;
    }
    String key = datagram.transactionKey();
    if (!datagram.invite()) {
      return refused.contains(key) ? Verdict.ABSORB : Verdict.PASS; // the ACK of our 503: nothing to do
    }
    if (refused.contains(key)) {
      return Verdict.REFUSE; // a retransmission: the same answer again
    }
    if (letThrough.contains(key)) {
      return Verdict.PASS; // its transaction answers it
    }
    boolean behind = stackBehindMillis > BEHIND_MILLIS;
    if (behind || admissionRefusing.getAsBoolean()) {
      refused.add(key);
      refusals.incrementAndGet();
      if (!refusingBefore && logNow()) {
        refusingBefore = true;
        LOG.info("new INVITEs refused (503) as they arrive: " + (behind ? "the SIP stack's threads are "
            + stackBehindMillis + " ms behind the socket" : "admission refuses new calls") + " (" + refusals.get()
            + " refused so far; changes logged at most every 5 s)");
      }
      return Verdict.REFUSE;
    }
    if (refusingBefore && logNow()) {
      refusingBefore = false;
      LOG.info("new INVITEs go to the SIP stack again (" + refusals.get() + " refused as they arrived so far)");
    }
    letThrough.add(key);
    return Verdict.PASS;
  }

  private boolean logNow() {
    long now = clock.getAsLong();
    if (now - lastLogged < LOG_EVERY_NANOS) {
      return false;
    }
    lastLogged = now;
    return true;
  }

  /** The stateless 503 to a refused INVITE; the same To tag for each retransmission of it. */
  byte[] refusal(NewInviteDatagram invite) {
    String tag = tagSalt + Integer.toHexString(invite.transactionKey().hashCode());
    return invite.refusal(503, "Service Unavailable", tag, retryAfterSeconds);
  }

  /** The Retry-After of a refusal for overload, in seconds. */
  int retryAfterSeconds() {
    return retryAfterSeconds;
  }

  /** New INVITEs refused here since the start. */
  long refusals() {
    return refusals.get();
  }
}
