package org.ccphone.call.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.ccphone.agent.AgentSession;
import org.ccphone.media.IceCandidate;
import org.ccphone.media.MonitorLeg;

/**
 * Supervisors in a connected call (docs/calls.md, "Supervisors in a call"): each page that asks gets
 * an endpoint in the call's media, hearing the caller and the agent; in {@link MonitorMode#WHISPER}
 * the agent hears it too, in {@link MonitorMode#BARGE} both do. A supervisor moves between the modes
 * and leaves at will. A supervisor never follows the call: a hold, a consultation, a transfer or the
 * end releases every supervisor, who is told why. The agent is told when it is coached or joined,
 * never when it is only listened to.
 */
public final class Monitoring {
  /** Supervisors in one call at once: enough for a team lead and a trainer or two, not a broadcast. */
  static final int MOST = 4;

  private final Call call;
  private final List<Monitor> monitors = new ArrayList<>();
  /** Who the agent's phone was last told coaches it or joined (and on which segment), to tell it only changes. */
  private String agentTold = "";
  private AgentSegment toldSegment;

  Monitoring(Call call) {
    this.call = call;
  }

  public boolean active() { return !monitors.isEmpty(); }
  /** The supervisors in the call now, in the order they came. */
  public List<Monitor> monitors() { return List.copyOf(monitors); }

  /** A supervisor's page asks to join in {@code mode}: refused unless the call is connected and talking. */
  public Decision start(AgentSession supervisor, SupervisorPage page, MonitorMode mode, Instant now) {
    if (!supervisor.agent().supervisor() || !supervisor.appId().equals(call.appId())) {
      return Decision.refused("forbidden", "only a supervisor of the call's tenant may listen to it");
    }
    if (find(page) != null) {
      return Decision.refused("already_monitoring", "this page is in call " + call.key() + " already; change its mode instead");
    }
    if (call.agent() == supervisor) {
      return Decision.refused("not_allowed", "a supervisor does not listen to its own call");
    }
    String why = unmonitorable(null);
    if (why != null) {
      return Decision.refused("not_connected", "call " + call.key() + " cannot be listened to now: " + words(why));
    }
    if (monitors.size() >= MOST) {
      return Decision.refused("too_many_supervisors", MOST + " supervisors are in call " + call.key() + " already");
    }
    Monitor monitor = new Monitor(supervisor, page, call.segment, mode, now);
    monitors.add(monitor);
    return Decision.of(List.of(new Effect.OpenMonitor(call.segment.media(), monitor)));
  }

  public Decision legOpened(Monitor monitor, MonitorLeg leg, String browserOffer, Instant now) {
    if (!monitors.contains(monitor) || monitor.step != Monitor.Step.OPENING) {
      return Decision.of(List.of(new Effect.ReleaseMonitor(leg))); // it left, or the call moved on, meanwhile
    }
    monitor.leg = leg;
    monitor.step = Monitor.Step.OFFERED;
    return Decision.of(List.of(new Effect.MonitorOffer(monitor, browserOffer)));
  }

  /** The endpoint could not be made, answered or connected: the supervisor is told, the call goes on. */
  public Decision mediaFailed(Monitor monitor, String why, Instant now) {
    if (!monitors.contains(monitor)) {
      return Decision.nothing();
    }
    Effects e = call.effects();
    end(e, monitor, "media_failed", now);
    return e.done();
  }

  /** The supervisor's browser answers the endpoint's offer. */
  public Decision answer(SupervisorPage page, String sdp) {
    Monitor monitor = find(page);
    if (monitor == null || monitor.step != Monitor.Step.OFFERED) {
      return Decision.refused("no_such_offer", "no monitoring offer of call " + call.key() + " waits for this page's answer");
    }
    monitor.step = Monitor.Step.CONNECTING;
    return Decision.of(List.of(new Effect.ConnectMonitor(monitor, sdp)));
  }

  /** Connected, in its mode: the start is logged and counted, and the agent told if it is coached or joined. */
  public Decision connected(Monitor monitor, Instant now) {
    if (!monitors.contains(monitor) || monitor.step != Monitor.Step.CONNECTING) {
      return Decision.nothing();
    }
    monitor.step = Monitor.Step.ON;
    Effects e = call.effects().add(new Effect.MonitorLogged(monitor, true, null))
        .add(new Effect.ToPage(monitor.page(), MonitorFrames.monitoring(call, monitor)));
    tellAgent(e);
    return e.done();
  }

  /** A candidate of the supervisor's browser. */
  public Decision candidate(SupervisorPage page, IceCandidate candidate) {
    Monitor monitor = find(page);
    if (monitor == null || monitor.leg == null) {
      return Decision.nothing(); // late, after it left: dropped
    }
    return Decision.of(List.of(new Effect.AddMonitorCandidate(monitor.leg, candidate)));
  }

  /** A candidate of the media server, for the supervisor's browser. */
  public Decision planeCandidate(Monitor monitor, IceCandidate candidate) {
    if (!monitors.contains(monitor)) {
      return Decision.nothing();
    }
    return Decision.of(List.of(new Effect.ToPage(monitor.page(), MonitorFrames.ice(call, candidate))));
  }

  /** The supervisor moves to another mode (listen, whisper, barge). */
  public Decision mode(SupervisorPage page, MonitorMode mode, Instant now) {
    Monitor monitor = find(page);
    if (monitor == null) {
      return Decision.refused("not_monitoring", "this page is not in call " + call.key());
    }
    if (monitor.mode == mode) {
      return Decision.of(List.of(new Effect.ToPage(page, MonitorFrames.monitoring(call, monitor))));
    }
    MonitorMode from = monitor.mode;
    monitor.mode = mode;
    Effects e = call.effects().add(new Effect.Note("call " + call.key() + ": " + monitor + " (was " + from.wire() + ")"));
    if (monitor.step == Monitor.Step.CONNECTING || monitor.on()) {
      e.add(new Effect.HearMonitor(monitor, mode)); // else the connection takes the mode as it is then
    }
    if (monitor.on()) {
      e.add(new Effect.ToPage(page, MonitorFrames.monitoring(call, monitor)));
      tellAgent(e);
    }
    return e.done();
  }

  /** The supervisor leaves ({@code left}) or its page went ({@code page_closed}); the call goes on. */
  public Decision stop(SupervisorPage page, String reason, Instant now) {
    Monitor monitor = find(page);
    if (monitor == null) {
      return Decision.refused("not_monitoring", "this page is not in call " + call.key());
    }
    Effects e = call.effects();
    end(e, monitor, reason, now);
    return e.done();
  }

  /** After each of the call's events: supervisors of a call that can no longer be listened to are let go. */
  public Decision followUp(Instant now) {
    Effects e = call.effects();
    for (Monitor monitor : List.copyOf(monitors)) {
      String why = unmonitorable(monitor);
      if (why != null) {
        end(e, monitor, why, now);
      }
    }
    return e.done();
  }

  private void end(Effects e, Monitor monitor, String reason, Instant now) {
    monitors.remove(monitor);
    if (monitor.leg != null) {
      e.add(new Effect.ReleaseMonitor(monitor.leg));
    }
    if (monitor.on()) {
      e.add(new Effect.MonitorLogged(monitor, false, reason));
    }
    e.add(new Effect.ToPage(monitor.page(), MonitorFrames.ended(call, reason)));
    if (call.segment == monitor.segment && call.live()) {
      tellAgent(e);
    }
  }

  /** Why the call cannot be listened to (by {@code monitor}, which joined a segment), or null. */
  private String unmonitorable(Monitor monitor) {
    AgentSegment segment = call.segment;
    if (!call.live()) {
      return "ended";
    }
    if (call.consulting.active()) {
      return "consultation";
    }
    if (monitor != null && (monitor.segment != segment || call.stage != Stage.CONNECTED)) {
      return call.stage == Stage.AGENTS_ONLY || (segment != null && segment.isAgentGone()) ? "ended" : "transferred";
    }
    if (segment == null || call.stage != Stage.CONNECTED || segment.media() == null || segment.isAgentGone()) {
      return "not_connected";
    }
    if (segment.phoneLost()) {
      return "phone_lost";
    }
    return segment.onHold() ? "held" : null;
  }

  private static String words(String why) {
    return switch (why) {
      case "consultation" -> "its agent is consulting";
      case "held" -> "it is on hold";
      case "phone_lost" -> "its agent's phone is reconnecting";
      case "ended" -> "it has ended";
      default -> "it is not connected to an agent";
    };
  }

  /** The agent's phone hears of a change in who coaches it or joined its call. */
  private void tellAgent(Effects e) {
    if (toldSegment != call.segment) {
      toldSegment = call.segment;
      agentTold = "";
    }
    List<Monitor> heard = monitors.stream().filter(m -> m.on() && m.mode.agentHears()).toList();
    String who = heard.stream().map(m -> m.supervisor().token() + m.mode).reduce("", String::concat);
    if (!who.equals(agentTold)) {
      agentTold = who;
      e.add(new Effect.Tell(call.segment.agent(), MonitorFrames.supervision(call, heard)));
    }
  }

  private Monitor find(SupervisorPage page) {
    for (Monitor monitor : monitors) {
      if (monitor.page() == page) {
        return monitor;
      }
    }
    return null;
  }
}
