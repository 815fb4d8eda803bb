package org.ccphone.call.sip;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import org.ccphone.call.model.CallData;
import org.ccphone.overload.QueueDelay;
import org.ccphone.tenant.CustomerDatabaseException;
import org.ccphone.tenant.EventRunner;
import org.ccphone.tenant.EventType;
import org.ccphone.tenant.Row;
import org.ccphone.tenant.TenantConfig;
import org.ccphone.tenant.TenantConfigException;
import org.ccphone.tenant.Variable;

/**
 * Runs the customer's Call Start event for an inbound call and merges its answer into the call
 * data. A Call Start that fails or times out never stops a call: it is routed on the header data
 * with a generated CallId, and the failure is logged and counted.
 */
@ApplicationScoped
public class CallStart {
  private static final Logger LOG = Logger.getLogger(CallStart.class.getName());

  private EventRunner runner;
  private final AtomicLong failures = new AtomicLong();

  protected CallStart() {
    // for CDI's proxy
  }

  @Inject
  public CallStart(EventRunner runner) {
    this.runner = runner;
  }

  public CallData inbound(TenantConfig tenant, CallData fromHeaders) {
    return inbound(tenant, fromHeaders, null);
  }

  /** As above; {@code connectionWait} (may be null) is told how long the Call Start waited for a connection. */
  public CallData inbound(TenantConfig tenant, CallData fromHeaders, QueueDelay connectionWait) {
    return run(tenant, fromHeaders, CallData.INBOUND, 0, connectionWait, "routing on the SIP header data");
  }

  /**
   * The Call Start of a call an agent dials: CallType 2, the agent's AgentId, the dialed number as
   * Dnis and the agent's CallerId as Ani. A failure never stops the call: it goes on with a
   * generated CallId.
   */
  public CallData outbound(TenantConfig tenant, CallData dialed, int agentId) {
    return run(tenant, dialed, CallData.OUTBOUND, agentId, null, "dialing on");
  }

  private CallData run(TenantConfig tenant, CallData data, int callType, int agentId, QueueDelay connectionWait,
      String goingOn) {
    Map<Variable, Object> values = new EnumMap<>(Variable.class);
    values.put(Variable.Dnis, data.dnis());
    values.put(Variable.Ani, data.ani());
    values.put(Variable.CallerIdName, data.callerIdName());
    values.put(Variable.CallType, callType);
    values.put(Variable.AgentId, agentId);
    try {
      Optional<Row> row = runner.run(tenant, EventType.CALL_START, values, connectionWait);
      return data.withCallStart(row.orElse(null)).withCallIdOrNew();
    } catch (CustomerDatabaseException | TenantConfigException e) {
      long count = failures.incrementAndGet();
      LOG.warning("Call Start (CallType " + callType + ") of " + tenant.appId() + " failed (" + count + " so far); "
          + goingOn + ": " + e.getMessage());
      return data.withCallIdOrNew();
    }
  }

  /** How many Call Start events have failed since the server started. */
  public long failures() {
    return failures.get();
  }
}
