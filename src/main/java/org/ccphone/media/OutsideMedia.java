package org.ccphone.media;

import java.util.concurrent.CompletionStage;

/**
 * The media of an outside party a call is transferred to, or its agent consults, through the
 * trunk: an RTP endpoint where the caller's media are, offered in our INVITE to the trunk.
 */
public interface OutsideMedia extends ConsultParty {
  /** Our G.711 offer for the trunk's INVITE. */
  String offer();

  /** The outside party answered: its session taken, the music off, the caller and it hear each other. */
  CompletionStage<Void> connect(String answer);

  /** The outside party's answer is taken (a consultation: it then talks with the agent, not yet the caller). */
  CompletionStage<Void> answered(String answer);

  /** Lets the endpoint go (the transfer failed, or the call ended); safe to call more than once. */
  CompletionStage<Void> release();
}
