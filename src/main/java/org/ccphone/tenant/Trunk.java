package org.ccphone.tenant;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.util.List;

/**
 * The SIP trunk a tenant's agents dial out through: every outbound INVITE is routed to
 * {@code proxy} and addressed to {@code sip:<number>@<domain>}; the trunk's digest challenge is
 * answered with {@code username} and {@code password}, which never shows in text or logs.
 *
 * @param proxy the trunk's or outbound proxy's SIP URI ({@code sip:10.1.2.3:5060}, {@code ;transport=tcp} allowed)
 * @param domain the host of the dialed number's URI; the proxy's host when absent
 * @param dialTimeoutSeconds how long a dialed number may ring before the call is cancelled (30)
 */
public record Trunk(String proxy, String domain, String username, String password, int dialTimeoutSeconds) {
  public static final int DEFAULT_DIAL_TIMEOUT_SECONDS = 30;

  /** The Request-URI for a dialed number. */
  public String uriFor(String number) {
    return "sip:" + number + "@" + domain;
  }

  /** Whether the trunk is to be answered with credentials when it challenges. */
  public boolean authenticates() {
    return username != null && password != null;
  }

  @Override
  public String toString() {
    return "Trunk[proxy=" + proxy + ", domain=" + domain + ", username=" + username + ", password=***, dialTimeoutSeconds="
        + dialTimeoutSeconds + "]";
  }

  /** The tenant file's {@code trunk} object, or null when it has none (its agents cannot dial out). */
  static Trunk parse(JsonObject root, List<String> problems) {
    if (!root.containsKey("trunk")) {
      return null;
    }
    if (!(root.get("trunk") instanceof JsonObject trunk)) {
      problems.add("trunk must be an object with at least a proxy");
      return null;
    }
    String proxy = text(trunk, "proxy", problems);
    if (proxy == null || !proxy.matches("sips?:[^\\s@<>\"]+")) {
      problems.add("trunk.proxy must be a SIP URI such as sip:10.1.2.3:5060");
      return null;
    }
    String domain = text(trunk, "domain", problems);
    if (domain == null) {
      domain = proxy.replaceFirst("^sips?:", "").replaceFirst(";.*$", "");
    }
    String username = text(trunk, "username", problems);
    String password = text(trunk, "password", problems);
    if ((username == null) != (password == null)) {
      problems.add("trunk.username and trunk.password go together");
    }
    int timeout = DEFAULT_DIAL_TIMEOUT_SECONDS;
    if (trunk.containsKey("dialTimeoutSeconds")) {
      if (trunk.get("dialTimeoutSeconds") instanceof JsonNumber n && n.isIntegral() && n.intValue() >= 1) {
        timeout = n.intValue();
      } else {
        problems.add("trunk.dialTimeoutSeconds must be a whole number of at least 1");
      }
    }
    return new Trunk(proxy, domain, username, password, timeout);
  }

  private static String text(JsonObject trunk, String name, List<String> problems) {
    if (!trunk.containsKey(name)) {
      return null;
    }
    if (trunk.get(name) instanceof JsonString s && !s.getString().isBlank()) {
      return s.getString().strip();
    }
    problems.add("trunk." + name + " must be a text");
    return null;
  }
}
