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

  public AgentSession(String token, String appId, AgentProfile agent, Instant loginAt, Instant expiresAt) {
    this.token = token;
    this.appId = appId;
    this.agent = agent;
    this.loginAt = loginAt;
    this.expiresAt = expiresAt;
    // Until the agent says otherwise the session is neither ready nor away: BusyTime.
    this.ledger = new TimeLedger(loginAt, TimeBucket.BUSY);
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
