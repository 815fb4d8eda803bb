package org.ccphone.call.model;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.ccphone.agent.AgentProfile;
import org.ccphone.agent.AgentSession;
import org.ccphone.agent.AgentState;
import org.ccphone.agent.Presence;
import org.ccphone.media.AgentMediaLeg;
import org.ccphone.media.CallMedia;

/**
 * A call brought to a point of its life by its own events, for the model's tests. The media and
 * the caller's leg are inert handles: the model never calls them, it only names them in effects.
 */
final class CallLife {
  static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
  static final CallRules RULES = new CallRules(Duration.ofSeconds(20), Duration.ofSeconds(60), Duration.ofSeconds(14400),
      Duration.ofSeconds(30), Duration.ofSeconds(15));

  /** The points of a call's life the tests start from. */
  enum Point {
    ARRIVED, QUEUED, RINGING, ANSWERING, ANSWERING_200_SENT, CONNECTED, CONNECTED_ACKED, PHONE_LOST,
    WAITING_AGAIN, HANGING_UP, ENDED,
    /** An outbound call its agent dialed, its Call Start running. */
    DIAL_STARTED,
    /** Its INVITE placed with our offer, not answered yet. */
    DIALING,
    /** Answered by the callee. */
    DIALED_CONNECTED;

    boolean dialed() {
      return this == DIAL_STARTED || this == DIALING || this == DIALED_CONNECTED;
    }
  }

  final AgentSession agent = agent(1001, "t1");
  final AgentSession other = agent(1002, "t2");
  final AgentMediaLeg leg = handle(AgentMediaLeg.class, "leg");
  final AgentMediaLeg standing = handle(AgentMediaLeg.class, "standing");
  final CallMedia media = handle(CallMedia.class, "media");
  final Call call;
  /** The segment at the point (null before the first offer). */
  AgentSegment segment;
  private long seconds;

  CallLife(boolean record) {
    this(record, false);
  }

  CallLife(boolean record, boolean dialed) {
    if (dialed) {
      CallData data = new CallData("2001", "5551001", "Agent One", null, null, "c-2", null, List.of(), record, null);
      call = Call.dialed("demo", "sip-2", handle(CallerLeg.class, "callee"), data, agent,
          new Presence(AgentState.BUSY, null, T0, Presence.SERVER), T0);
    } else {
      CallData data = new CallData("8005551000", "5550100", "Caller", null, null, "c-1", null, List.of("sales"), record, null);
      call = Call.arrived("demo", "sip-1", handle(CallerLeg.class, "caller"), data, false, T0);
    }
  }

  static AgentSession agent(int id, String token) {
    return new AgentSession(token, "demo", new AgentProfile(id, "a" + id, null, null, List.of("sales"), null, 1), T0,
        T0.plusSeconds(36_000));
  }

  /** A call brought to {@code point}. */
  static CallLife at(Point point) {
    CallLife life = new CallLife(true, point.dialed());
    life.bring(point);
    return life;
  }

  Instant now() {
    return T0.plusSeconds(++seconds);
  }

  Decision on(java.util.function.Function<Call, Decision> event) {
    return event.apply(call);
  }

  private void bring(Point point) {
    if (point.dialed()) {
      dial(point);
      return;
    }
    if (point == Point.ARRIVED) {
      return;
    }
    call.callStartDone(call.data(), RULES, true, now());
    if (point == Point.QUEUED) {
      return;
    }
    call.offer(agent, Optional.empty(), now());
    segment = call.segment;
    call.agentLegOpened(segment, leg, "browser-offer", now());
    if (point == Point.RINGING) {
      return;
    }
    call.answer(agent, "browser-answer", now());
    if (point == Point.ANSWERING) {
      return;
    }
    call.mediaAttached(segment, media, "sip-answer", null, now());
    if (point == Point.ANSWERING_200_SENT) {
      return;
    }
    call.accepted(segment, now());
    call.recordingStarted(segment, now());
    if (point == Point.CONNECTED) {
      return;
    }
    if (point == Point.HANGING_UP) {
      call.agentHangsUp(agent, now());
      return;
    }
    call.acked(null, now());
    if (point == Point.CONNECTED_ACKED) {
      return;
    }
    if (point == Point.ENDED) {
      call.callerGone(true, now());
      return;
    }
    call.agentChanged(agent, org.ccphone.agent.AgentState.ON_PHONE, false, now());
    if (point == Point.PHONE_LOST) {
      return;
    }
    call.timerFired(Timer.REJOIN, segment, now()); // the phone did not come back: the call moves on, queued again
    segment = null;
  }

  private void dial(Point point) {
    if (point == Point.DIAL_STARTED) {
      return;
    }
    call.dialStartDone(call.data(), RULES, Duration.ofSeconds(30), Optional.of(standing), now());
    segment = call.segment;
    call.dialMediaReady(segment, media, "our-offer", now());
    if (point == Point.DIALING) {
      return;
    }
    call.dialAnswered("callee-answer", now());
  }

  @SuppressWarnings("unchecked")
  static <T> T handle(Class<T> type, String name) {
    return (T) Proxy.newProxyInstance(CallLife.class.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
      if (method.getName().equals("toString")) {
        return name;
      }
      if (method.getName().equals("hashCode")) {
        return System.identityHashCode(proxy);
      }
      if (method.getName().equals("equals")) {
        return proxy == args[0];
      }
      throw new AssertionError("the model called " + name + "." + method.getName() + ": it must not do I/O");
    });
  }
}
