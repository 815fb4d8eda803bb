package org.ccphone.agent;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.ccphone.tenant.EventType;
import org.ccphone.tenant.Variable;
import org.ccphone.tenant.outbox.Outbox;
import org.ccphone.tenant.outbox.OutboxStore;

/**
 * Records a session's end: its Agent Logout goes into the outbox and its checkpoint row goes away in
 * one transaction, so that after a crash a session is logged out either by its own logout or by the
 * recovery from its checkpoint, never both and never neither.
 */
@ApplicationScoped
public class SessionRecords {
  @Inject OutboxStore outbox;
  @Inject SessionCheckpoints checkpoints;

  /** A session's end: its Agent Logout row and its checkpoint row's token. */
  public record Closing(String appId, String token, Map<Variable, ?> agentLogout) {
    @Override
    public String toString() {
      return "Agent Logout of " + appId + " session " + token.substring(0, Math.min(8, token.length()));
    }
  }

  @Transactional
  public void closed(String appId, String token, Map<Variable, ?> agentLogout) {
    outbox.add(appId, EventType.AGENT_LOGOUT, agentLogout, Instant.now());
    checkpoints.forget(token);
  }

  /** Several sessions' ends in one transaction (SessionEnds groups the logouts that arrive together). */
  @Transactional
  public void closedAll(List<Closing> closings) {
    outbox.addAll(closings.stream()
        .map(c -> new Outbox.Owed(c.appId(), EventType.AGENT_LOGOUT, c.agentLogout())).toList(), Instant.now());
    checkpoints.forgetAll(closings.stream().map(Closing::token).toList());
  }
}
