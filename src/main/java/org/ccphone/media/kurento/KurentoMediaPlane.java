package org.ccphone.media.kurento;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.metrics.Timer;
import org.eclipse.microprofile.metrics.annotation.Metric;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.ccphone.media.AgentMediaLeg;
import org.ccphone.media.CandidatePolicy;
import org.ccphone.media.IceCandidate;
import org.ccphone.media.MediaPlane;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.kurento.client.MediaPipeline;

/**
 * The media plane on Kurento Media Server (docs/media.md): one pipeline and one WebRtcEndpoint per
 * agent, negotiated once; each call adds an RtpEndpoint in that pipeline, connected both ways, so
 * KMS transcodes Opus toward the browser and G.711 toward the SIP side.
 */
@ApplicationScoped
public class KurentoMediaPlane implements MediaPlane {
  /** Pipelines this application made carry this prefix in their name, so that a restart can find them. */
  static final String PIPELINE_PREFIX = "callcenter:";

  @Inject KurentoServer server;

  /** How long opening an agent's leg takes (pipeline, WebRtcEndpoint, offer). */
  @Inject
  @Metric(name = "media_leg_setup", absolute = true)
  Timer setupTimes;

  /** The address the SIP side must send RTP to: KMS names the host's first address, not necessarily that one. */
  @Inject
  @ConfigProperty(name = "callcenter.media.rtpAddress")
  Optional<String> rtpAddress;

  @Inject
  @ConfigProperty(name = "callcenter.media.holdMusic")
  Optional<String> holdMusic;

  /** The folder of the recordings (KMS writes there, so it must see the same folder). */
  @Inject
  @ConfigProperty(name = "callcenter.media.recordings")
  Optional<String> recordings;

  /** The networks of KMS's own candidates that phones may be given (CIDRs; none: all). */
  @Inject
  @ConfigProperty(name = "callcenter.media.candidateAddresses")
  Optional<String> candidateAddresses;

  /**
   * The networks of phones' candidates that KMS may be given (CIDRs; none, the default: all): a
   * phone behind NAT offers its router's address and the relay's, which no LAN list names.
   */
  @Inject
  @ConfigProperty(name = "callcenter.media.phoneCandidateAddresses")
  Optional<String> phoneCandidateAddresses;

  private volatile CandidatePolicy candidatePolicy;
  private volatile CandidatePolicy phoneCandidatePolicy;

  private final AtomicLong legsOpen = new AtomicLong();
  private final AtomicLong setupFailures = new AtomicLong();

  @Override
  public CompletionStage<AgentMediaLeg> openAgentLeg(String agentKey, Consumer<IceCandidate> toBrowser) {
    long started = System.nanoTime();
    CompletionStage<AgentMediaLeg> leg = server.client()
        .thenCompose(kurento -> Kms.<MediaPipeline>call(kurento::createMediaPipeline))
        .thenCompose(pipeline -> Kms.<Void>call(c -> {
              server.opened(pipeline);
              pipeline.setName(PIPELINE_PREFIX + agentKey, c);
            })
            .thenCompose(v -> KurentoAgentLeg.browserEndpoint(pipeline, candidatePolicy(), toBrowser))
            .<AgentMediaLeg>thenApply(made -> new KurentoAgentLeg(pipeline, made.getKey(), made.getValue(), this))
            .whenComplete((opened, failure) -> {
              if (failure != null) {
                server.released(pipeline);
                pipeline.release(Kms.ignored()); // nothing half-made stays on KMS
              }
            }));
    return leg.whenComplete((opened, failure) -> {
      if (failure != null) {
        setupFailures.incrementAndGet();
      } else {
        legsOpen.incrementAndGet();
        setupTimes.update(java.time.Duration.ofNanos(System.nanoTime() - started));
      }
    });
  }

  @Override
  public Optional<String> unavailable() {
    return Optional.ofNullable(server.unreachable());
  }

  @Override
  public long legsOpen() {
    return legsOpen.get();
  }

  @Override
  public long setupFailures() {
    return setupFailures.get();
  }

  /** A leg closed, or a call's media failed to attach. */
  void legClosed() {
    legsOpen.decrementAndGet();
  }

  void attachFailed() {
    setupFailures.incrementAndGet();
  }

  KurentoServer server() {
    return server;
  }

  Optional<String> rtpAddress() {
    return rtpAddress;
  }

  Optional<java.nio.file.Path> recordings() {
    return recordings.filter(folder -> !folder.isBlank()).map(java.nio.file.Path::of);
  }

  /** Read once; a wrong entry fails every leg with a message that names it. */
  CandidatePolicy candidatePolicy() {
    CandidatePolicy policy = candidatePolicy;
    if (policy == null) {
      policy = candidatePolicy = CandidatePolicy.of(candidateAddresses.orElse(""));
    }
    return policy;
  }

  /** The same, for the phones' candidates on their way to KMS. */
  CandidatePolicy phoneCandidatePolicy() {
    CandidatePolicy policy = phoneCandidatePolicy;
    if (policy == null) {
      policy = phoneCandidatePolicy = CandidatePolicy.of(phoneCandidateAddresses.orElse(""), "callcenter.media.phoneCandidateAddresses");
    }
    return policy;
  }

  Optional<String> holdMusic() {
    return holdMusic;
  }
}
