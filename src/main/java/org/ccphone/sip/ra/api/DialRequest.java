package org.ccphone.sip.ra.api;

import java.util.function.Consumer;

/**
 * A new call the application places (an agent dials out): an INVITE to {@code to}, sent through
 * {@code proxy} when there is one (a Route to the tenant's trunk), answering a digest challenge (401
 * or 407) once with {@code credentials}. Each provisional answer beyond 100 Trying goes to
 * {@code progress} in the call's order, before the final one.
 *
 * @param callId the new call's Call-ID, or null for one the stack makes
 * @param proxy a SIP URI the INVITE is routed through (loose routing), or null to send it to {@code to}
 * @param credentials for the trunk's digest challenge, or null to take a challenge as the final answer
 */
public record DialRequest(String callId, String to, String from, OutboundRequest invite, String proxy, TrunkCredentials credentials,
    Consumer<SipOutcome> progress) {

  public DialRequest {
    progress = progress == null ? p -> { } : progress;
  }

  /** A plain INVITE: no proxy, no credentials, progress unheard. */
  public static DialRequest to(String to, String from, OutboundRequest invite) {
    return new DialRequest(null, to, from, invite, null, null, null);
  }
}
