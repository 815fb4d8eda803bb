package org.ccphone.tenant;

import java.util.List;

/** A tenant that cannot be used as configured; each problem is a sentence a DBA can act on. */
public class TenantConfigException extends RuntimeException {
  private final String appId;
  private final List<String> problems;

  public TenantConfigException(String appId, List<String> problems) {
    super("tenant " + appId + ": " + String.join("; ", problems));
    this.appId = appId;
    this.problems = List.copyOf(problems);
  }

  public String appId() {
    return appId;
  }

  public List<String> problems() {
    return problems;
  }
}
