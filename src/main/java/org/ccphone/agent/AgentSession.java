package org.ccphone.agent;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/** One agent's logged-in period, from Agent Login to Agent Logout, identified by its token. */
public final class AgentSession {
  private final String token;
  private final String appId;
  private final AgentProfile agent;
  private final Instant loginAt;
  private final Instant expiresAt;
  private final TimeLedger ledger;
  private final AtomicBoolean ended = new AtomicBoolean();
  private Presence presence;
  private Presence beforeDisconnect;
  private int connections;
  private Instant disconnectedAt;
  private long changes;

  public AgentSession(String token, String appId, AgentProfile agent, Instant loginAt, Instant expiresAt) {
    this.token = token;
    this.appId = appId;
    this.agent = agent;
    this.loginAt = loginAt;
    this.expiresAt = expiresAt;
    // Until the agent says otherwise the session is neither ready nor away: BusyTime.
    this.ledger = new TimeLedger(loginAt, TimeBucket.BUSY);
    this.presence = Presence.of(AgentState.BUSY, loginAt);
  }

  public synchronized Presence presence() {
    return presence;
  }

  /** Moves the agent to {@code next} and the ledger with it, at {@code next.since()}. */
  public synchronized Presence change(Presence next) {
    ledger.enter(next.state().bucket(), next.since());
    presence = next;
    changes++;
    return next;
  }

  /** How many state changes so far; a checkpoint compares it to see what changed. */
  public synchronized long changes() {
    return changes;
  }

  /** A phone connected; true when it resumes a session whose connection was lost. */
  public synchronized boolean connected() {
    connections++;
    boolean resumed = disconnectedAt != null;
    disconnectedAt = null;
    return resumed;
  }

  /**
   * A phone's connection closed. When it was the last, the agent goes AWAY (Disconnected) at once
   * and the state before is kept for a reconnect.
   *
   * @return the moment the last connection was lost, or null when another is still open
   */
  public synchronized Instant disconnected(Instant now) {
    connections = Math.max(0, connections - 1);
    if (connections > 0 || ended()) {
      return null;
    }
    disconnectedAt = now;
    if (!presence.state().onCall()) {
      beforeDisconnect = presence;
      change(Presence.away(Presence.DISCONNECTED, now, Presence.SERVER));
    }
    return now;
  }

  /**
   * The call (or offer) the agent was on ended while none of its phones was connected: AWAY
   * (Disconnected) now, and {@code resumeTo} if a phone comes back within the grace period.
   *
   * @return the new presence, or null when a phone is connected or the agent is not on a call
   */
  public synchronized Presence callLostWithConnection(AgentState resumeTo, Instant now) {
    if (connections > 0 || ended() || !presence.state().onCall()) {
      return null;
    }
    beforeDisconnect = Presence.of(resumeTo, now);
    return change(Presence.away(Presence.DISCONNECTED, now, Presence.SERVER));
  }

  public synchronized Instant disconnectedAt() {
    return disconnectedAt;
  }

  public synchronized boolean hasConnection() {
    return connections > 0;
  }

  /** The state to return to after a reconnect: what the agent had chosen, reason included. */
  public synchronized Presence takeStateBeforeDisconnect() {
    Presence before = beforeDisconnect;
    beforeDisconnect = null;
    return before;
  }

  public String token() {
    return token;
  }

  public String appId() {
    return appId;
  }

  public AgentProfile agent() {
    return agent;
  }

  public Instant loginAt() {
    return loginAt;
  }

  public Instant expiresAt() {
    return expiresAt;
  }

  public TimeLedger ledger() {
    return ledger;
  }

  public boolean expired(Instant now) {
    return !now.isBefore(expiresAt);
  }

  /** True exactly once: for the caller that ends the session. */
  boolean markEnded() {
    return ended.compareAndSet(false, true);
  }

  void reopen() {
    ended.set(false);
  }

  public boolean ended() {
    return ended.get();
  }
}
