package org.ccphone.call.model;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.ccphone.tenant.Variable;

/**
 * The values of one Call End event: one per segment of a call (docs/calls.md says what each
 * field means). A segment is the part of a call spent with one agent; a call that never reached an
 * agent has a single segment with AgentId 0.
 */
final class CallEndRow {
  private CallEndRow() {}

  /**
   * @param callType {@link CallData#INBOUND} or {@link CallData#OUTBOUND}
   * @param connectedAt when the agent answered, or null when nobody did
   * @param agentId the agent of the segment, 0 for none
   * @param holdSeconds seconds the caller spent on hold during the segment
   */
  static Map<Variable, Object> of(CallData call, int callType, int segment, Instant startedAt, Instant connectedAt, Instant endedAt,
      int agentId, int holdSeconds) {
    Map<Variable, Object> values = new EnumMap<>(Variable.class);
    int talk = connectedAt == null ? 0 : Math.max(0, seconds(connectedAt, endedAt) - holdSeconds);
    values.put(Variable.Segment, segment);
    values.put(Variable.TalkTime, talk);
    values.put(Variable.HoldTime, holdSeconds);
    values.put(Variable.CallType, callType);
    values.put(Variable.StartDateTime, Variable.customerTime(startedAt));
    values.put(Variable.ConnectDateTime, connectedAt == null ? null : Variable.customerTime(connectedAt));
    values.put(Variable.EndDateTime, Variable.customerTime(endedAt));
    values.put(Variable.AgentId, agentId);
    values.put(Variable.TrueDuration, seconds(startedAt, endedAt));
    values.put(Variable.Ani, call.ani());
    values.put(Variable.Dnis, call.dnis());
    values.put(Variable.CallId, call.callId());
    return values;
  }

  /** Whole seconds between two instants, rounded to the nearest (a 4.6 s call is 5 s). */
  static int seconds(Instant from, Instant to) {
    return (int) ((Duration.between(from, to).toMillis() + 500) / 1000);
  }
}
