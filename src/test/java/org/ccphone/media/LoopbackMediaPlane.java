package org.ccphone.media;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Test double of the media plane for signaling tests: no media flows. The browser gets an offer
 * naming the agent, and the SIP side gets a PCMU answer on a port nothing listens to. A caller whose
 * SDP session name is {@code slow-media} takes 5 s to attach, as a media server that stalls on one
 * call would. Test code only; the real plane is Kurento (docs/media.md).
 */
@Alternative
@Priority(100)
@ApplicationScoped
public class LoopbackMediaPlane implements MediaPlane {
  private static final Executor FIVE_SECONDS_LATER = CompletableFuture.delayedExecutor(5, TimeUnit.SECONDS);

  @Override
  public CompletionStage<AgentMediaLeg> openAgentLeg(String agentKey, Consumer<IceCandidate> toBrowser) {
    return CompletableFuture.completedFuture(new Leg(agentKey));
  }

  private static final class Leg implements AgentMediaLeg {
    private final String agentKey;

    Leg(String agentKey) {
      this.agentKey = agentKey;
    }

    @Override
    public String browserOffer() {
      // Complete enough for a browser to take as a WebRTC offer (the phone page answers it); no media flows.
      return "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=" + agentKey + "\r\nt=0 0\r\na=group:BUNDLE 0\r\n"
          + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=rtcp:9 IN IP4 0.0.0.0\r\n"
          + "a=ice-ufrag:loop\r\na=ice-pwd:loopbackloopbackloopback\r\n"
          + "a=fingerprint:sha-256 " + String.join(":", java.util.Collections.nCopies(32, "AB")) + "\r\n"
          + "a=setup:actpass\r\na=mid:0\r\na=sendrecv\r\na=rtcp-mux\r\na=rtpmap:111 opus/48000/2\r\n";
    }

    @Override
    public CompletionStage<String> renew(Consumer<IceCandidate> toBrowser) {
      return CompletableFuture.completedFuture(browserOffer());
    }

    @Override
    public CompletionStage<Void> browserAnswer(String sdp) {
      if (sdp == null || !sdp.startsWith("v=0")) {
        return CompletableFuture.failedFuture(new MediaException("not a session description"));
      }
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> addBrowserCandidate(IceCandidate candidate) {
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<CallMedia> attachCall(String callKey, String sipOffer) {
      CallMedia media = new Attached();
      if (sipOffer != null && sipOffer.contains("s=slow-media")) {
        return CompletableFuture.supplyAsync(() -> media, FIVE_SECONDS_LATER);
      }
      return CompletableFuture.completedFuture(media);
    }

    @Override
    public CompletionStage<Void> close() {
      return CompletableFuture.completedFuture(null);
    }
  }

  private static final class Attached implements CallMedia {
    private static final CompletionStage<Void> DONE = CompletableFuture.completedFuture(null);

    @Override
    public String sipAnswer() {
      return "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
          + "m=audio 40000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
    }

    @Override public CompletionStage<Void> hold() { return DONE; }
    @Override public CompletionStage<Void> resume() { return DONE; }
    @Override public CompletionStage<Void> startRecording(String name) { return DONE; }
    @Override public CompletionStage<Void> pauseRecording() { return DONE; }
    @Override public CompletionStage<Void> resumeRecording() { return DONE; }
    @Override public CompletionStage<Void> stopRecording() { return DONE; }
    @Override public CompletionStage<Void> detach() { return DONE; }
    @Override public CompletionStage<Void> release() { return DONE; }
  }
}
