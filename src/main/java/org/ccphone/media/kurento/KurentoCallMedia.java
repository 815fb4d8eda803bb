package org.ccphone.media.kurento;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import org.ccphone.media.CallMedia;
import org.ccphone.media.ConsultLeg;
import org.ccphone.media.IceCandidate;
import org.ccphone.media.MediaException;
import org.ccphone.media.OutsideMedia;
import org.ccphone.media.RecordingNames;
import org.kurento.client.MediaPipeline;
import org.kurento.client.MediaType;
import org.kurento.client.PlayerEndpoint;
import org.kurento.client.RtpEndpoint;
import org.kurento.client.WebRtcEndpoint;
import org.ccphone.media.MonitorLeg;

/** A call's RtpEndpoint in its agent's pipeline, connected both ways to the agent's WebRtcEndpoint. */
final class KurentoCallMedia implements CallMedia {
  private final MediaPipeline pipeline;
  /** The agent's leg: its browser endpoint changes when a new browser takes the leg (renew). */
  private final KurentoAgentLeg agent;
  private final RtpEndpoint caller;
  private final String sipAnswer;
  private final KurentoMediaPlane plane;
  private final AtomicBoolean released = new AtomicBoolean();
  private volatile PlayerEndpoint holdMusic;
  private volatile KurentoRecording recording;
  /** The outside party's endpoint of a transfer through the trunk, or null. */
  private volatile RtpEndpoint outside;
  /** The consulted party's endpoint (and its conference's mix), or null. */
  private volatile KurentoParty consulted;
  /** The supervisors in the call, made with the first. */
  private final KurentoMonitors monitors = new KurentoMonitors(this);

  private final CompletionStage<String> lost;

  KurentoCallMedia(MediaPipeline pipeline, KurentoAgentLeg agent, RtpEndpoint caller, String sipAnswer, KurentoMediaPlane plane,
      CompletionStage<String> lost) {
    this.lost = lost;
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

  /** The caller's answer (in its ACK) to the G.711 offer of a late-offer call. */
  @Override
  public CompletionStage<Void> callerAnswer(String sdp) {
    return Kms.<String>call(c -> caller.processAnswer(sdp, c)).thenApply(ignored -> null);
  }

  /** The agent's audio off the call and music on hold into it; the agent hears nothing. No renegotiation. */
  @Override
  public CompletionStage<Void> hold() {
    if (plane.holdMusic().isEmpty()) {
      return CompletableFuture.failedFuture(new MediaException("no hold music is configured (callcenter.media.holdMusic)"));
    }
    KurentoRecording r = recording;
    return monitors.closeAll() // the supervisors go first, so the links below are the call's own
        .thenCompose(v -> r == null ? CompletableFuture.completedFuture(null) : r.onHold(true)) // hold time is not recorded
        .thenCompose(v -> Kms.<Void>call(c -> agent.webrtc().disconnect(caller, MediaType.AUDIO, c)))
        .thenCompose(v -> Kms.<Void>call(c -> caller.disconnect(agent.webrtc(), MediaType.AUDIO, c)))
        .thenCompose(v -> Kms.<PlayerEndpoint>call(c -> new PlayerEndpoint.Builder(pipeline, plane.holdMusic().get()).buildAsync(c)))
        .thenCompose(player -> {
          holdMusic = player;
          // The music starts again at its end, for as long as the hold lasts.
          return Kms.<org.kurento.client.ListenerSubscription>call(c -> player.addEndOfStreamListener(e -> {
                if (holdMusic == player) {
                  player.play(Kms.ignored());
                }
              }, c))
              .thenCompose(subscribed -> Kms.<Void>call(c -> player.connect(caller, MediaType.AUDIO, c)))
              .thenCompose(v -> Kms.<Void>call(player::play));
        });
  }

  @Override
  public CompletionStage<Void> resume() {
    PlayerEndpoint player = holdMusic;
    holdMusic = null;
    CompletionStage<Void> stopped = player == null ? CompletableFuture.completedFuture(null) : Kms.call(player::release);
    KurentoRecording r = recording;
    WebRtcEndpoint browser = agent.webrtc(); // a new one when another browser took the leg meanwhile
    return stopped
        .thenCompose(v -> Kms.<Void>call(c -> browser.connect(caller, MediaType.AUDIO, c)))
        .thenCompose(v -> Kms.<Void>call(c -> caller.connect(browser, MediaType.AUDIO, c)))
        .thenCompose(v -> r == null ? CompletableFuture.completedFuture(null) : r.agentFrom(browser))
        .thenCompose(v -> r == null ? CompletableFuture.completedFuture(null) : r.onHold(false));
  }

  @Override
  public CompletionStage<Void> startRecording(String name) {
    if (plane.recordings().isEmpty()) {
      return CompletableFuture.failedFuture(new MediaException("no recordings folder is configured (callcenter.media.recordings)"));
    }
    java.nio.file.Path wav;
    try {
      wav = RecordingNames.claim(plane.recordings().get(), name);
    } catch (java.io.IOException | RuntimeException e) {
      return CompletableFuture.failedFuture(new MediaException("the recordings folder " + plane.recordings().get()
          + " cannot be written: " + e.getMessage(), e));
    }
    return KurentoRecording.start(pipeline, agent.webrtc(), caller, wav, plane.server().executor())
        .thenAccept(started -> {
          if (released.get()) {
            started.discard(); // the call ended while its recording was being set up
            throw new java.util.concurrent.CompletionException(new MediaException("the call ended before its recording started"));
          }
          recording = started;
        });
  }

  @Override
  public CompletionStage<Void> pauseRecording() {
    return recordingDo(r -> r.pausedByAgent(true));
  }

  @Override
  public CompletionStage<Void> resumeRecording() {
    return recordingDo(r -> r.pausedByAgent(false));
  }

  /** Stops the recording and completes when its WAV file is finished. */
  @Override
  public CompletionStage<Void> stopRecording() {
    KurentoRecording r = recording;
    recording = null;
    return r == null ? CompletableFuture.completedFuture(null) : r.stop();
  }

  private CompletionStage<Void> recordingDo(java.util.function.Function<KurentoRecording, CompletionStage<Void>> action) {
    KurentoRecording r = recording;
    return r == null ? CompletableFuture.failedFuture(new MediaException("the call is not being recorded")) : action.apply(r);
  }

  /** A second RtpEndpoint in the call's pipeline, for the outside party of a transfer through the trunk. */
  @Override
  public CompletionStage<OutsideMedia> openOutside() {
    return monitors.closeAll().thenCompose(v -> Kms.<RtpEndpoint>call(c -> new RtpEndpoint.Builder(pipeline).buildAsync(c)))
        .thenCompose(rtp -> {
          outside = rtp;
          return Kms.<String>call(rtp::generateOffer).thenApply(SessionDescriptions::g711Offer)
              .<OutsideMedia>thenApply(offer -> new Outside(rtp, SessionDescriptions.withAddress(offer, plane.rtpAddress())));
        });
  }

  /**
   * The outside endpoint. A transfer: answered, it takes the music's place and is connected both
   * ways to the caller. A consultation: answered, it talks with the agent, then as any consulted party.
   */
  private final class Outside extends KurentoParty implements OutsideMedia {
    private final RtpEndpoint rtp;
    private final String offer;

    Outside(RtpEndpoint rtp, String offer) {
      super(KurentoCallMedia.this, rtp);
      this.rtp = rtp;
      this.offer = offer;
    }

    @Override
    public String offer() {
      return offer;
    }

    @Override
    public CompletionStage<Void> connect(String answer) {
      return answered(answer).thenCompose(v -> stopMusic()).thenCompose(v -> both(caller, rtp));
    }

    @Override
    public CompletionStage<Void> answered(String answer) {
      consulted = this;
      return Kms.<String>call(c -> rtp.processAnswer(answer, c)).thenApply(v -> null);
    }

    /**
     * The consulting agent's audio leaves the outside party before the caller's comes: KMS drops a
     * sink's one link on disconnect, so the other order would cut the caller off.
     */
    @Override
    public CompletionStage<Void> takeCall() {
      WebRtcEndpoint agentEndpoint = agent.webrtc();
      return Kms.<Void>call(c -> agentEndpoint.disconnect(rtp, MediaType.AUDIO, c))
          .thenCompose(v -> Kms.<Void>call(c -> rtp.disconnect(agentEndpoint, MediaType.AUDIO, c)))
          .exceptionally(notConnected -> null) // from a conference they were connected through its mix
          .thenCompose(v -> super.takeCall());
    }

    /** Nothing more: the leg goes with the call, unanswered by any browser. */
    @Override
    CompletionStage<Void> tookCall(KurentoRecording recording) {
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> release() {
      if (outside == rtp) {
        outside = null;
      }
      return super.release();
    }
  }

  /** A WebRtcEndpoint in the call's pipeline for the browser of the agent consulted. */
  @Override
  public CompletionStage<ConsultLeg> openConsult(java.util.function.Consumer<IceCandidate> toBrowser) {
    return monitors.closeAll().thenCompose(v -> KurentoAgentLeg.browserEndpoint(pipeline, plane.candidatePolicy(), toBrowser)).thenApply(made -> {
      KurentoConsultLeg leg = new KurentoConsultLeg(this, made.getKey(), made.getValue(), plane);
      consulted = leg;
      if (released.get()) {
        leg.discard(); // the call ended meanwhile
      }
      return leg;
    });
  }

  /** A supervisor's endpoint in this call's pipeline (docs/media.md, "Supervisors in a call"). */
  @Override
  public CompletionStage<MonitorLeg> openMonitor(java.util.function.Consumer<IceCandidate> toBrowser) {
    if (released.get()) {
      return CompletableFuture.failedFuture(new MediaException("the call has ended"));
    }
    return monitors.open(toBrowser).thenApply(leg -> {
      if (released.get()) {
        monitors.discard(); // the call ended meanwhile
      }
      return leg;
    });
  }

  MediaPipeline pipeline() { return pipeline; }
  KurentoMediaPlane plane() { return plane; }
  RtpEndpoint caller() { return caller; }
  KurentoAgentLeg agentLeg() { return agent; }
  KurentoRecording recording() { return recording; }

  /** The music on hold stops (the consulted party joins the caller). */
  CompletionStage<Void> stopMusic() {
    PlayerEndpoint player = holdMusic;
    holdMusic = null;
    return player == null ? CompletableFuture.completedFuture(null) : Kms.call(player::release);
  }

  /** The consulted party left the call (released), or took it (its endpoint is the leg's now). */
  void consultOver(KurentoParty leg) {
    if (consulted == leg) {
      consulted = null;
    }
  }

  /** Completes when the media server this call's media lives on died or restarted. */
  @Override
  public CompletionStage<String> lost() {
    return lost;
  }

  /** The caller's RtpEndpoint goes; the agent's WebRtcEndpoint stays for the next call. */
  @Override
  public CompletionStage<Void> detach() {
    return monitors.closeAll().handle((v, failure) -> null).thenCompose(v -> release());
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
    RtpEndpoint far = outside;
    if (far != null) {
      far.release(Kms.ignored());
    }
    KurentoParty consult = consulted;
    if (consult != null) {
      consult.discard();
    }
    monitors.discard();
    KurentoRecording r = recording;
    if (r != null) {
      r.discard(); // never stopped: the call did not connect (the engine stops the recording of a call that talked)
    }
    return Kms.call(caller::release);
  }
}
