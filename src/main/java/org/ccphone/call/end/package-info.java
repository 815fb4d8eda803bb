/**
 * The end of a call and what it owes: its Call End rows made durable in the outbox (group commits)
 * before the caller is told, the call leaving the calls in progress, and the recordings that failed.
 */
package org.ccphone.call.end;
