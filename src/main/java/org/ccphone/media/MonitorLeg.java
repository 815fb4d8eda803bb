package org.ccphone.media;

import java.util.concurrent.CompletionStage;

/**
 * A supervisor's browser in a call's media (docs/media.md, "Supervisors in a call"): it always hears
 * the caller and the agent; who hears it is set by {@link #heardBy}: nobody (listen), the agent only
 * (whisper), or both (barge, and then the call's recording has it too).
 */
public interface MonitorLeg {
  /** The session description the supervisor's browser answers. */
  String browserOffer();

  /** The browser's answer; then its candidates are taken and the media server's trickled. */
  CompletionStage<Void> browserAnswer(String sdp);

  /** A candidate the supervisor's browser found (trickle ICE). */
  CompletionStage<Void> addBrowserCandidate(IceCandidate candidate);

  /** Who hears the supervisor: the agent, and the caller (only with the agent). */
  CompletionStage<Void> heardBy(boolean agent, boolean caller);

  /** The supervisor leaves: its endpoint and its ports go, the call's own links are as before; safe twice. */
  CompletionStage<Void> release();
}
