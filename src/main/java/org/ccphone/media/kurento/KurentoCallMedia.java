package org.ccphone.media.kurento;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import org.ccphone.media.CallMedia;
import org.ccphone.media.MediaException;
import org.kurento.client.MediaPipeline;
import org.kurento.client.MediaType;
import org.kurento.client.PlayerEndpoint;
import org.kurento.client.RtpEndpoint;
import org.kurento.client.WebRtcEndpoint;

/** A call's RtpEndpoint in its agent's pipeline, connected both ways to the agent's WebRtcEndpoint. */
final class KurentoCallMedia implements CallMedia {
  private final MediaPipeline pipeline;
  private final WebRtcEndpoint agent;
  private final RtpEndpoint caller;
  private final String sipAnswer;
  private final KurentoMediaPlane plane;
  private final AtomicBoolean released = new AtomicBoolean();
  private volatile PlayerEndpoint holdMusic;

  KurentoCallMedia(MediaPipeline pipeline, WebRtcEndpoint agent, RtpEndpoint caller, String sipAnswer, KurentoMediaPlane plane) {
    this.pipeline = pipeline;
    this.agent = agent;
    this.caller = caller;
    this.sipAnswer = sipAnswer;
    this.plane = plane;
  }

  @Override
  public String sipAnswer() {
    return sipAnswer;
  }

  /** The agent's audio off the call and music on hold into it; the agent hears nothing. No renegotiation. */
  @Override
  public CompletionStage<Void> hold() {
    if (plane.holdMusic().isEmpty()) {
      return CompletableFuture.failedFuture(new MediaException("no hold music is configured (callcenter.media.holdMusic)"));
    }
    return Kms.<Void>call(c -> agent.disconnect(caller, MediaType.AUDIO, c))
        .thenCompose(v -> Kms.<Void>call(c -> caller.disconnect(agent, MediaType.AUDIO, c)))
        .thenCompose(v -> Kms.<PlayerEndpoint>call(c -> new PlayerEndpoint.Builder(pipeline, plane.holdMusic().get()).buildAsync(c)))
        .thenCompose(player -> {
          holdMusic = player;
          return Kms.<Void>call(c -> player.connect(caller, MediaType.AUDIO, c))
              .thenCompose(v -> Kms.<Void>call(player::play));
        });
  }

  @Override
  public CompletionStage<Void> resume() {
    PlayerEndpoint player = holdMusic;
    holdMusic = null;
    CompletionStage<Void> stopped = player == null ? CompletableFuture.completedFuture(null) : Kms.call(player::release);
    return stopped
        .thenCompose(v -> Kms.<Void>call(c -> agent.connect(caller, MediaType.AUDIO, c)))
        .thenCompose(v -> Kms.<Void>call(c -> caller.connect(agent, MediaType.AUDIO, c)));
  }

  @Override
  public CompletionStage<Void> startRecording(String name) {
    return notYet();
  }

  @Override
  public CompletionStage<Void> pauseRecording() {
    return notYet();
  }

  @Override
  public CompletionStage<Void> resumeRecording() {
    return notYet();
  }

  @Override
  public CompletionStage<Void> stopRecording() {
    return notYet();
  }

  private static CompletionStage<Void> notYet() {
    return CompletableFuture.failedFuture(new MediaException("recording on Kurento is not built yet (docs/media.md)"));
  }

  /** The caller's RtpEndpoint goes; the agent's WebRtcEndpoint stays for the next call. */
  @Override
  public CompletionStage<Void> detach() {
    return release();
  }

  @Override
  public CompletionStage<Void> release() {
    if (!released.compareAndSet(false, true)) {
      return CompletableFuture.completedFuture(null);
    }
    PlayerEndpoint player = holdMusic;
    if (player != null) {
      player.release(Kms.ignored());
    }
    return Kms.call(caller::release);
  }
}
