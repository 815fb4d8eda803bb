package org.ccphone.agent;

import java.util.List;

/**
 * What Agent Login returned for an agent. {@code callerIdName} is at most 15 characters, as the
 * contract promises to the SIP side.
 */
public record AgentProfile(
    int agentId,
    String username,
    String callerId,
    String callerIdName,
    List<String> skills,
    String extension,
    int userLevel) {

  public static final int SUPERVISOR = 2;
  public static final int CALLER_ID_NAME_LENGTH = 15;

  public boolean supervisor() {
    return userLevel >= SUPERVISOR;
  }
}
