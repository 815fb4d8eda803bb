package org.ccphone.media.kurento;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.ccphone.media.IceCandidate;
import org.ccphone.media.MonitorLeg;
import org.kurento.client.Composite;
import org.kurento.client.HubPort;
import org.kurento.client.MediaElement;
import org.kurento.client.MediaObject;
import org.kurento.client.MediaPipeline;
import org.kurento.client.MediaType;
import org.kurento.client.WebRtcEndpoint;
import org.ccphone.media.MediaException;

/**
 * The supervisors of one call, in its pipeline (docs/media.md, "Supervisors in a call"). Two mixes
 * (KMS Composites, whose ports each send the others' audio, never their own):
 * <ul>
 * <li>the floor's: a port fed by the caller, one fed by the agent, and a port per supervisor that
 * plays to it (and takes its voice while it whispers or barges). While anyone whispers or barges,
 * the agent hears the agent port's mix (the caller and those supervisors) instead of the caller.
 * <li>the caller's, only while someone barges: the agent's voice and the barging supervisors'.
 * </ul>
 * Listening changes none of the call's own links. Changes are made one at a time, in order; KMS
 * replaces a sink's one source on connect, and a disconnect drops whatever feeds the sink, so links
 * are replaced by connecting, never disconnected first.
 */
final class KurentoMonitors {
  private static final CompletionStage<Void> DONE = CompletableFuture.completedFuture(null);

  private final KurentoCallMedia call;
  private final List<Leg> legs = new java.util.concurrent.CopyOnWriteArrayList<>();
  private CompletionStage<Void> changes = DONE;
  /** The floor's mix: {@code in} fed by the caller, {@code out} fed by the agent (and what the agent hears while someone whispers). */
  private Mix floor;
  /** The agent hears the floor's agent port (someone whispers or barges), not the caller directly. */
  private boolean agentHearsMix;
  /** The caller's mix while someone barges: {@code in} fed by the agent, {@code out} played to the caller. */
  private Mix callerMix;

  KurentoMonitors(KurentoCallMedia call) {
    this.call = call;
  }

  /**
   * A supervisor's endpoint, playing the caller and the agent once the browser answers. Its offer
   * goes out as soon as the endpoint is made; its place in the floor's mix is made meanwhile, ahead
   * of any change of its mode (the browser's ICE and DTLS take longer).
   */
  CompletionStage<MonitorLeg> open(Consumer<IceCandidate> toBrowser) {
    return KurentoAgentLeg.browserEndpoint(call.pipeline(), call.plane().candidatePolicy(), toBrowser).thenApply(made -> {
      Leg leg = new Leg(made.getKey(), made.getValue());
      legs.add(leg);
      change(() -> floor().thenCompose(v -> Kms.<HubPort>call(c -> new HubPort.Builder(floor.composite()).buildAsync(c)))
          .thenCompose(port -> {
            leg.floorPort = port;
            return Kms.<Void>call(c -> port.connect(leg.browser, MediaType.AUDIO, c));
          }))
          .whenComplete((v, failure) -> leg.broken = failure);
      return leg;
    });
  }

  /** Every supervisor goes and the call's links are as before (a hold, a consultation, a transfer, the end). */
  CompletionStage<Void> closeAll() {
    List<Leg> all = List.copyOf(legs);
    return CompletableFuture.allOf(all.stream().map(l -> l.release().toCompletableFuture()).toArray(CompletableFuture[]::new));
  }

  /** The call's media went at once: everything of the supervisors goes, unwaited. */
  synchronized void discard() {
    for (Leg leg : legs) {
      leg.browser.release(Kms.ignored());
    }
    legs.clear();
    for (Mix mix : new Mix[] {floor, callerMix}) {
      if (mix != null) {
        for (MediaObject element : new MediaObject[] {mix.in(), mix.out(), mix.composite()}) {
          element.release(Kms.ignored());
        }
      }
    }
  }

  /** One change after the other, each after the last one ended, failed or not. */
  private synchronized CompletionStage<Void> change(Supplier<CompletionStage<Void>> step) {
    CompletionStage<Void> next = changes.handle((v, failure) -> null).thenCompose(v -> step.get());
    changes = next;
    return next;
  }

  /** A Composite with two ports; {@code in} and {@code out} are only names for what each is fed from or plays to. */
  private record Mix(Composite composite, HubPort in, HubPort out) {
    static CompletionStage<Mix> make(MediaPipeline pipeline) {
      return Kms.<Composite>call(c -> new Composite.Builder(pipeline).buildAsync(c)).thenCompose(made -> {
        CompletableFuture<HubPort> in = Kms.call(c -> new HubPort.Builder(made).buildAsync(c));
        CompletableFuture<HubPort> out = Kms.call(c -> new HubPort.Builder(made).buildAsync(c));
        return CompletableFuture.allOf(in, out).thenApply(v -> new Mix(made, in.join(), out.join()));
      });
    }

    CompletionStage<Void> release() {
      return CompletableFuture.allOf(Kms.<Void>call(in::release), Kms.<Void>call(out::release))
          .thenCompose(v -> Kms.<Void>call(composite::release));
    }
  }

  private CompletionStage<Void> floor() {
    if (floor != null) {
      return DONE;
    }
    return Mix.make(call.pipeline()).thenCompose(made -> {
      floor = made;
      return CompletableFuture.allOf(Kms.<Void>call(c -> call.caller().connect(made.in(), MediaType.AUDIO, c)),
          Kms.<Void>call(c -> call.agentLeg().webrtc().connect(made.out(), MediaType.AUDIO, c)));
    });
  }

  /** After a supervisor's change: the agent and the caller hear what the supervisors' modes say. */
  private CompletionStage<Void> settle() {
    boolean whisper = legs.stream().anyMatch(l -> l.agentHears);
    boolean barge = legs.stream().anyMatch(l -> l.callerHears);
    WebRtcEndpoint agent = call.agentLeg().webrtc();
    CompletionStage<Void> done = DONE;
    if (whisper != agentHearsMix) {
      agentHearsMix = whisper;
      MediaElement source = whisper ? floor.out() : call.caller();
      done = Kms.call(c -> source.connect(agent, MediaType.AUDIO, c));
    }
    if (barge && callerMix == null) {
      done = done.thenCompose(v -> Mix.make(call.pipeline())).thenCompose(made -> {
        callerMix = made;
        return Kms.<Void>call(c -> agent.connect(made.in(), MediaType.AUDIO, c))
            .thenCompose(v -> Kms.<Void>call(c -> made.out().connect(call.caller(), MediaType.AUDIO, c)));
      });
    } else if (!barge && callerMix != null) {
      Mix mix = callerMix;
      callerMix = null;
      done = done.thenCompose(v -> Kms.<Void>call(c -> agent.connect(call.caller(), MediaType.AUDIO, c)))
          .thenCompose(v -> mix.release());
    }
    if (legs.isEmpty() && floor != null) {
      Mix mix = floor;
      floor = null;
      done = done.thenCompose(v -> mix.release());
    }
    return done;
  }

  /** One supervisor's endpoint, its port on the floor's mix, and its port on the caller's while it barges. */
  private final class Leg implements MonitorLeg {
    final WebRtcEndpoint browser;
    private final String offer;
    private final CompletableFuture<Void> answered = new CompletableFuture<>();
    /** Why its place in the floor's mix could not be made, or null. */
    volatile Throwable broken;
    HubPort floorPort;
    HubPort callerPort;
    boolean agentHears;
    boolean callerHears;
    private boolean released;

    Leg(WebRtcEndpoint browser, String offer) {
      this.browser = browser;
      this.offer = offer;
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
      return KurentoAgentLeg.addCandidate(call.plane(), browser, candidate, answered);
    }

    @Override
    public CompletionStage<Void> heardBy(boolean agent, boolean caller) {
      return change(() -> released ? CompletableFuture.failedFuture(new MediaException("the supervisor has left"))
          : broken != null ? CompletableFuture.failedFuture(broken)
          : heard(agent, agent && caller).thenCompose(v -> settle()));
    }

    private CompletionStage<Void> heard(boolean agent, boolean caller) {
      CompletionStage<Void> done = DONE;
      if (agent != agentHears) {
        agentHears = agent;
        // The port's one source is this browser: disconnecting it drops nothing else.
        done = agent ? Kms.call(c -> browser.connect(floorPort, MediaType.AUDIO, c))
            : Kms.call(c -> browser.disconnect(floorPort, MediaType.AUDIO, c));
      }
      if (caller != callerHears) {
        callerHears = caller;
        KurentoRecording recording = call.recording();
        if (caller) {
          done = done.thenCompose(v -> settle()) // the caller's mix is made first
              .thenCompose(v -> Kms.<HubPort>call(c -> new HubPort.Builder(callerMix.composite()).buildAsync(c)))
              .thenCompose(port -> {
                callerPort = port;
                return Kms.<Void>call(c -> browser.connect(port, MediaType.AUDIO, c));
              })
              .thenCompose(v -> recording == null ? DONE : recording.addParty(browser));
        } else {
          HubPort port = callerPort;
          callerPort = null;
          if (recording != null) {
            recording.removeParty(browser);
          }
          done = done.thenCompose(v -> port == null ? DONE : Kms.<Void>call(port::release));
        }
      }
      return done;
    }

    @Override
    public CompletionStage<Void> release() {
      return change(() -> {
        if (released) {
          return DONE;
        }
        released = true;
        return heard(false, false)
            .handle((v, failure) -> null)
            .thenCompose(v -> {
              legs.remove(this);
              HubPort port = floorPort;
              return port == null ? DONE : Kms.<Void>call(port::release);
            })
            .thenCompose(v -> Kms.<Void>call(browser::release))
            .thenCompose(v -> settle());
      });
    }
  }
}
