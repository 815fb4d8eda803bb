package org.ccphone.tenant;

import static org.ccphone.tenant.Variable.*;

import java.util.EnumSet;
import java.util.Set;

/**
 * The customer events and the variables each may use: the contract's four, which every tenant
 * gives, and the optional Disposition (what an agent recorded about a call in its wrap-up).
 */
public enum EventType {
  AGENT_LOGIN("agentLogin", EnumSet.of(Username, Password)),
  AGENT_LOGOUT(
      "agentLogout",
      EnumSet.of(LoginDateTime, LogoutDateTime, AwayTime, BusyTime, OnPhoneTime, ReadyTime, AgentId)),
  CALL_START("callStart", EnumSet.of(Dnis, Ani, CallerIdName, CallType, AgentId)),
  CALL_END(
      "callEnd",
      EnumSet.of(
          Segment, TalkTime, HoldTime, CallType, StartDateTime, ConnectDateTime, EndDateTime,
          AgentId, TrueDuration, Ani, Dnis, CallId)),
  DISPOSITION("disposition", EnumSet.of(CallId, Segment, AgentId, Disposition, Notes), true);

  private final String configKey;
  private final Set<Variable> variables;

  private final boolean optional;

  EventType(String configKey, Set<Variable> variables) {
    this(configKey, variables, false);
  }

  EventType(String configKey, Set<Variable> variables, boolean optional) {
    this.configKey = configKey;
    this.variables = variables;
    this.optional = optional;
  }

  /** A tenant may leave this event out. */
  public boolean optional() {
    return optional;
  }

  /** The key naming this event in a tenant's configuration file. */
  public String configKey() {
    return configKey;
  }

  public Set<Variable> variables() {
    return variables;
  }
}
