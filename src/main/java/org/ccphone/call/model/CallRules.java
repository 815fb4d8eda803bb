package org.ccphone.call.model;

import java.time.Duration;

/**
 * The tenant's and the server's rules a call lives by, taken when its Call Start is done.
 *
 * @param ring how long one offer rings
 * @param maxWait the longest wait in the queue before the call overflows
 * @param maxDuration the longest call, from the answer
 * @param keepAlive the interval of in-dialog OPTIONS to a caller without session timers
 * @param rejoin how long a call whose agent's phone was lost waits for it on music
 */
public record CallRules(Duration ring, Duration maxWait, Duration maxDuration, Duration keepAlive, Duration rejoin) {}
