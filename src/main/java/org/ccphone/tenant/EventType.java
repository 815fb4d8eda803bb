package org.ccphone.tenant;

import static org.ccphone.tenant.Variable.*;

import java.util.EnumSet;
import java.util.Set;

/** The four customer events and the variables each may use (per the customer contract). */
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
          AgentId, TrueDuration, Ani, Dnis, CallId));

  private final String configKey;
  private final Set<Variable> variables;

  EventType(String configKey, Set<Variable> variables) {
    this.configKey = configKey;
    this.variables = variables;
  }

  /** The key naming this event in a tenant's configuration file. */
  public String configKey() {
    return configKey;
  }

  public Set<Variable> variables() {
    return variables;
  }
}
