package org.ccphone.media.kurento;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.ccphone.media.MediaException;
import org.kurento.client.Composite;
import org.kurento.client.HubPort;
import org.kurento.client.MediaElement;
import org.kurento.client.MediaPipeline;
import org.kurento.client.MediaProfileSpecType;
import org.kurento.client.MediaType;
import org.kurento.client.RecorderEndpoint;
import org.kurento.client.RtpEndpoint;
import org.kurento.client.WebRtcEndpoint;

/**
 * One call's recording: both parties mixed by a Composite (a HubPort each, one out) into a
 * RecorderEndpoint writing WEBM audio next to the claimed {@code <CallId>.wav}, converted to WAV
 * (8 kHz mono, 16-bit) by ffmpeg once stopped. Paused while the agent pauses it and while the call is
 * on hold, so neither is in the file.
 */
final class KurentoRecording {
  private final Path wav;
  private final Path webm;
  private final Executor executor;
  private Composite mix;
  private HubPort agentPort;
  private HubPort callerPort;
  private HubPort out;
  /** The parties beside the caller and the agent (a conference's third, barging supervisors), each on a port. */
  private final java.util.Map<MediaElement, HubPort> partyPorts = new java.util.HashMap<>();
  private RecorderEndpoint recorder;
  private boolean pausedByAgent;
  private boolean onHold;
  /** The agent's browser endpoint feeding the agent's port (a new one after a new browser took the leg). */
  private WebRtcEndpoint agentSource;

  private KurentoRecording(Path wav, Executor executor) {
    this.wav = wav;
    this.webm = wav.resolveSibling(wav.getFileName().toString().replaceAll("\\.wav$", ".webm"));
    this.executor = executor;
  }

  static CompletionStage<KurentoRecording> start(MediaPipeline pipeline, WebRtcEndpoint agent, RtpEndpoint caller,
      Path wav, Executor executor) {
    KurentoRecording r = new KurentoRecording(wav, executor);
    // Four round trips to KMS, not nine: the ports and the recorder are made at once, then connected at once,
    // so the file starts close to the 200 OK (the engine starts it beside the 200 OK, not after it).
    return Kms.<Composite>call(c -> new Composite.Builder(pipeline).buildAsync(c))
        .thenCompose(mix -> {
          r.mix = mix;
          CompletableFuture<HubPort> agentPort = Kms.call(c -> new HubPort.Builder(mix).buildAsync(c));
          CompletableFuture<HubPort> callerPort = Kms.call(c -> new HubPort.Builder(mix).buildAsync(c));
          CompletableFuture<HubPort> out = Kms.call(c -> new HubPort.Builder(mix).buildAsync(c));
          CompletableFuture<RecorderEndpoint> recorder = Kms.call(c -> new RecorderEndpoint.Builder(pipeline,
              r.webm.toUri().toString()).withMediaProfile(MediaProfileSpecType.WEBM_AUDIO_ONLY).buildAsync(c));
          return CompletableFuture.allOf(agentPort, callerPort, out, recorder).whenComplete((v, failure) -> {
            r.agentPort = agentPort.getNow(null);
            r.callerPort = callerPort.getNow(null);
            r.out = out.getNow(null);
            r.recorder = recorder.getNow(null);
          });
        })
        .thenCompose(v -> {
          r.agentSource = agent;
          return CompletableFuture.allOf(
              Kms.<Void>call(c -> agent.connect(r.agentPort, MediaType.AUDIO, c)),
              Kms.<Void>call(c -> caller.connect(r.callerPort, MediaType.AUDIO, c)),
              Kms.<Void>call(c -> r.out.connect(r.recorder, MediaType.AUDIO, c)));
        })
        .thenCompose(v -> Kms.<Void>call(r.recorder::record))
        .thenApply(v -> r)
        .whenComplete((started, failure) -> {
          if (failure != null) {
            r.releaseElements();
          }
        });
  }

  synchronized CompletionStage<Void> pausedByAgent(boolean paused) {
    pausedByAgent = paused;
    return apply();
  }

  /** The agent's side now comes from {@code browser}: the endpoint it replaced went with its connections. */
  synchronized CompletionStage<Void> agentFrom(WebRtcEndpoint browser) {
    if (browser == agentSource) {
      return java.util.concurrent.CompletableFuture.completedFuture(null);
    }
    agentSource = browser;
    return Kms.<Void>call(c -> browser.connect(agentPort, MediaType.AUDIO, c));
  }

  /** Another party's audio is mixed in too (a conference's third, a barging supervisor), on a port of its own. */
  synchronized CompletionStage<Void> addParty(MediaElement party) {
    return Kms.<HubPort>call(c -> new HubPort.Builder(mix).buildAsync(c)).thenCompose(port -> {
      synchronized (this) {
        partyPorts.put(party, port);
      }
      return Kms.<Void>call(c -> party.connect(port, MediaType.AUDIO, c));
    });
  }

  /** That party's port goes (it left, or took the agent's place). */
  synchronized void removeParty(MediaElement party) {
    HubPort port = partyPorts.remove(party);
    if (port != null) {
      port.release(Kms.ignored());
    }
  }

  synchronized CompletionStage<Void> onHold(boolean held) {
    onHold = held;
    return apply();
  }

  private CompletionStage<Void> apply() {
    return pausedByAgent || onHold ? Kms.call(recorder::pause) : Kms.call(recorder::record);
  }

  /** Stops, lets go of the mixer, and converts the file; completes when the WAV is finished. */
  CompletionStage<Void> stop() {
    return Kms.<Void>call(recorder::stopAndWait)
        .whenComplete((v, failure) -> releaseElements())
        .thenComposeAsync(v -> convert(), executor);
  }

  private CompletionStage<Void> convert() {
    try {
      Process ffmpeg = new ProcessBuilder(List.of("ffmpeg", "-v", "error", "-y", "-i", webm.toString(),
          "-ac", "1", "-ar", "8000", "-c:a", "pcm_s16le", wav.toString()))
          .redirectErrorStream(true).start();
      if (!ffmpeg.waitFor(30, TimeUnit.SECONDS)) {
        ffmpeg.destroyForcibly();
        return CompletableFuture.failedFuture(new MediaException("converting " + webm.getFileName() + " took over 30 s"));
      }
      String said = new String(ffmpeg.getInputStream().readAllBytes()).strip();
      if (ffmpeg.exitValue() != 0) {
        return CompletableFuture.failedFuture(new MediaException("converting " + webm.getFileName() + " failed: " + said));
      }
      Files.deleteIfExists(webm);
      return CompletableFuture.completedFuture(null);
    } catch (IOException e) {
      return CompletableFuture.failedFuture(new MediaException("converting " + webm.getFileName() + " failed", e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return CompletableFuture.failedFuture(new MediaException("interrupted while converting " + webm.getFileName()));
    }
  }

  /** Releases the recorder and the mixer (not the call's endpoints); safe when some were never made. */
  /** A recording of a call that ended before it was stopped (never connected): its elements and files go. */
  void discard() {
    releaseElements();
    for (Path file : List.of(webm, wav)) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        // KMS may still hold the WEBM for a moment; an empty file left behind names no call that talked
      }
    }
  }

  synchronized void releaseElements() {
    partyPorts.values().forEach(p -> p.release(Kms.ignored()));
    partyPorts.clear();
    for (var element : new org.kurento.client.MediaObject[] {recorder, out, callerPort, agentPort, mix}) {
      if (element != null) {
        element.release(Kms.ignored());
      }
    }
  }
}
