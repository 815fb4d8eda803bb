package org.ccphone.agent;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.ccphone.ServerTimers;
import org.ccphone.tenant.TenantConfig;
import org.ccphone.tenant.TenantRegistry;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The server's side of an agent's state: the agent and supervisors ask, this decides (by {@link
 * PresenceRules}), moves the ledger and tells every party.
 */
@ApplicationScoped
public class PresenceService {
  private static final Logger LOG = Logger.getLogger(PresenceService.class.getName());

  @Inject SessionRegistry sessions;
  @Inject AgentSessions agentSessions;
  @Inject TenantRegistry tenants;
  @Inject PresenceListeners listeners;
  @Inject ServerTimers scheduler;
  final HeldWrapUps wrapUps = new HeldWrapUps();

  @Inject
  @ConfigProperty(name = "callcenter.presence.reconnectGraceSeconds", defaultValue = "60")
  int graceSeconds;

  /**
   * The agent's own request: READY, BUSY or AWAY with a reason. READY during the wrap-up ends it
   * early, unless the tenant requires a disposition the agent has not picked yet.
   */
  public Presence request(AgentSession session, AgentState wanted, String reason) throws IllegalTransition {
    if (wanted == AgentState.READY && wrapUps.waitsForCode(session)) {
      throw new IllegalTransition("disposition_required", "pick a disposition for your last call first");
    }
    return change(session, wanted, reason, null);
  }

  /** A supervisor of the same tenant sets an agent AWAY (or READY, BUSY); the agent's phone shows who. */
  public Presence supervise(AgentSession supervisor, int agentId, AgentState wanted, String reason) throws IllegalTransition {
    AgentSession agent = agentOf(supervisor, agentId);
    return change(agent, wanted, reason, supervisor.agent().username());
  }

  /** A supervisor of the same tenant logs an agent out. */
  public void logOut(AgentSession supervisor, int agentId) throws IllegalTransition {
    AgentSession agent = agentOf(supervisor, agentId);
    agentSessions.end(agent, Instant.now(), "logged out by a supervisor", supervisor.agent().username());
  }

  /** A phone said hello: a session whose connection was lost resumes in the state chosen before. */
  public void connected(AgentSession session) {
    synchronized (session) { // changes are published in the order they are made
      if (session.connected()) {
        Presence before = session.takeStateBeforeDisconnect();
        Presence now = session.presence();
        if (before != null && now.state() == AgentState.AWAY && Presence.DISCONNECTED.equals(now.reason())) {
          publish(session, session.change(new Presence(before.state(), before.reason(), Instant.now(), before.by())));
        }
      }
    }
  }

  /**
   * A phone's connection closed. The agent stops getting calls at once (AWAY, Disconnected); unless
   * a phone says hello again within the grace period, the session ends as of the moment it was lost.
   */
  public void disconnected(AgentSession session) {
    Instant lost;
    synchronized (session) {
      lost = session.disconnected(Instant.now());
      if (lost == null) {
        return;
      }
      publish(session, session.presence());
    }
    endUnlessBack(session, lost, graceSeconds);
  }

  private void endUnlessBack(AgentSession session, Instant lost, long afterSeconds) {
    scheduler.schedule(() -> {
      if (lost.equals(session.disconnectedAt()) && !session.hasConnection()) {
        LOG.info("agent " + session.agent().agentId() + " of " + session.appId() + " did not come back within "
            + graceSeconds + " s; logging out");
        try {
          agentSessions.end(session, lost, "connection lost", null);
        } catch (ServerStorageException e) {
          LOG.warning(e.getMessage() + "; trying again in 10 s");
          endUnlessBack(session, lost, 10);
        }
      }
    }, afterSeconds, TimeUnit.SECONDS);
  }

  // The call side's moves. They bypass PresenceRules: an agent cannot ask for them.

  /** A call is offered to a READY agent: the phone rings. False when the agent is no longer READY. */
  public boolean offered(AgentSession session) {
    synchronized (session) {
      if (session.ended() || session.presence().state() != AgentState.READY) {
        return false;
      }
      publish(session, session.change(new Presence(AgentState.RINGING, null, Instant.now(), Presence.SERVER)));
      return true;
    }
  }

  /**
   * The agent dials out: ON_PHONE from READY, BUSY or AWAY, so that no call is offered meanwhile.
   * Returns the presence it dialed from, or null when it is on a call (or its session ended).
   */
  public Presence dialing(AgentSession session) {
    synchronized (session) {
      Presence before = session.presence();
      if (session.ended() || before.state().onCall()) {
        return null;
      }
      publish(session, session.change(new Presence(AgentState.ON_PHONE, null, Instant.now(), Presence.SERVER)));
      return before;
    }
  }

  /** The agent's outbound call never connected: back to what it dialed from (its away reason too). */
  public void dialOver(AgentSession session, Presence before) {
    callMove(session, AgentState.ON_PHONE, new Presence(before.state(), before.reason(), Instant.now(), Presence.SERVER));
  }

  /** The agent answered the ringing call. */
  public void answered(AgentSession session) {
    callMove(session, AgentState.RINGING, new Presence(AgentState.ON_PHONE, null, Instant.now(), Presence.SERVER));
  }

  /**
   * The offer was withdrawn (rang out, declined, or the caller hung up): back to READY, or AWAY
   * (Missed call) when the agent let it ring out once too often.
   */
  public void offerWithdrawn(AgentSession session, boolean missed) {
    Presence next = missed ? Presence.away(Presence.MISSED_CALL, Instant.now(), Presence.SERVER)
        : new Presence(AgentState.READY, null, Instant.now(), Presence.SERVER);
    callMove(session, AgentState.RINGING, next);
  }

  /**
   * A consultation is over for the agent consulted, before it took the call: READY again from
   * RINGING or ON_PHONE (no after-call work: the call was not its), AWAY when it missed too many.
   */
  public void consultOver(AgentSession session, boolean missed) {
    if (!callMove(session, AgentState.RINGING, missed ? Presence.away(Presence.MISSED_CALL, Instant.now(), Presence.SERVER)
        : new Presence(AgentState.READY, null, Instant.now(), Presence.SERVER))) {
      callMove(session, AgentState.ON_PHONE, new Presence(AgentState.READY, null, Instant.now(), Presence.SERVER));
    }
  }

  /**
   * The agent's call ended: after-call work (BUSY) for the tenant's wrap-up seconds, then READY,
   * unless the agent chose another state meanwhile. With no wrap-up, straight back to READY.
   */
  public void callEnded(AgentSession session) {
    callEnded(session, false);
  }

  /**
   * As above; with {@code codeRequired} (the tenant requires a disposition) the wrap-up lasts also
   * until {@link #wrapUpDone} (the agent picked one, or the longest wrap-up gave it up).
   */
  public void callEnded(AgentSession session, boolean codeRequired) {
    int wrapUp = wrapUpSeconds(session.appId());
    if (wrapUp == 0 && !codeRequired) {
      callMove(session, AgentState.ON_PHONE, new Presence(AgentState.READY, null, Instant.now(), Presence.SERVER));
      return;
    }
    Presence wrapping = new Presence(AgentState.BUSY, Presence.WRAP_UP, Instant.now(), Presence.SERVER);
    if (callMove(session, AgentState.ON_PHONE, wrapping)) {
      if (codeRequired) {
        wrapUps.held(session, wrapping);
      }
      scheduler.schedule(() -> {
        if (wrapUps.timeUp(session, wrapping)) {
          readyAfter(session, wrapping);
        }
      }, wrapUp, TimeUnit.SECONDS);
    }
  }

  /** The agent's disposition is recorded (or given up as none): a wrap-up held for it ends now if its time is up. */
  public void wrapUpDone(AgentSession session) {
    Presence wrapping = wrapUps.done(session);
    if (wrapping != null) {
      readyAfter(session, wrapping);
    }
  }

  /** READY after the wrap-up, unless the agent chose another state meanwhile. */
  private void readyAfter(AgentSession session, Presence wrapping) {
    synchronized (session) {
      if (!session.ended() && session.presence() == wrapping) {
        publish(session, session.change(new Presence(AgentState.READY, null, Instant.now(), Presence.SERVER)));
      }
    }
  }

  /**
   * The agent's call or offer ended because its last phone connection was lost: AWAY
   * (Disconnected); a phone back within the grace period resumes {@code resumeTo}.
   */
  public void callLost(AgentSession session, AgentState resumeTo) {
    synchronized (session) {
      Presence now = session.callLostWithConnection(resumeTo, Instant.now());
      if (now != null) {
        publish(session, now);
      }
    }
  }

  private boolean callMove(AgentSession session, AgentState from, Presence next) {
    synchronized (session) {
      if (session.ended() || session.presence().state() != from) {
        return false;
      }
      publish(session, session.change(next));
      return true;
    }
  }

  /** The tenant's away reasons, for the phone's menu. */
  /** The tenant's after-call work, in seconds (0: none). */
  public int wrapUpSeconds(String appId) {
    return tenants.find(appId).map(t -> t.config() == null ? 0 : t.config().wrapUpSeconds()).orElse(0);
  }

  public List<String> awayReasons(String appId) {
    return tenants.find(appId).map(t -> t.config() == null ? TenantConfig.DEFAULT_AWAY_REASONS : t.config().awayReasons())
        .orElse(TenantConfig.DEFAULT_AWAY_REASONS);
  }

  private Presence change(AgentSession session, AgentState wanted, String reason, String by) throws IllegalTransition {
    synchronized (session) {
      Presence current = session.presence();
      if (current.state() == wanted && java.util.Objects.equals(current.reason(), reason)) {
        return current; // nothing changes, and the time in state goes on
      }
      Presence next = PresenceRules.request(current, wanted, reason, awayReasons(session.appId()), Instant.now(), by);
      session.change(next);
      publish(session, next);
      return next;
    }
  }

  private AgentSession agentOf(AgentSession supervisor, int agentId) throws IllegalTransition {
    if (!supervisor.agent().supervisor()) {
      throw new IllegalTransition("forbidden", "only a supervisor can change another agent's state");
    }
    return sessions.byAgent(supervisor.appId(), agentId)
        .filter(s -> !s.ended())
        .orElseThrow(() -> new IllegalTransition("unknown_agent", "agent " + agentId + " is not logged in"));
  }

  void publish(AgentSession session, Presence presence) {
    listeners.stateChanged(session, presence);
  }
}
