package org.ccphone.call.model;

import java.time.Duration;

/** The clocks a call runs on; the engine fires them back as {@link Call#timerFired}. */
public enum Timer {
  /** The tenant's maximum wait in the queue. */
  MAX_WAIT,
  /** The tenant's ring time of one offer. */
  RING,
  /** The tenant's maximum call duration, from the first answer. */
  MAX_DURATION,
  /** In-dialog OPTIONS to a caller without session timers. */
  KEEP_ALIVE,
  /** The caller refreshes its session: it must have done so by now. */
  SESSION_CHECK,
  /** We refresh the session (refresher=uas). */
  SESSION_REFRESH,
  /** The wait for a lost phone to rejoin. */
  REJOIN,
  /** The tenant's dial time: an outbound call not answered by then is cancelled. */
  DIAL,
  /** The tenant's ring time of a consultation at the consulted agent. */
  CONSULT_RING,
  /** The wait for the IVR's final NOTIFY after it took a transfer (REFER). */
  REFER,
  /** A media loss seen while the 200 OK was on its way, looked at again. */
  MEDIA_LOST_AGAIN;

  /** How long the IVR has to say how a transfer it took ended (a SIP transaction's 64*T1). */
  static final Duration REFER_WAIT = Duration.ofSeconds(32);
}
