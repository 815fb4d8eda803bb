package org.ccphone.agent;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.ccphone.store.LocalTransaction;
import org.ccphone.tenant.EventType;
import org.ccphone.tenant.Variable;
import org.ccphone.tenant.outbox.Outbox;
import org.ccphone.tenant.outbox.OutboxRows;

/**
 * Records a session's end: its Agent Logout goes into the outbox and its checkpoint row goes away in
 * one transaction, so that after a crash a session is logged out either by its own logout or by the
 * recovery from its checkpoint, never both and never neither.
 */
@ApplicationScoped
public class SessionRecords {
  @Inject OutboxRows outbox;

  @Resource(lookup = "jdbc/callcenter-app")
  DataSource db;

  @Inject SessionCheckpoints checkpoints;

  /** A session's end: its Agent Logout row and its checkpoint row's token. */
  public record Closing(String appId, String token, Map<Variable, ?> agentLogout) {
    @Override
    public String toString() {
      return "Agent Logout of " + appId + " session " + token.substring(0, Math.min(8, token.length()));
    }
  }

  /** A session's end, alone (a session a crash left open). */
  public void closed(String appId, String token, Map<Variable, ?> agentLogout) throws SQLException {
    closedAll(List.of(new Closing(appId, token, agentLogout)));
  }

  /**
   * Several sessions' ends in one local transaction of the application's database, plain JDBC
   * (SessionEnds groups the logouts that arrive together; no JTA transaction may be active).
   */
  public void closedAll(List<Closing> closings) throws SQLException {
    LocalTransaction.run(db, c -> {
      outbox.insert(c, closings.stream()
          .map(r -> new Outbox.Owed(r.appId(), EventType.AGENT_LOGOUT, r.agentLogout())).toList(), Instant.now());
      checkpoints.forgetAll(c, closings.stream().map(Closing::token).toList());
    });
  }
}
