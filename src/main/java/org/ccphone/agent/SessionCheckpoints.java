package org.ccphone.agent;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.sql.DataSource;
import org.ccphone.cluster.ServerInstance;
import org.ccphone.store.CommitDelays;
import org.ccphone.store.GroupCommit;

/**
 * Keeps each open session's time ledger in the application's database, so that after a crash every
 * session that was open still gets its Agent Logout. A row is written at login and rewritten when the
 * agent's state has changed; a heartbeat row says until when this server was alive. After a crash,
 * a session's time is counted up to the last heartbeat: at most one checkpoint interval is lost.
 */
@ApplicationScoped
public class SessionCheckpoints {
  private static final String[] MILLIS = {"READY_MS", "AWAY_MS", "BUSY_MS", "ON_PHONE_MS"};

  @Resource(lookup = "jdbc/callcenter-app")
  DataSource db;

  @Inject ServerInstance node;

  @Resource ManagedThreadFactory threads;
  @Inject CommitDelays commitDelays;

  private static final int OPENING_SECONDS = 30;
  private final ConcurrentMap<String, Long> written = new ConcurrentHashMap<>();
  private GroupCommit<Opening> openings;

  /** A session that survived only as its last checkpoint. */
  public record Orphan(String token, String appId, int agentId, Instant loginAt, TimeLedger ledger, Instant end) {}

  @PostConstruct
  void start() {
    // The logins that arrive together share one commit: at hundreds of logins a second, one commit
    // per login was most of a login's cost (docs/performance.md).
    openings = new GroupCommit<>("session-openings", GroupCommit.inTransaction(db, this::insert), 64, commitDelays.forOneWriter(), threads);
  }

  @PreDestroy
  void stop() {
    openings.close();
  }

  /** Writes the session's row; returns once it is committed, so that a crash after the login still ends it. */
  public void opened(AgentSession session) {
    long changes = session.changes();
    try {
      openings.write(new Opening(session, session.ledger().snapshot()), Duration.ofSeconds(OPENING_SECONDS));
      written.put(session.token(), changes);
    } catch (SQLException e) {
      throw new ServerStorageException("the server cannot record the session in its database", e);
    }
  }

  private record Opening(AgentSession session, TimeLedger.Snapshot ledger) {
    @Override
    public String toString() {
      return "session of agent " + session.agent().agentId() + " of " + session.appId();
    }
  }

  private void insert(Connection c, List<Opening> openings) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("INSERT INTO AGENT_SESSION (TOKEN, INSTANCE, APP_ID, AGENT_ID, LOGIN_AT_MS,"
        + " BUCKET, SINCE_MS, READY_MS, AWAY_MS, BUSY_MS, ON_PHONE_MS) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (Opening o : openings) {
        s.setString(1, o.session().token());
        s.setString(2, node.name());
        s.setString(3, o.session().appId());
        s.setInt(4, o.session().agent().agentId());
        s.setLong(5, o.session().loginAt().toEpochMilli());
        bindLedger(s, 6, o.ledger());
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  /**
   * Drops several sessions' rows on {@code c}, inside the transaction that records their Agent
   * Logouts (SessionRecords), which commits both or neither.
   */
  public void forgetAll(Connection c, List<String> tokens) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("DELETE FROM AGENT_SESSION WHERE TOKEN = ?")) {
      for (String token : tokens) {
        s.setString(1, token);
        s.addBatch();
      }
      s.executeBatch();
    }
    tokens.forEach(written::remove);
  }

  /** Rewrites the rows of sessions whose state changed since their last checkpoint, then the heartbeat. */
  public void checkpoint(Collection<AgentSession> sessions, Instant now) throws SQLException {
    try (Connection c = db.getConnection()) {
      // One commit for the whole checkpoint: with autocommit, each row of the batch was a commit of
      // its own (under call load, most of a few thousand sessions change every few seconds).
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        List<Runnable> written = writeCheckpoint(c, sessions, now);
        c.commit();
        written.forEach(Runnable::run);
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(autoCommit);
      }
    }
  }

  /** Writes the checkpoint's rows; returns what to remember of them once they are committed. */
  private List<Runnable> writeCheckpoint(Connection c, Collection<AgentSession> sessions, Instant now) throws SQLException {
    List<Runnable> onCommit = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("UPDATE AGENT_SESSION SET BUCKET = ?, SINCE_MS = ?,"
        + " READY_MS = ?, AWAY_MS = ?, BUSY_MS = ?, ON_PHONE_MS = ? WHERE TOKEN = ?")) {
      for (AgentSession session : sessions) {
        Long last = written.get(session.token());
        long changes = session.changes();
        if (last == null || last == changes || session.ended()) {
          continue;
        }
        bindLedger(s, 1, session.ledger().snapshot());
        s.setString(7, session.token());
        s.addBatch();
        onCommit.add(() -> written.replace(session.token(), last, changes));
      }
      if (!onCommit.isEmpty()) {
        s.executeBatch();
      }
    }
    try (PreparedStatement s = c.prepareStatement("UPDATE SERVER_HEARTBEAT SET ALIVE_AT_MS = ? WHERE INSTANCE = ?")) {
      s.setLong(1, now.toEpochMilli());
      s.setString(2, node.name());
      if (s.executeUpdate() == 0) {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO SERVER_HEARTBEAT (INSTANCE, ALIVE_AT_MS) VALUES (?, ?)")) {
          insert.setString(1, node.name());
          insert.setLong(2, now.toEpochMilli());
          insert.executeUpdate();
        }
      }
    }
    return onCommit;
  }

  /**
   * The sessions this server had open when it last stopped without logging them out; with no
   * {@code callcenter.instance} set, those kept under the one name every node had before too (an
   * upgraded single server's).
   */
  public List<Orphan> orphans() throws SQLException {
    List<Orphan> orphans = new ArrayList<>();
    try (Connection c = db.getConnection()) {
      orphans.addAll(orphans(c, node.name()));
      if (!node.named() && !node.name().equals(ServerInstance.LEGACY)) {
        orphans.addAll(orphans(c, ServerInstance.LEGACY));
      }
    }
    return orphans;
  }

  private List<Orphan> orphans(Connection c, String instance) throws SQLException {
    List<Orphan> orphans = new ArrayList<>();
    long alive = 0;
    try (PreparedStatement s = c.prepareStatement("SELECT ALIVE_AT_MS FROM SERVER_HEARTBEAT WHERE INSTANCE = ?")) {
      s.setString(1, instance);
      try (ResultSet rs = s.executeQuery()) {
        alive = rs.next() ? rs.getLong(1) : 0;
      }
    }
    try (PreparedStatement s = c.prepareStatement("SELECT TOKEN, APP_ID, AGENT_ID, LOGIN_AT_MS, BUCKET, SINCE_MS,"
        + " READY_MS, AWAY_MS, BUSY_MS, ON_PHONE_MS FROM AGENT_SESSION WHERE INSTANCE = ?")) {
      s.setString(1, instance);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          Instant login = Instant.ofEpochMilli(rs.getLong(4));
          Instant since = Instant.ofEpochMilli(rs.getLong(6));
          long[] millis = new long[TimeBucket.values().length];
          for (int i = 0; i < MILLIS.length; i++) {
            millis[TimeBucket.valueOf(MILLIS[i].replace("_MS", "")).ordinal()] = rs.getLong(7 + i);
          }
          TimeLedger ledger = TimeLedger.restore(login, new TimeLedger.Snapshot(millis, TimeBucket.valueOf(rs.getString(5)), since));
          Instant end = Instant.ofEpochMilli(Math.max(alive, since.toEpochMilli()));
          orphans.add(new Orphan(rs.getString(1), rs.getString(2), rs.getInt(3), login, ledger, end));
        }
      }
    }
    return orphans;
  }

  private static void bindLedger(PreparedStatement s, int first, TimeLedger.Snapshot snap) throws SQLException {
    s.setString(first, snap.current().name());
    s.setLong(first + 1, snap.since().toEpochMilli());
    for (int i = 0; i < MILLIS.length; i++) {
      s.setLong(first + 2 + i, snap.millis()[TimeBucket.valueOf(MILLIS[i].replace("_MS", "")).ordinal()]);
    }
  }
}
