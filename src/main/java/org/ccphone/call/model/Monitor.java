package org.ccphone.call.model;

import java.time.Instant;
import org.ccphone.agent.AgentSession;
import org.ccphone.media.MonitorLeg;

/** One supervisor's page in one call: its mode, its media, and since when. */
public final class Monitor {
  /** The endpoint is being made; its offer went to the page and its answer is awaited or connecting; connected. */
  enum Step { OPENING, OFFERED, CONNECTING, ON }

  private final AgentSession supervisor;
  private final SupervisorPage page;
  /** The agent's segment it joined: it never follows the call to another. */
  final AgentSegment segment;
  private final Instant since;
  MonitorMode mode;
  Step step = Step.OPENING;
  MonitorLeg leg;

  Monitor(AgentSession supervisor, SupervisorPage page, AgentSegment segment, MonitorMode mode, Instant since) {
    this.supervisor = supervisor;
    this.page = page;
    this.segment = segment;
    this.mode = mode;
    this.since = since;
  }

  public AgentSession supervisor() { return supervisor; }
  public SupervisorPage page() { return page; }
  public MonitorMode mode() { return mode; }
  public Instant since() { return since; }
  /** The agent whose call it is. */
  public AgentSession agent() { return segment.agent(); }
  public MonitorLeg leg() { return leg; }
  /** Connected: the start was counted and logged, so its end is too. */
  public boolean on() { return step == Step.ON; }

  @Override
  public String toString() {
    return "supervisor " + supervisor.agent().username() + " (" + supervisor.agent().agentId() + ") " + mode.wire();
  }
}
