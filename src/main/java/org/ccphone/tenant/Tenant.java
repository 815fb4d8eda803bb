package org.ccphone.tenant;

import java.util.List;

/**
 * A loaded tenant: its configuration (null when the file could not be read) and the problems that
 * keep it from being used. A tenant with problems is reported unhealthy; the others work on.
 */
public record Tenant(String appId, TenantConfig config, List<String> problems) {

  public boolean usable() {
    return config != null && problems.isEmpty();
  }

  public Tenant withProblems(List<String> more) {
    List<String> all = new java.util.ArrayList<>(problems);
    more.stream().filter(p -> !all.contains(p)).forEach(all::add);
    return new Tenant(appId, config, List.copyOf(all));
  }
}
