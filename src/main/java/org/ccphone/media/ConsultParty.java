package org.ccphone.media;

import java.util.concurrent.CompletionStage;

/**
 * The party an agent consults, with its media beside the caller's: another agent's browser
 * ({@link ConsultLeg}) or an outside number through the trunk ({@link OutsideMedia}). It talks with
 * the consulting agent while the caller hears music; then it takes the caller, joins a conference,
 * or goes (docs/media.md, "Consultation and conference").
 */
public interface ConsultParty {
  /** The consulting agent and this party hear each other; the caller stays on music. */
  CompletionStage<Void> talkWithAgent();

  /** The three hear each other, mixed by the media server (no music; a recording has all three). */
  CompletionStage<Void> conference();

  /**
   * This party takes the caller (a completed transfer, or the consulting agent left the
   * conference); the consulting agent's audio leaves the call.
   */
  CompletionStage<Void> takeCall();

  /** This party goes (its endpoint, and the mix of a conference); safe to call more than once. */
  CompletionStage<Void> release();
}
