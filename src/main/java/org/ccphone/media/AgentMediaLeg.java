package org.ccphone.media;

import java.util.concurrent.CompletionStage;

/** An agent's WebRTC leg on the media plane: negotiated once, kept across the agent's calls. */
public interface AgentMediaLeg {

  /** The session description the agent's browser answers (the latest, after {@link #renew}). */
  String browserOffer();

  /**
   * A new browser takes this leg (the agent's page was reloaded, or a call moves to another agent's
   * phone): a new WebRTC endpoint in place of the old one, which goes; calls attached to the leg
   * stay, and reach the new browser when they are resumed. Completes with the offer it answers.
   */
  CompletionStage<String> renew(java.util.function.Consumer<IceCandidate> toBrowser);

  /** The browser's WebRTC answer to {@link #browserOffer()}. */
  CompletionStage<Void> browserAnswer(String sdp);

  /** A candidate the browser found (trickle ICE). */
  CompletionStage<Void> addBrowserCandidate(IceCandidate candidate);

  /**
   * Attaches a call's caller leg to this agent: the caller's offer (the INVITE's SDP, or null for a
   * late offer) in, the session description for the SIP 200 OK out.
   *
   * @param callKey the server's key of the call (names the call's media in logs)
   */
  CompletionStage<CallMedia> attachCall(String callKey, String sipOffer);

  /** Closes the leg and everything still attached to it; safe to call more than once. */
  CompletionStage<Void> close();
}
