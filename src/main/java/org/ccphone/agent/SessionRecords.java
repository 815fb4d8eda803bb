package org.ccphone.agent;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Map;
import org.ccphone.tenant.EventType;
import org.ccphone.tenant.Variable;
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

  @Transactional
  public void closed(String appId, String token, Map<Variable, ?> agentLogout) {
    outbox.add(appId, EventType.AGENT_LOGOUT, agentLogout, Instant.now());
    checkpoints.forget(token);
  }
}
