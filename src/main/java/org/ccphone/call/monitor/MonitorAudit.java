package org.ccphone.call.monitor;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import org.ccphone.call.model.Call;
import org.ccphone.call.model.Effect;
import org.ccphone.call.model.Monitor;

/**
 * Each supervisor's start and end in a call, in the server's log (who, which call and agent, the
 * mode, when, and for an end why and how long) and in the counts under /metrics. Listening to
 * calls is a privacy matter for the agents and the callers: what was listened to is always on record.
 */
@ApplicationScoped
public class MonitorAudit {
  private static final Logger LOG = Logger.getLogger(MonitorAudit.class.getName());

  private final AtomicLong started = new AtomicLong();
  private final AtomicLong ended = new AtomicLong();

  /** On the routing thread, as the call decided. */
  public void record(Call call, Effect.MonitorLogged logged) {
    Monitor m = logged.monitor();
    Instant now = Instant.now();
    String who = "supervisor " + m.supervisor().agent().username() + " (AgentId " + m.supervisor().agent().agentId() + ")";
    String which = "call " + call.key() + " (CallId " + call.data().callId() + ", tenant " + call.appId() + ") of agent "
        + m.agent().agent().username() + " (AgentId " + m.agent().agent().agentId() + ")";
    if (logged.started()) {
      started.incrementAndGet();
      LOG.info("monitoring started: " + who + " " + m.mode().wire() + " " + which + " at " + now);
    } else {
      ended.incrementAndGet();
      LOG.info("monitoring ended: " + who + " " + which + " at " + now + ", " + logged.reason() + ", after "
          + Duration.between(m.since(), now).toSeconds() + " s");
    }
  }

  /** Starts so far. */
  public long started() {
    return started.get();
  }

  public long ended() {
    return ended.get();
  }

  /** Supervisors in calls now. */
  public long active() {
    return started.get() - ended.get();
  }
}
