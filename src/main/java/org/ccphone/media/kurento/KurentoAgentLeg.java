package org.ccphone.media.kurento;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import org.ccphone.media.AgentMediaLeg;
import org.ccphone.media.CallMedia;
import org.ccphone.media.IceCandidate;
import org.ccphone.media.MediaException;
import org.kurento.client.MediaPipeline;
import org.kurento.client.MediaType;
import org.kurento.client.RtpEndpoint;
import org.kurento.client.WebRtcEndpoint;

/** An agent's pipeline and WebRtcEndpoint; each call's RtpEndpoint joins this pipeline. */
final class KurentoAgentLeg implements AgentMediaLeg {
  private final MediaPipeline pipeline;
  private final WebRtcEndpoint webrtc;
  private final String offer;
  private final KurentoMediaPlane plane;
  private final AtomicBoolean closed = new AtomicBoolean();
  /** The browser's candidates wait for its answer: KMS takes remote candidates once it has the remote description. */
  private final CompletableFuture<Void> answered = new CompletableFuture<>();

  KurentoAgentLeg(MediaPipeline pipeline, WebRtcEndpoint webrtc, String offer, KurentoMediaPlane plane) {
    this.pipeline = pipeline;
    this.webrtc = webrtc;
    this.offer = offer;
    this.plane = plane;
  }

  @Override
  public String browserOffer() {
    return offer;
  }

  @Override
  public CompletionStage<Void> browserAnswer(String sdp) {
    if (sdp == null || !sdp.startsWith("v=0")) {
      return CompletableFuture.failedFuture(new MediaException("the browser's answer is not a session description"));
    }
    // Candidates are gathered once the answer is in: KMS then trickles them to the browser.
    CompletableFuture<Void> done = Kms.<String>call(c -> webrtc.processAnswer(sdp, c))
        .thenCompose(ignored -> Kms.<Void>call(webrtc::gatherCandidates));
    done.whenComplete((v, failure) -> answered.complete(null));
    return done;
  }

  @Override
  public CompletionStage<Void> addBrowserCandidate(IceCandidate candidate) {
    return answered.thenCompose(v -> Kms.<Void>call(c -> webrtc.addIceCandidate(
        new org.kurento.client.IceCandidate(candidate.candidate(), candidate.sdpMid(), candidate.sdpMLineIndex()), c)));
  }

  @Override
  public CompletionStage<CallMedia> attachCall(String callKey, String sipOffer) {
    if (sipOffer == null || sipOffer.isBlank()) {
      return CompletableFuture.failedFuture(new MediaException("the INVITE carries no SDP offer (late offer)"));
    }
    return Kms.<RtpEndpoint>call(c -> new RtpEndpoint.Builder(pipeline).buildAsync(c))
        .thenCompose(rtp -> Kms.<String>call(c -> rtp.processOffer(sipOffer, c))
            .thenCompose(answer -> Kms.<Void>call(c -> rtp.connect(webrtc, MediaType.AUDIO, c))
                .thenCompose(v -> Kms.<Void>call(c -> webrtc.connect(rtp, MediaType.AUDIO, c)))
                .<CallMedia>thenApply(v -> new KurentoCallMedia(pipeline, webrtc, rtp,
                    SessionDescriptions.withAddress(answer, plane.rtpAddress()), plane)))
            .whenComplete((media, failure) -> {
              if (failure != null) {
                rtp.release(Kms.ignored());
              }
            }));
  }

  @Override
  public CompletionStage<Void> close() {
    if (!closed.compareAndSet(false, true)) {
      return CompletableFuture.completedFuture(null);
    }
    return Kms.call(pipeline::release);
  }
}
