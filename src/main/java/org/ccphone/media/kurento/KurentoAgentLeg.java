package org.ccphone.media.kurento;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.ccphone.media.AgentMediaLeg;
import org.ccphone.media.CallMedia;
import org.ccphone.media.CandidatePolicy;
import org.ccphone.media.IceCandidate;
import org.ccphone.media.MediaException;
import org.kurento.client.MediaPipeline;
import org.kurento.client.MediaType;
import org.kurento.client.RtpEndpoint;
import org.kurento.client.WebRtcEndpoint;

/** An agent's pipeline and WebRtcEndpoint; each call's RtpEndpoint joins this pipeline. */
final class KurentoAgentLeg implements AgentMediaLeg {
  private final MediaPipeline pipeline;
  private volatile WebRtcEndpoint webrtc;
  private volatile String offer;
  private final KurentoMediaPlane plane;
  private final AtomicBoolean closed = new AtomicBoolean();
  /** The browser's candidates wait for its answer: KMS takes remote candidates once it has the remote description. */
  private volatile CompletableFuture<Void> answered = new CompletableFuture<>();

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

  /** The browser's endpoint now (a renewed leg has a new one). */
  WebRtcEndpoint webrtc() {
    return webrtc;
  }

  /** A WebRtcEndpoint for a browser, audio only, trickling its candidates; completes with its offer. */
  static CompletionStage<java.util.Map.Entry<WebRtcEndpoint, String>> browserEndpoint(MediaPipeline pipeline,
      CandidatePolicy policy, Consumer<IceCandidate> toBrowser) {
    return Kms.<WebRtcEndpoint>call(c -> new WebRtcEndpoint.Builder(pipeline).buildAsync(c))
        .thenCompose(endpoint -> {
          endpoint.addIceCandidateFoundListener(e -> {
            IceCandidate found = new IceCandidate(
                e.getCandidate().getCandidate(), e.getCandidate().getSdpMid(), e.getCandidate().getSdpMLineIndex());
            if (policy.allows(found)) {
              toBrowser.accept(found); // only KMS addresses the browsers may use (callcenter.media.candidateAddresses)
            }
          });
          org.kurento.client.OfferOptions audioOnly = new org.kurento.client.OfferOptions();
          audioOnly.setOfferToReceiveAudio(true);
          audioOnly.setOfferToReceiveVideo(false);
          return Kms.<String>call(c -> endpoint.generateOffer(audioOnly, c))
              .<java.util.Map.Entry<WebRtcEndpoint, String>>thenApply(sdp -> java.util.Map.entry(endpoint, sdp))
              .whenComplete((made, failure) -> {
                if (failure != null) {
                  endpoint.release(Kms.ignored());
                }
              });
        });
  }

  /** A new endpoint in the same pipeline for a new browser; the calls' RtpEndpoints stay where they are. */
  @Override
  public CompletionStage<String> renew(java.util.function.Consumer<IceCandidate> toBrowser) {
    if (closed.get()) {
      return CompletableFuture.failedFuture(new MediaException("the media leg is closed"));
    }
    return browserEndpoint(pipeline, plane.candidatePolicy(), toBrowser).thenApply(made -> {
      WebRtcEndpoint old = webrtc;
      webrtc = made.getKey();
      offer = made.getValue();
      answered = new CompletableFuture<>();
      old.release(Kms.ignored()); // its connections go with it
      return offer;
    });
  }

  /**
   * The browser of a consulted agent takes this leg (a consultation completed, or its conference
   * left by the consulting agent): its endpoint, answered already, replaces the old one, which goes.
   */
  void adopt(WebRtcEndpoint browser) {
    WebRtcEndpoint old = webrtc;
    webrtc = browser;
    answered = CompletableFuture.completedFuture(null);
    if (old != browser) {
      old.release(Kms.ignored());
    }
  }

  @Override
  public CompletionStage<Void> browserAnswer(String sdp) {
    return answerBrowser(webrtc, sdp, answered);
  }

  /** A browser's answer to {@code endpoint}'s offer; {@code answered} completes once it is in (ok or not). */
  static CompletionStage<Void> answerBrowser(WebRtcEndpoint endpoint, String sdp, CompletableFuture<Void> answered) {
    if (sdp == null || !sdp.startsWith("v=0")) {
      return CompletableFuture.failedFuture(new MediaException("the browser's answer is not a session description"));
    }
    // Candidates are gathered once the answer is in: KMS then trickles them to the browser.
    CompletableFuture<Void> done = Kms.<String>call(c -> endpoint.processAnswer(sdp, c))
        .thenCompose(ignored -> Kms.<Void>call(endpoint::gatherCandidates));
    done.whenComplete((v, failure) -> answered.complete(null));
    return done;
  }

  @Override
  public CompletionStage<Void> addBrowserCandidate(IceCandidate candidate) {
    return addCandidate(plane, webrtc, candidate, answered);
  }

  /** A browser's candidate for {@code endpoint}, once its answer is in; one outside the policy is not given to KMS. */
  static CompletionStage<Void> addCandidate(KurentoMediaPlane plane, WebRtcEndpoint endpoint, IceCandidate candidate,
      CompletableFuture<Void> answered) {
    if (!plane.phoneCandidatePolicy().allows(candidate)) {
      return CompletableFuture.completedFuture(null);
    }
    return answered.thenCompose(v -> Kms.<Void>call(c -> endpoint.addIceCandidate(
        new org.kurento.client.IceCandidate(candidate.candidate(), candidate.sdpMid(), candidate.sdpMLineIndex()), c)));
  }

  @Override
  public CompletionStage<CallMedia> attachCall(String callKey, String sipOffer) {
    boolean lateOffer = sipOffer == null || sipOffer.isBlank();
    CompletionStage<String> lost = plane.server().lost();
    CompletionStage<CallMedia> attached = Kms.<RtpEndpoint>call(c -> callerEndpoint(sipOffer).buildAsync(c))
        .thenCompose(rtp -> (lateOffer
                ? Kms.<String>call(rtp::generateOffer).thenApply(SessionDescriptions::g711Offer)
                : Kms.<String>call(c -> rtp.processOffer(sipOffer, c)).thenCompose(KurentoAgentLeg::bridged))
            .thenCompose(answer -> Kms.<Void>call(c -> rtp.connect(webrtc, MediaType.AUDIO, c))
                .thenCompose(v -> Kms.<Void>call(c -> webrtc.connect(rtp, MediaType.AUDIO, c)))
                .<CallMedia>thenApply(v -> new KurentoCallMedia(pipeline, this, rtp,
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

  /** The caller's endpoint: with our SRTP key when the offer brings its own (SDES), so the answer is SRTP too. */
  private RtpEndpoint.Builder callerEndpoint(String sipOffer) {
    RtpEndpoint.Builder builder = new RtpEndpoint.Builder(pipeline);
    SrtpKeys.forOffer(sipOffer).ifPresent(builder::withCrypto);
    return builder;
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
