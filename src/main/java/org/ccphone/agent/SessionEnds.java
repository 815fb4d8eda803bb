package org.ccphone.agent;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import org.ccphone.store.CommitDelays;
import org.ccphone.store.GroupCommit;
import org.ccphone.tenant.Variable;

/**
 * Records sessions' ends durably, the ones that arrive together in one transaction: each logout
 * still returns only once its own Agent Logout row is committed (SessionRecords.closedAll), but a
 * burst of logouts costs one commit, not one each.
 */
@ApplicationScoped
public class SessionEnds {
  private static final Duration WITHIN = Duration.ofSeconds(30);

  @Inject SessionRecords records;
  @Resource ManagedThreadFactory threads;
  @Inject CommitDelays commitDelays;

  private GroupCommit<SessionRecords.Closing> closings;

  @PostConstruct
  void start() {
    closings = new GroupCommit<>("session-ends", rows -> records.closedAll(rows), 64, commitDelays.forOneWriter(), threads);
  }

  @PreDestroy
  void stop() {
    closings.close();
  }

  /** Returns once the session's Agent Logout is in the outbox and its checkpoint row gone. */
  public void closed(String appId, String token, Map<Variable, ?> agentLogout) {
    try {
      closings.write(new SessionRecords.Closing(appId, token, agentLogout), WITHIN);
    } catch (SQLException e) {
      throw new ServerStorageException("the server cannot record the logout in its database; try again", e);
    }
  }
}
