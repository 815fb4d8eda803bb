package org.ccphone.call.phone;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.function.Function;
import org.ccphone.agent.AgentSession;
import org.ccphone.call.AgentPhones;
import org.ccphone.call.CallRegistry;
import org.ccphone.call.RoutingThread;
import org.ccphone.call.dial.OutboundCalls;
import org.ccphone.call.engine.CallEngine;
import org.ccphone.call.media.StandingLegs;
import org.ccphone.call.model.Call;
import org.ccphone.call.model.Decision;
import org.ccphone.call.model.VoiceQuality;
import org.ccphone.call.queue.CallQueues;
import org.ccphone.media.IceCandidate;

/**
 * What an agent's phone asks of its calls and its media (docs/phone-protocol.md): each request goes
 * to its call as an event, and a refusal comes back to the phone as the protocol's error frame.
 */
@ApplicationScoped
public class PhoneCalls {
  @Inject CallRegistry calls;
  @Inject CallEngine engine;
  @Inject RoutingThread routing;
  @Inject CallQueues queues;
  @Inject StandingLegs standingLegs;
  @Inject AgentPhones phones;
  @Inject OutboundCalls outbound;

  /** The agent answers the call ringing at its phone with its WebRTC answer. */
  public void answer(AgentSession agent, String callKey, String sdp) {
    ringing(agent, callKey, c -> c.answer(agent, sdp, Instant.now()));
  }

  /** The agent declines the call ringing at its phone; it goes to another agent. */
  public void decline(AgentSession agent, String callKey) {
    ringing(agent, callKey, c -> c.declined(agent, Instant.now()));
  }

  /** The agent dials a number from its phone (an outbound call). */
  public void dial(AgentSession agent, String number) {
    outbound.dial(agent, number);
  }

  /** The agent gives up its outbound call before it is answered. */
  public void cancel(AgentSession agent, String callKey) {
    ask(agent, callKey, "no_such_call", "no call " + callKey + " is being dialed at this phone",
        c -> c.dialCancelled(agent, Instant.now()));
  }

  /** The agent holds ({@code on}) or resumes its connected call. */
  public void hold(AgentSession agent, String callKey, boolean on) {
    connected(agent, callKey, c -> c.agentHolds(agent, on, Instant.now()));
  }

  /** The agent hangs up its connected call. */
  public void hangUp(AgentSession agent, String callKey) {
    connected(agent, callKey, c -> c.agentHangsUp(agent, Instant.now()));
  }

  /** The consulting agent completes its consultation: the consulted agent takes the caller. */
  public void completeConsultation(AgentSession agent, String callKey) {
    connected(agent, callKey, c -> c.consulting().complete(agent, Instant.now()));
  }

  /** The consulting agent makes a conference of the caller, itself and the consulted agent. */
  public void conference(AgentSession agent, String callKey) {
    connected(agent, callKey, c -> c.consulting().conference(agent, Instant.now()));
  }

  /** The consulting agent goes back to the caller. */
  public void cancelConsultation(AgentSession agent, String callKey) {
    connected(agent, callKey, c -> c.consulting().cancel(agent, Instant.now()));
  }

  /** The agent's keypad digits for its connected call, sent to the caller as SIP INFO. */
  public void dtmf(AgentSession agent, String callKey, String digits) {
    connected(agent, callKey, c -> c.agentDtmf(agent, digits));
  }

  /** The agent pauses ({@code pause}) or resumes its call's recording. */
  public void pauseRecording(AgentSession agent, String callKey, boolean pause) {
    ask(agent, callKey, "not_recording", "call " + callKey + " is not being recorded at this phone",
        c -> c.pauseRecording(agent, pause));
  }

  /** The agent's phone measured its connected call's audio: kept for the supervisors. */
  public void quality(AgentSession agent, String callKey, VoiceQuality quality) {
    calls.byKey(callKey).ifPresent(call -> engine.on(call, c -> c.quality(agent, quality)));
  }

  /** One of the agent's browser's ICE candidates: for a call's leg, or (no call) for its standing leg. */
  public void browserCandidate(AgentSession agent, String callKey, IceCandidate candidate) {
    if (callKey == null) {
      routing.execute(() -> standingLegs.browserCandidate(agent, candidate));
    } else {
      calls.byKey(callKey).ifPresent(call -> engine.on(call, c -> c.browserCandidate(agent, candidate)));
    }
  }

  /**
   * The agent's phone asks for its standing media leg (at READY); during its connected call (the
   * page reloaded, or its network came back) that is the call's leg, renewed for this browser.
   */
  public void openMedia(AgentSession agent) {
    routing.execute(() -> {
      Call call = queues.callOf(agent);
      if (call == null) {
        standingLegs.open(agent);
      } else {
        engine.decide(call, c -> c.rejoinAsked(agent, Instant.now()), refusal(agent));
      }
    });
  }

  /** The browser's answer to its standing leg's offer. */
  public void mediaAnswer(AgentSession agent, String sdp) {
    routing.execute(() -> standingLegs.answer(agent, sdp));
  }

  /**
   * The agent's calls now ring at another of its phones (the tab that had them closed, or another
   * took over): the old browser's media are gone with it. A call ringing there rings again, at the
   * new phone; a connected one waits on music for the new phone to rejoin it (it asks for media).
   */
  public void phoneMoved(AgentSession session) {
    routing.execute(() -> {
      if (session.ended()) {
        return;
      }
      Call call = queues.callOf(session);
      if (call == null) {
        standingLegs.close(session);
        return;
      }
      engine.decide(call, c -> c.standingPhoneGone(session, standingLegs.legOf(session)));
      if (call.agent() != session) {
        engine.decide(call, c -> c.agentChanged(session, session.presence().state(), false, Instant.now())); // consulted: its part ends
        return;
      }
      engine.decide(call, c -> c.phoneMoved(Instant.now()));
    });
  }

  private void ringing(AgentSession agent, String callKey, Function<Call, Decision> event) {
    ask(agent, callKey, "no_such_offer", "no call " + callKey + " is ringing at this phone", event);
  }

  private void connected(AgentSession agent, String callKey, Function<Call, Decision> event) {
    ask(agent, callKey, "no_such_call", "no call " + callKey + " is connected at this phone", event);
  }

  /** The event goes to the call; no such call, or a refusal, is the phone's error frame. */
  private void ask(AgentSession agent, String callKey, String noCall, String noCallMessage, Function<Call, Decision> event) {
    calls.byKey(callKey).ifPresentOrElse(call -> engine.on(call, event, refusal(agent)),
        () -> routing.execute(() -> phones.sendError(agent, noCall, noCallMessage)));
  }

  private java.util.function.Consumer<Decision.Refusal> refusal(AgentSession agent) {
    return r -> phones.sendError(agent, r.code(), r.message());
  }
}
