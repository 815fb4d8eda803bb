package org.ccphone.call.media;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ccphone.agent.AgentSession;
import org.ccphone.call.AgentPhones;
import org.ccphone.call.CallEvents;
import org.ccphone.call.RoutingThread;
import org.ccphone.call.model.AgentSegment;
import org.ccphone.call.model.Call;
import org.ccphone.call.model.CallFrames;
import org.ccphone.media.AgentMediaLeg;
import org.ccphone.media.IceCandidate;
import org.ccphone.media.MediaPlane;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Agents' standing media legs: opened when the agent's phone asks for media (it does so at READY,
 * so an idle phone costs the media server nothing), negotiated once, and kept across the agent's
 * calls, each call attaching to it; so answering needs no ICE or DTLS exchange. Closed when the
 * session ends or the agent's last phone connection drops. Changed on the routing thread only.
 */
@ApplicationScoped
public class StandingLegs {
  private static final Logger LOG = Logger.getLogger(StandingLegs.class.getName());

  @Inject Instance<MediaPlane> planes;
  @Inject RoutingThread routing;
  @Inject AgentPhones phones;
  @Inject PhoneIce ice;

  @Inject
  @ConfigProperty(name = "callcenter.media.timeoutSeconds", defaultValue = "10")
  int mediaTimeoutSeconds;

  /** One agent's leg: opening, offered to the browser, or ready (the browser answered). */
  private static final class Standing {
    AgentMediaLeg leg;
    boolean ready;
    /** The connected call a rejoining browser takes back once it answered; else null. */
    Call rejoining;
    AgentSegment segment;
    CallEvents back;
  }

  private final Map<String, Standing> byAgent = new HashMap<>();

  /** The agent's phone asks for media with no call at it: a new leg, offered to it (a leg it had is closed first). */
  public void open(AgentSession agent) {
    if (!planes.isResolvable()) {
      phones.sendError(agent, "media_failed", "no media plane is configured");
      return;
    }
    close(agent);
    Standing standing = new Standing();
    byAgent.put(agent.token(), standing);
    routing.when(planes.get().openAgentLeg(agent.appId() + "/" + agent.agent().agentId(),
        candidate -> routing.execute(() -> candidateFound(agent, standing, candidate))), timeout(), (leg, failure) -> {
          if (byAgent.get(agent.token()) != standing) {
            if (leg != null) {
              leg.close(); // asked again, or the session ended, while it was being opened
            }
          } else if (failure != null) {
            byAgent.remove(agent.token());
            LOG.log(Level.WARNING, "the media leg of " + agent.appId() + "/" + agent.agent().agentId() + " could not be opened", failure);
            phones.sendError(agent, "media_failed", "the media could not be opened: " + failure.getMessage());
          } else {
            standing.leg = leg;
            phones.send(agent, CallFrames.mediaOffer(leg.browserOffer(), ice.forAgent(agent)));
          }
        }, AgentMediaLeg::close);
  }

  /**
   * The agent's phone asks for media during its connected call (reloaded, or back after its network
   * dropped): the call's leg, renewed for this browser once the music is on, becomes the phone's
   * standing leg; once the browser answered, the call hears of it ({@code rejoined}).
   */
  public void rejoin(AgentSession agent, Call call, AgentSegment segment, CompletionStage<?> musicOn, CallEvents back) {
    AgentMediaLeg leg = segment.agentLeg();
    Standing before = byAgent.remove(agent.token());
    if (before != null && before.leg != null && before.leg != leg) {
      before.leg.close(); // a leg the call does not use
    }
    Standing standing = new Standing();
    standing.rejoining = call;
    standing.segment = segment;
    standing.back = back;
    byAgent.put(agent.token(), standing);
    CompletionStage<String> renewed = musicOn.handle((v, failure) -> null)
        .thenCompose(v -> leg.renew(candidate -> routing.execute(() -> candidateFound(agent, standing, candidate))));
    routing.when(renewed, timeout(), (offer, failure) -> {
      if (byAgent.get(agent.token()) != standing) {
        return;
      }
      if (failure != null) {
        byAgent.remove(agent.token());
        LOG.log(Level.WARNING, "the media of " + agent.appId() + "/" + agent.agent().agentId() + " could not rejoin its call", failure);
        phones.sendError(agent, "media_failed", "the call's media could not be offered again: " + failure.getMessage());
      } else {
        standing.leg = leg;
        phones.send(agent, CallFrames.mediaOffer(offer, ice.forAgent(agent)));
      }
    });
  }

  /** The browser's answer to the leg's offer: once the plane took it, the leg is ready for calls. */
  public void answer(AgentSession agent, String sdp) {
    Standing standing = byAgent.get(agent.token());
    if (standing == null || standing.leg == null || standing.ready) {
      phones.sendError(agent, "no_media_offer", "no media offer is waiting for an answer at this phone");
      return;
    }
    routing.when(standing.leg.browserAnswer(sdp), timeout(), (v, failure) -> {
      if (byAgent.get(agent.token()) != standing) {
        return;
      }
      if (failure != null) {
        close(agent);
        phones.sendError(agent, "bad_answer", "the media answer could not be taken: " + failure.getMessage());
      } else {
        standing.ready = true;
        phones.send(agent, CallFrames.mediaReady());
        if (standing.rejoining != null) {
          AgentSegment segment = standing.segment;
          standing.back.decide(standing.rejoining, c -> c.rejoined(segment, Instant.now()));
          standing.rejoining = null;
        }
      }
    });
  }

  /** One of the browser's candidates for its standing leg. */
  public void browserCandidate(AgentSession agent, IceCandidate candidate) {
    Standing standing = byAgent.get(agent.token());
    if (standing != null && standing.leg != null) {
      routing.when(standing.leg.addBrowserCandidate(candidate), timeout(), (v, failure) -> { });
    }
  }

  private void candidateFound(AgentSession agent, Standing standing, IceCandidate candidate) {
    if (byAgent.get(agent.token()) == standing) {
      phones.send(agent, CallFrames.ice(null, candidate));
    }
  }

  /** The agent's leg, when its browser answered: calls attach to it. */
  public Optional<AgentMediaLeg> ready(AgentSession agent) {
    Standing standing = byAgent.get(agent.token());
    return standing != null && standing.ready ? Optional.of(standing.leg) : Optional.empty();
  }

  /** The agent's leg, ready or not, or null. */
  public AgentMediaLeg legOf(AgentSession agent) {
    Standing standing = byAgent.get(agent.token());
    return standing == null ? null : standing.leg;
  }

  /** The agent's browser is gone but its leg carries its connected call: kept, not ready for calls. */
  public void idle(AgentSession agent) {
    Standing standing = byAgent.get(agent.token());
    if (standing != null) {
      standing.ready = false;
    }
  }

  /** The call moves on without the agent: its leg, the agent's standing one, goes with the call. */
  public void handOver(AgentSession agent, AgentMediaLeg leg) {
    Standing standing = byAgent.get(agent.token());
    if (standing != null && standing.leg == leg) {
      byAgent.remove(agent.token());
      // The agent's page still holds its end of that leg: it drops it and asks for a new one.
      phones.send(agent, CallFrames.mediaClosed());
    }
  }

  /** Closes the agent's leg, if it has one (the session ended, or its phone is gone). */
  public void close(AgentSession agent) {
    Standing standing = byAgent.remove(agent.token());
    if (standing != null && standing.leg != null) {
      standing.leg.close();
    }
  }

  private Duration timeout() {
    return Duration.ofSeconds(mediaTimeoutSeconds);
  }
}
