package org.ccphone.agent;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.ccphone.agent.LoginRefused.Reason;
import org.ccphone.tenant.CustomerDatabaseException;
import org.ccphone.tenant.EventRunner;
import org.ccphone.tenant.EventType;
import org.ccphone.tenant.Row;
import org.ccphone.tenant.Tenant;
import org.ccphone.tenant.TenantChecks;
import org.ccphone.tenant.TenantConfigException;
import org.ccphone.tenant.TenantRegistry;
import org.ccphone.tenant.Variable;
import org.ccphone.tenant.outbox.Outbox;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Agent Login and Agent Logout: opens sessions against the customer's database and ends them. */
@ApplicationScoped
public class AgentSessions {
  private static final Logger LOG = Logger.getLogger(AgentSessions.class.getName());

  @Inject TenantRegistry tenants;
  @Inject EventRunner runner;
  @Inject SessionRegistry sessions;
  @Inject LoginThrottle throttle;
  @Inject LoginConnections loginConnections;
  @Inject Outbox outbox;
  @Inject TenantChecks checks;
  @Inject SessionRecords records;
  @Inject SessionEnds ends;
  @Inject SessionCheckpoints checkpoints;
  @Inject PresenceListeners listeners;

  @Inject
  @ConfigProperty(name = "callcenter.session.hours", defaultValue = "12")
  int sessionHours;

  /**
   * Runs Agent Login for a client at {@code address}; on success the agent's earlier session, if
   * any, is logged out.
   */
  public AgentSession login(String appId, String username, String password, String address) throws LoginRefused {
    tenants.find(appId).orElseThrow(() -> new LoginRefused(Reason.UNKNOWN_TENANT, "unknown appId " + appId));
    Instant now = Instant.now();
    Optional<LoginThrottle.Wait> wait = throttle.admit(appId, username, address, now);
    if (wait.isPresent()) {
      throw new LoginRefused(Reason.TOO_MANY_ATTEMPTS, wait.get().why(), wait.get().seconds());
    }
    Optional<Row> row;
    try {
      row = agentLogin(appId, username, password);
    } catch (LoginRefused undecided) {
      throttle.undecided(appId, username, address);
      throw undecided;
    }
    if (row.isEmpty()) {
      throttle.failed(appId, username, now);
      // Who tried, from where: what an operator needs to see a guesser. Never the password.
      LOG.info(() -> "failed login to " + appId + " for username '" + shortened(username) + "' from " + address);
      throw new LoginRefused(Reason.BAD_CREDENTIALS, "wrong username or password");
    }
    AgentProfile agent;
    try {
      agent = AgentLogin.profile(appId, username, row.get());
    } catch (IllegalArgumentException e) {
      throttle.undecided(appId, username, address);
      LOG.severe(e.getMessage());
      throw new LoginRefused(Reason.EVENT_FAILED, "the Agent Login event of " + appId + " gave no usable agent; the server log has why");
    }
    throttle.succeeded(appId, username, address);
    AgentSession session = new AgentSession(
        SessionTokens.next(now), appId, agent, now, now.plus(Duration.ofHours(sessionHours)));
    checkpoints.opened(session);
    sessions.add(session).ifPresent(previous -> end(previous, now, "logged in again elsewhere", null));
    listeners.stateChanged(session, session.presence()); // the supervisors see the login
    LOG.fine(() -> "agent " + agent.agentId() + " of " + appId + " logged in");
    return session;
  }

  /** The tenant's Agent Login event, on at most its share of the tenant's connections. */
  private Optional<Row> agentLogin(String appId, String username, String password) throws LoginRefused {
    checks.ensureChecked(appId);
    Tenant tenant = tenants.find(appId).orElseThrow();
    if (!tenant.usable()) {
      throw new LoginRefused(Reason.TENANT_UNAVAILABLE, unusable(appId));
    }
    try {
      if (!loginConnections.take(appId)) {
        throw new LoginRefused(Reason.DATABASE_BUSY, "too many logins at once; try again in a moment", 1);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LoginRefused(Reason.DATABASE_BUSY, "the server is stopping", 1);
    }
    try {
      return runner.run(tenant.config(), EventType.AGENT_LOGIN, Map.of(Variable.Username, username, Variable.Password, password));
    } catch (CustomerDatabaseException e) {
      LOG.warning(e.getMessage());
      if (e.unavailable()) {
        throw new LoginRefused(Reason.DATABASE_UNAVAILABLE, "the customer database of " + appId + " is unavailable; try again shortly");
      }
      throw new LoginRefused(Reason.EVENT_FAILED, "the Agent Login event of " + appId + " failed; the server log has the database's message");
    } catch (TenantConfigException e) {
      tenants.report(appId, e.problems());
      throw new LoginRefused(Reason.TENANT_UNAVAILABLE, unusable(appId));
    } finally {
      loginConnections.give(appId);
    }
  }

  private static String shortened(String username) {
    String printable = username.replaceAll("\\p{Cntrl}", "?"); // a username cannot forge a log line
    return printable.length() <= 64 ? printable : printable.substring(0, 64) + "…";
  }

  /** Said to whoever tries to log in: the reasons, perhaps a driver's words, are for the tenant's people. */
  private static String unusable(String appId) {
    return "the call center " + appId + " is not available now; its supervisors and the server's log have the reason";
  }

  /** The open session of a token, or empty when it is unknown, ended or expired. */
  public Optional<AgentSession> current(String token) {
    return sessions.byToken(token).filter(s -> !s.ended() && !s.expired(Instant.now()));
  }

  /**
   * Ends a session and hands its Agent Logout to the outbox. Only the first call for a session does
   * anything, so a logout racing an expiry or a second login writes one row.
   */
  public boolean end(AgentSession session, Instant at, String why, String by) {
    if (!session.markEnded()) {
      return false;
    }
    Instant logoutAt = at.isAfter(session.expiresAt()) ? session.expiresAt() : at;
    try {
      ends.closed(session.appId(), session.token(),
          agentLogout(session.agent().agentId(), session.loginAt(), session.ledger(), logoutAt));
    } catch (RuntimeException e) {
      session.reopen(); // the Agent Logout is not safe yet: keep the session so that it can be ended again
      throw e instanceof ServerStorageException s ? s
          : new ServerStorageException("the server cannot record the logout in its database; try again", e);
    }
    sessions.remove(session);
    outbox.nudge();
    listeners.sessionEnded(session, why, by);
    LOG.fine(() -> "agent " + session.agent().agentId() + " of " + session.appId() + " logged out: " + why);
    return true;
  }

  /**
   * Writes Agent Logout for the sessions a crash left open, with their time up to the last
   * checkpoint.
   */
  public int recoverOrphans() throws java.sql.SQLException {
    List<SessionCheckpoints.Orphan> orphans = checkpoints.orphans();
    for (SessionCheckpoints.Orphan o : orphans) {
      records.closed(o.appId(), o.token(), agentLogout(o.agentId(), o.loginAt(), o.ledger(), o.end()));
      LOG.warning("agent " + o.agentId() + " of " + o.appId() + " was logged in when the server stopped;"
          + " Agent Logout written with the time up to " + o.end());
    }
    if (!orphans.isEmpty()) {
      outbox.nudge();
    }
    return orphans.size();
  }

  static Map<Variable, Object> agentLogout(int agentId, Instant loginAt, TimeLedger ledger, Instant logoutAt) {
    Map<TimeBucket, Integer> seconds = ledger.seconds(logoutAt);
    Map<Variable, Object> values = new EnumMap<>(Variable.class);
    values.put(Variable.LoginDateTime, Variable.customerTime(loginAt));
    values.put(Variable.LogoutDateTime, Variable.customerTime(logoutAt));
    values.put(Variable.AwayTime, seconds.get(TimeBucket.AWAY));
    values.put(Variable.BusyTime, seconds.get(TimeBucket.BUSY));
    values.put(Variable.OnPhoneTime, seconds.get(TimeBucket.ON_PHONE));
    values.put(Variable.ReadyTime, seconds.get(TimeBucket.READY));
    values.put(Variable.AgentId, agentId);
    return values;
  }

  /** Ends every session whose token has expired. */
  public void endExpired() {
    Instant now = Instant.now();
    sessions.all().stream().filter(s -> s.expired(now)).forEach(s -> end(s, now, "session expired", null));
  }

}
