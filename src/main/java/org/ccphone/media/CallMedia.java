package org.ccphone.media;

import java.util.concurrent.CompletionStage;

/** The media of one call attached to an agent's leg: the caller's RTP, hold, recording. */
public interface CallMedia {

  /** The session description for the caller (the 200 OK's body). */
  String sipAnswer();

  /** The agent holds: the caller hears music on hold, the agent nothing. */
  CompletionStage<Void> hold();

  CompletionStage<Void> resume();

  /** Starts recording both parties under this name (the call's CallId, made safe by the plane). */
  CompletionStage<Void> startRecording(String name);

  CompletionStage<Void> pauseRecording();

  CompletionStage<Void> resumeRecording();

  /** Stops recording; completes when the file is finished. */
  CompletionStage<Void> stopRecording();

  /** Detaches the caller from the agent's leg, which stays open for the agent's next call. */
  CompletionStage<Void> detach();

  /** Releases every media element of the call; safe to call more than once. */
  CompletionStage<Void> release();
}
