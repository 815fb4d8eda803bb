package org.ccphone.media;

/** The media of one call leg between a caller and an agent's browser. */
public interface MediaSession {

  /** The WebRTC offer the agent's browser answers. */
  String browserOffer();

  /**
   * Takes the browser's WebRTC answer and gives the session description for the SIP 200 OK; media
   * flows from here on.
   */
  String answer(String browserAnswer) throws MediaException;

  /** Starts recording both directions under this name (the call's CallId). */
  void record(String name) throws MediaException;

  /** Ends the media; safe to call more than once. */
  void close();
}
