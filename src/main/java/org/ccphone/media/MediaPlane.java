package org.ccphone.media;

import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Bridges callers' plain RTP (the SIP side) to agents' browsers (WebRTC), chosen by configuration
 * (docs/media.md). Every operation is asynchronous: the call engine never waits on the media server,
 * it bounds each stage with a timeout and takes the result as an event.
 *
 * <p>The model: each agent has one WebRTC leg ({@link AgentMediaLeg}), opened when the agent's
 * phone asks for media and kept across calls; each call attaches a caller leg to it
 * ({@link CallMedia}), so answering needs no new ICE or DTLS.
 */
public interface MediaPlane {

  /**
   * Opens an agent's WebRTC leg. Its offer goes to the browser; the plane's ICE candidates go to
   * {@code toBrowser} as they are found (trickle ICE).
   *
   * @param agentKey names the leg on the media server and in logs: the tenant and agent, never a session token
   */
  CompletionStage<AgentMediaLeg> openAgentLeg(String agentKey, Consumer<IceCandidate> toBrowser);

  /**
   * Why the plane cannot take calls now (its media server unreachable), or empty when it can. Asking
   * may start a new attempt to reach the server; it never waits for one.
   */
  default java.util.Optional<String> unavailable() {
    return java.util.Optional.empty();
  }

  /** Agent legs open now, for metrics. */
  default long legsOpen() {
    return 0;
  }

  /** Legs and calls that failed to set up since the start, for metrics. */
  default long setupFailures() {
    return 0;
  }
}
