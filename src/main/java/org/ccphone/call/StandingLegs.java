package org.ccphone.call;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.ccphone.agent.AgentSession;
import org.ccphone.media.AgentMediaLeg;
import org.ccphone.media.IceCandidate;
import org.ccphone.media.MediaPlane;

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
  @Inject CallRouter router;
  @Inject CallControl control;

  /** One agent's leg: opening, offered to the browser, or ready (the browser answered). */
  private static final class Standing {
    AgentMediaLeg leg;
    boolean ready;
    /** The connected call a rejoining browser takes back once it answered; else null. */
    Call rejoining;
    AgentSegment segment;
  }

  private final Map<String, Standing> byAgent = new HashMap<>();

  /** The agent's phone asks for media: a new leg, offered to it (a leg it had is closed first). */
  void open(AgentSession agent) {
    Call call = router.callOf(agent);
    if (call != null && call.stage() == Call.Stage.CONNECTED && call.agent() == agent) {
      rejoin(agent, call);
      return;
    }
    if (call != null) {
      router.phones().sendError(agent, "media_busy", "the media cannot be renewed while a call rings or is answered");
      return;
    }
    if (!planes.isResolvable()) {
      router.phones().sendError(agent, "media_failed", "no media plane is configured");
      return;
    }
    close(agent);
    Standing standing = new Standing();
    byAgent.put(agent.token(), standing);
    routing.when(planes.get().openAgentLeg(agent.appId() + "/" + agent.agent().agentId(),
        candidate -> routing.execute(() -> candidateFound(agent, standing, candidate))), router.mediaTimeout(), (leg, failure) -> {
          if (byAgent.get(agent.token()) != standing) {
            if (leg != null) {
              leg.close(); // asked again, or the session ended, while it was being opened
            }
          } else if (failure != null) {
            byAgent.remove(agent.token());
            LOG.log(Level.WARNING, "the media leg of " + agent.appId() + "/" + agent.agent().agentId() + " could not be opened", failure);
            router.phones().sendError(agent, "media_failed", "the media could not be opened: " + failure.getMessage());
          } else {
            standing.leg = leg;
            router.phones().send(agent, CallFrames.mediaOffer(leg.browserOffer(), router.iceServersOf(agent)));
          }
        }, AgentMediaLeg::close);
  }

  /**
   * The agent's phone asks for media during its connected call (reloaded, or back after its network
   * dropped): the call's leg, renewed for this browser, becomes the phone's standing leg.
   */
  private void rejoin(AgentSession agent, Call call) {
    AgentSegment segment = call.segment();
    AgentMediaLeg leg = segment.agentLeg();
    Standing before = byAgent.remove(agent.token());
    if (before != null && before.leg != null && before.leg != leg) {
      before.leg.close(); // a leg the call does not use
    }
    Standing standing = new Standing();
    standing.rejoining = call;
    standing.segment = segment;
    byAgent.put(agent.token(), standing);
    segment.standingLeg(leg); // the phone's from now, kept after the call
    routing.when(control.rejoin(call, candidate -> routing.execute(() -> candidateFound(agent, standing, candidate))),
        router.mediaTimeout(), (offer, failure) -> {
          if (byAgent.get(agent.token()) != standing) {
            return;
          }
          if (failure != null) {
            byAgent.remove(agent.token());
            LOG.log(Level.WARNING, "the media of " + agent.appId() + "/" + agent.agent().agentId() + " could not rejoin its call", failure);
            router.phones().sendError(agent, "media_failed", "the call's media could not be offered again: " + failure.getMessage());
          } else {
            standing.leg = leg;
            router.phones().send(agent, CallFrames.mediaOffer(offer, router.iceServersOf(agent)));
          }
        });
  }

  /** The browser's answer to the leg's offer: once the plane took it, the leg is ready for calls. */
  void answer(AgentSession agent, String sdp) {
    Standing standing = byAgent.get(agent.token());
    if (standing == null || standing.leg == null || standing.ready) {
      router.phones().sendError(agent, "no_media_offer", "no media offer is waiting for an answer at this phone");
      return;
    }
    routing.when(standing.leg.browserAnswer(sdp), router.mediaTimeout(), (v, failure) -> {
      if (byAgent.get(agent.token()) != standing) {
        return;
      }
      if (failure != null) {
        close(agent);
        router.phones().sendError(agent, "bad_answer", "the media answer could not be taken: " + failure.getMessage());
      } else {
        standing.ready = true;
        router.phones().send(agent, CallFrames.mediaReady());
        if (standing.rejoining != null) {
          control.rejoined(standing.rejoining, standing.segment);
          standing.rejoining = null;
        }
      }
    });
  }

  /** One of the browser's candidates for its standing leg. */
  void browserCandidate(AgentSession agent, IceCandidate candidate) {
    Standing standing = byAgent.get(agent.token());
    if (standing != null && standing.leg != null) {
      routing.when(standing.leg.addBrowserCandidate(candidate), router.mediaTimeout(), (v, failure) -> { });
    }
  }

  private void candidateFound(AgentSession agent, Standing standing, IceCandidate candidate) {
    if (byAgent.get(agent.token()) == standing) {
      router.phones().send(agent, CallFrames.ice(null, candidate));
    }
  }

  /** The agent's leg, when its browser answered: calls attach to it. */
  Optional<AgentMediaLeg> ready(AgentSession agent) {
    Standing standing = byAgent.get(agent.token());
    return standing != null && standing.ready ? Optional.of(standing.leg) : Optional.empty();
  }

  /**
   * The agent's last phone is gone: its leg is closed, unless the agent's connected call lives in it
   * (the call waits on music for the phone to rejoin); then only its browser is gone.
   */
  void phoneGone(AgentSession agent) {
    Call call = router.callOf(agent);
    Standing standing = byAgent.get(agent.token());
    if (call != null && call.stage() == Call.Stage.CONNECTED && standing != null && call.segment() != null
        && call.segment().agentLeg() == standing.leg) {
      standing.ready = false;
      return;
    }
    close(agent);
  }

  /** The call moves on without the agent: its leg, the agent's standing one, goes with the call. */
  void handOver(AgentSession agent, AgentMediaLeg leg) {
    Standing standing = byAgent.get(agent.token());
    if (standing != null && standing.leg == leg) {
      byAgent.remove(agent.token());
    }
  }

  /** Closes the agent's leg, if it has one (the session ended, or its phone is gone). */
  void close(AgentSession agent) {
    Standing standing = byAgent.remove(agent.token());
    if (standing != null && standing.leg != null) {
      standing.leg.close();
    }
  }
}
