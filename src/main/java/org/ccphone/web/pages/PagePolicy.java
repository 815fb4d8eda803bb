package org.ccphone.web.pages;

import java.util.ArrayList;
import java.util.List;
import org.ccphone.tenant.PageRules;

/**
 * The Content-Security-Policy of a tenant's pages: scripts, styles and connections from this
 * server only (the pages have no inline script or style), frames only to the hosts the tenant's
 * screen pops may open, and framed only by the origins the tenant lists.
 */
final class PagePolicy {
  private PagePolicy() {}

  /** The phone's policy: the screen-pop panel may frame the tenant's pop hosts. */
  static String phone(PageRules rules) {
    return policy(popFrames(rules), rules);
  }

  /** The supervisor's page frames nothing. */
  static String supervisor(PageRules rules) {
    return policy("'none'", rules);
  }

  private static String policy(String frames, PageRules rules) {
    String ancestors = rules.frameAncestors().isEmpty() ? "'none'" : String.join(" ", rules.frameAncestors());
    return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; media-src 'self' blob:; "
        + "connect-src 'self'; frame-src " + frames + "; frame-ancestors " + ancestors
        + "; object-src 'none'; base-uri 'none'; form-action 'self'";
  }

  private static String popFrames(PageRules rules) {
    List<String> schemes = rules.popOverHttp() ? List.of("https", "http") : List.of("https");
    if (rules.popHosts().isEmpty()) {
      return String.join(" ", schemes.stream().map(s -> s + ":").toList());
    }
    List<String> sources = new ArrayList<>();
    for (String host : rules.popHosts()) {
      for (String scheme : schemes) {
        sources.add(scheme + "://" + host + ":*"); // a host-source without a port means the scheme's default only
      }
    }
    return String.join(" ", sources);
  }
}
