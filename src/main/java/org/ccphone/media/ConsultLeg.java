package org.ccphone.media;

import java.util.concurrent.CompletionStage;

/**
 * The media of the party an agent consults (another agent's browser): a WebRTC endpoint beside the
 * caller's, where the call's media are (docs/media.md, "Consultation and conference"). It talks
 * with the consulting agent while the caller hears music; then it takes the caller (the transfer is
 * completed), joins the caller and the agent in a mix (a conference), or goes.
 */
public interface ConsultLeg extends ConsultParty {
  /** The session description the consulted browser answers. */
  String browserOffer();

  /** The consulted browser's answer; then its candidates are taken and the media server's trickled. */
  CompletionStage<Void> browserAnswer(String sdp);

  /** A candidate the consulted browser found (trickle ICE). */
  CompletionStage<Void> addBrowserCandidate(IceCandidate candidate);
}
