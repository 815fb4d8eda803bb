package org.ccphone.media;

import java.util.concurrent.CompletionStage;

/**
 * The media of an outside party a call is transferred to through the trunk: an RTP endpoint where
 * the caller's media are, offered in our INVITE to the trunk.
 */
public interface OutsideMedia {
  /** Our G.711 offer for the trunk's INVITE. */
  String offer();

  /** The outside party answered: its session taken, the music off, the caller and it hear each other. */
  CompletionStage<Void> connect(String answer);

  /** Lets the endpoint go (the transfer failed, or the call ended); safe to call more than once. */
  CompletionStage<Void> release();
}
