package org.ccphone.media;

import java.util.concurrent.CompletionStage;

/** The media of one call attached to an agent's leg: the caller's RTP, hold, recording. */
public interface CallMedia {

  /**
   * The session description for the caller (the 200 OK's body): the answer to the INVITE's offer, or,
   * for an INVITE without one (late offer), the plane's own G.711 offer, answered in the ACK.
   */
  String sipAnswer();

  /** The caller's answer in its ACK, when {@link #sipAnswer()} was our offer (late offer). */
  default CompletionStage<Void> callerAnswer(String sdp) {
    return java.util.concurrent.CompletableFuture.completedFuture(null);
  }

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

  /**
   * Completes, with the reason, if the call's media is lost (its media server died or restarted):
   * the call cannot go on. Never completes for media that stays up.
   */
  default CompletionStage<String> lost() {
    return new java.util.concurrent.CompletableFuture<>();
  }

  /**
   * An endpoint beside the caller's for an outside party (a transfer to a number through the
   * trunk); released with the call.
   */
  default CompletionStage<OutsideMedia> openOutside() {
    return java.util.concurrent.CompletableFuture.failedFuture(new MediaException("this media plane bridges no outside party"));
  }

  /**
   * A WebRTC endpoint beside the caller's for the browser of an agent this call's agent consults;
   * the media server's candidates for it go to {@code toBrowser}. Released with the call.
   */
  default CompletionStage<ConsultLeg> openConsult(java.util.function.Consumer<IceCandidate> toBrowser) {
    return java.util.concurrent.CompletableFuture.failedFuture(new MediaException("this media plane makes no consultation"));
  }

  /**
   * A WebRTC endpoint in the call's media for a supervisor's browser, hearing the caller and the
   * agent and heard by nobody until {@link MonitorLeg#heardBy} says otherwise; the media server's
   * candidates for it go to {@code toBrowser}. A hold, a consultation, a transfer or the call's end
   * lets every supervisor go first, so the call's own links are as they were before.
   */
  default CompletionStage<MonitorLeg> openMonitor(java.util.function.Consumer<IceCandidate> toBrowser) {
    return java.util.concurrent.CompletableFuture.failedFuture(new MediaException("this media plane lets no supervisor in"));
  }

  /** Releases every media element of the call; safe to call more than once. */
  CompletionStage<Void> release();
}
