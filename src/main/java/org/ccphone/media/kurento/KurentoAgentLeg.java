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
    boolean lateOffer = sipOffer == null || sipOffer.isBlank();
    CompletionStage<String> lost = plane.server().lost();
    CompletionStage<CallMedia> attached = Kms.<RtpEndpoint>call(c -> new RtpEndpoint.Builder(pipeline).buildAsync(c))
        .thenCompose(rtp -> (lateOffer
                ? Kms.<String>call(rtp::generateOffer).thenApply(SessionDescriptions::g711Offer)
                : Kms.<String>call(c -> rtp.processOffer(sipOffer, c)).thenCompose(KurentoAgentLeg::bridged))
            .thenCompose(answer -> Kms.<Void>call(c -> rtp.connect(webrtc, MediaType.AUDIO, c))
                .thenCompose(v -> Kms.<Void>call(c -> webrtc.connect(rtp, MediaType.AUDIO, c)))
                .<CallMedia>thenApply(v -> new KurentoCallMedia(pipeline, webrtc, rtp,
                    SessionDescriptions.withAddress(answer, plane.rtpAddress()), plane, lost)))
            .whenComplete((media, failure) -> {
              if (failure != null) {
                rtp.release(Kms.ignored());
              }
            }));
    return attached.whenComplete((media, failure) -> {
      if (failure != null) {
        plane.attachFailed();
      }
    });
  }

  /** KMS answers an offer it cannot bridge with a rejected stream (port 0) rather than an error. */
  private static CompletionStage<String> bridged(String answer) {
    if (answer == null || !answer.matches("(?s).*\\bm=audio [1-9]\\d* .*")) {
      return CompletableFuture.failedFuture(new MediaException("no codec of the caller's offer can be bridged"));
    }
    return CompletableFuture.completedFuture(answer);
  }

  @Override
  public CompletionStage<Void> close() {
    if (!closed.compareAndSet(false, true)) {
      return CompletableFuture.completedFuture(null);
    }
    plane.legClosed();
    plane.server().released(pipeline);
    return Kms.call(pipeline::release);
  }
}
