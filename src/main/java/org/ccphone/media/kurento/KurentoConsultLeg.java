package org.ccphone.media.kurento;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.ccphone.media.ConsultLeg;
import org.ccphone.media.IceCandidate;
import org.ccphone.media.MediaException;
import org.kurento.client.Composite;
import org.kurento.client.HubPort;
import org.kurento.client.MediaElement;
import org.kurento.client.MediaType;
import org.kurento.client.WebRtcEndpoint;

/**
 * The consulted agent's WebRtcEndpoint in the call's pipeline, beside the caller's RtpEndpoint and
 * the consulting agent's WebRtcEndpoint, so that KMS connects them with no RTP hop. A conference
 * mixes the three in a Composite (each port hears the others, never itself).
 */
final class KurentoConsultLeg implements ConsultLeg {
  private final KurentoCallMedia call;
  private final WebRtcEndpoint party;
  private final String offer;
  private final KurentoMediaPlane plane;
  /** The browser's candidates wait for its answer (KMS takes them once it has the remote description). */
  private final CompletableFuture<Void> answered = new CompletableFuture<>();
  private volatile Composite mix;
  private volatile List<HubPort> ports = List.of();

  KurentoConsultLeg(KurentoCallMedia call, WebRtcEndpoint party, String offer, KurentoMediaPlane plane) {
    this.call = call;
    this.party = party;
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
    CompletableFuture<Void> done = Kms.<String>call(c -> party.processAnswer(sdp, c))
        .thenCompose(ignored -> Kms.<Void>call(party::gatherCandidates));
    done.whenComplete((v, failure) -> answered.complete(null));
    return done;
  }

  @Override
  public CompletionStage<Void> addBrowserCandidate(IceCandidate candidate) {
    if (!plane.phoneCandidatePolicy().allows(candidate)) {
      return CompletableFuture.completedFuture(null);
    }
    return answered.thenCompose(v -> Kms.<Void>call(c -> party.addIceCandidate(
        new org.kurento.client.IceCandidate(candidate.candidate(), candidate.sdpMid(), candidate.sdpMLineIndex()), c)));
  }

  @Override
  public CompletionStage<Void> talkWithAgent() {
    WebRtcEndpoint agent = call.agentLeg().webrtc();
    return both(agent, party);
  }

  @Override
  public CompletionStage<Void> conference() {
    WebRtcEndpoint agent = call.agentLeg().webrtc();
    KurentoRecording recording = call.recording();
    return call.stopMusic()
        .thenCompose(v -> Kms.<Composite>call(c -> new Composite.Builder(call.pipeline()).buildAsync(c)))
        .thenCompose(made -> {
          mix = made;
          CompletableFuture<HubPort> callerPort = Kms.call(c -> new HubPort.Builder(made).buildAsync(c));
          CompletableFuture<HubPort> agentPort = Kms.call(c -> new HubPort.Builder(made).buildAsync(c));
          CompletableFuture<HubPort> partyPort = Kms.call(c -> new HubPort.Builder(made).buildAsync(c));
          return CompletableFuture.allOf(callerPort, agentPort, partyPort).thenCompose(v -> {
                ports = List.of(callerPort.join(), agentPort.join(), partyPort.join());
                return CompletableFuture.allOf(
              Kms.<Void>call(c -> agent.disconnect(party, MediaType.AUDIO, c)),
              Kms.<Void>call(c -> party.disconnect(agent, MediaType.AUDIO, c)));
              })
              .thenCompose(v -> CompletableFuture.allOf(
                  both(call.caller(), callerPort.join()).toCompletableFuture(),
                  both(agent, agentPort.join()).toCompletableFuture(),
                  both(party, partyPort.join()).toCompletableFuture()));
        })
        .thenCompose(v -> recording == null ? CompletableFuture.completedFuture(null)
            : recording.addParty(party).thenCompose(x -> recording.onHold(false)));
  }

  @Override
  public CompletionStage<Void> takeCall() {
    KurentoRecording recording = call.recording();
    return call.stopMusic()
        .thenCompose(v -> releaseMix())
        .thenCompose(v -> both(call.caller(), party))
        .thenCompose(v -> {
          call.agentLeg().adopt(party); // the consulting agent's endpoint goes with its connections
          call.consultOver(this);
          if (recording == null) {
            return CompletableFuture.completedFuture(null);
          }
          recording.removeParty();
          return recording.agentFrom(party).thenCompose(x -> recording.onHold(false));
        });
  }

  @Override
  public CompletionStage<Void> release() {
    call.consultOver(this);
    KurentoRecording recording = call.recording();
    if (recording != null) {
      recording.removeParty();
    }
    return releaseMix().thenCompose(v -> Kms.<Void>call(party::release));
  }

  /** The call ended: everything of this party goes, unwaited. */
  void discard() {
    Composite m = mix;
    if (m != null) {
      ports.forEach(p -> p.release(Kms.ignored()));
      m.release(Kms.ignored());
    }
    party.release(Kms.ignored());
  }

  /** The conference's mix goes with its ports (and their connections); nothing when there is none. */
  private CompletionStage<Void> releaseMix() {
    Composite m = mix;
    List<HubPort> its = ports;
    mix = null;
    ports = List.of();
    if (m == null) {
      return CompletableFuture.completedFuture(null);
    }
    return CompletableFuture.allOf(its.stream().map(p -> Kms.<Void>call(p::release)).toArray(CompletableFuture[]::new))
        .thenCompose(v -> Kms.<Void>call(m::release));
  }

  /** Two elements hear each other. */
  private static CompletionStage<Void> both(MediaElement a, MediaElement b) {
    return Kms.<Void>call(c -> a.connect(b, MediaType.AUDIO, c)).thenCompose(v -> Kms.<Void>call(c -> b.connect(a, MediaType.AUDIO, c)));
  }
}
