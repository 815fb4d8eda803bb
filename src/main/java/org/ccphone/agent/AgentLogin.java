package org.ccphone.agent;

import java.util.Arrays;
import java.util.List;
import java.util.logging.Logger;
import org.ccphone.tenant.Row;

/** Turns the row Agent Login returned into an agent's profile. */
final class AgentLogin {
  private static final Logger LOG = Logger.getLogger(AgentLogin.class.getName());

  private AgentLogin() {}

  /** @throws IllegalArgumentException when the row has no usable AgentId */
  static AgentProfile profile(String appId, String username, Row row) {
    int agentId = row.integer("AgentId", Integer.MIN_VALUE);
    if (agentId == Integer.MIN_VALUE) {
      throw new IllegalArgumentException("Agent Login of " + appId + " returned a row without a numeric AgentId column");
    }
    String name = row.text("CallerIDName");
    if (name != null && name.length() > AgentProfile.CALLER_ID_NAME_LENGTH) {
      String cut = name.substring(0, AgentProfile.CALLER_ID_NAME_LENGTH);
      LOG.warning("tenant " + appId + ", agent " + agentId + ": CallerIDName '" + name
          + "' is longer than 15 characters; using '" + cut + "'");
      name = cut;
    }
    return new AgentProfile(
        agentId,
        username,
        row.text("CallerID"),
        name,
        skills(row.text("AgentSkills")),
        row.text("PhoneExtension"),
        row.integer("UserLevel", 1));
  }

  static List<String> skills(String commaSeparated) {
    if (commaSeparated == null) {
      return List.of();
    }
    return Arrays.stream(commaSeparated.split(","))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .distinct()
        .toList();
  }
}
