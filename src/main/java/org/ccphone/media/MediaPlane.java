package org.ccphone.media;

/**
 * Bridges a caller's plain RTP (SIP side) to an agent's browser (WebRTC side). One implementation
 * is chosen by configuration (see docs/media.md); the call side only sees this interface.
 */
public interface MediaPlane {

  /**
   * Opens the media of an inbound call offered to an agent.
   *
   * @param callKey the server's key of the call (names recordings and logs)
   * @param sipOffer the session description of the caller's INVITE (may be null: the caller offers
   *     nothing and the plane makes the offer)
   */
  MediaSession open(String callKey, String sipOffer) throws MediaException;
}
