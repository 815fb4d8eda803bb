package org.ccphone.media.kurento;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.ccphone.media.ConsultParty;
import org.kurento.client.Composite;
import org.kurento.client.HubPort;
import org.kurento.client.MediaElement;
import org.kurento.client.MediaType;
import org.kurento.client.WebRtcEndpoint;

/**
 * A consulted party's endpoint in the call's pipeline, beside the caller's RtpEndpoint and the
 * consulting agent's WebRtcEndpoint, so that KMS connects the three with no RTP hop: another agent's
 * browser ({@link KurentoConsultLeg}) or an outside number's RTP. A conference mixes the three in a
 * Composite, whose audio mixer sends each port the others' audio, never its own.
 */
abstract class KurentoParty implements ConsultParty {
  final KurentoCallMedia call;
  final MediaElement party;
  private volatile Composite mix;
  private volatile List<HubPort> ports = List.of();

  KurentoParty(KurentoCallMedia call, MediaElement party) {
    this.call = call;
    this.party = party;
  }

  @Override
  public CompletionStage<Void> talkWithAgent() {
    return both(call.agentLeg().webrtc(), party);
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
          return CompletableFuture.allOf(callerPort, agentPort, partyPort)
              .thenCompose(v -> {
                ports = List.of(callerPort.join(), agentPort.join(), partyPort.join());
                return CompletableFuture.allOf(Kms.<Void>call(c -> agent.disconnect(party, MediaType.AUDIO, c)),
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
          call.consultOver(this);
          if (recording != null) {
            recording.removeParty(party);
          }
          return tookCall(recording);
        });
  }

  /** What else changes once this party has the caller: the consulting agent's audio leaves the call. */
  abstract CompletionStage<Void> tookCall(KurentoRecording recording);

  @Override
  public CompletionStage<Void> release() {
    call.consultOver(this);
    KurentoRecording recording = call.recording();
    if (recording != null) {
      recording.removeParty(party);
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
  static CompletionStage<Void> both(MediaElement a, MediaElement b) {
    return Kms.<Void>call(c -> a.connect(b, MediaType.AUDIO, c)).thenCompose(v -> Kms.<Void>call(c -> b.connect(a, MediaType.AUDIO, c)));
  }
}
