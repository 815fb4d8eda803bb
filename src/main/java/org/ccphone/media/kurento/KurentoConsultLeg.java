package org.ccphone.media.kurento;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.ccphone.media.ConsultLeg;
import org.ccphone.media.IceCandidate;
import org.kurento.client.WebRtcEndpoint;

/**
 * The consulted agent's WebRtcEndpoint in the call's pipeline. Taking the caller, it becomes the
 * browser endpoint of the call's leg, and the consulting agent's endpoint goes.
 */
final class KurentoConsultLeg extends KurentoParty implements ConsultLeg {
  private final WebRtcEndpoint browser;
  private final String offer;
  private final KurentoMediaPlane plane;
  /** The browser's candidates wait for its answer (KMS takes them once it has the remote description). */
  private final CompletableFuture<Void> answered = new CompletableFuture<>();

  KurentoConsultLeg(KurentoCallMedia call, WebRtcEndpoint browser, String offer, KurentoMediaPlane plane) {
    super(call, browser);
    this.browser = browser;
    this.offer = offer;
    this.plane = plane;
  }

  @Override
  public String browserOffer() {
    return offer;
  }

  @Override
  public CompletionStage<Void> browserAnswer(String sdp) {
    return KurentoAgentLeg.answerBrowser(browser, sdp, answered);
  }

  @Override
  public CompletionStage<Void> addBrowserCandidate(IceCandidate candidate) {
    return KurentoAgentLeg.addCandidate(plane, browser, candidate, answered);
  }

  /** This browser is the leg's now (the consulting agent's endpoint goes with its connections), and the recording's agent side. */
  @Override
  CompletionStage<Void> tookCall(KurentoRecording recording) {
    call.agentLeg().adopt(browser);
    return recording == null ? CompletableFuture.completedFuture(null)
        : recording.agentFrom(browser).thenCompose(x -> recording.onHold(false));
  }
}
