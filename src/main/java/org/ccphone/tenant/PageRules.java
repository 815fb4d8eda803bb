package org.ccphone.tenant;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a tenant's pages may show and where they may be shown: the hosts its screen pops may open
 * (any host when none are listed), whether plain {@code http} pops are allowed, and the origins
 * that may frame its phone (a CRM that embeds it; none by default).
 *
 * @param popHosts host names, or {@code *.domain} for every host under a domain; empty: any host
 * @param popOverHttp whether an {@code http} Url may pop (only {@code https} otherwise)
 * @param frameAncestors origins ({@code https://crm.example.com}, {@code https://*.example.com:8443})
 *     whose pages may frame the phone; empty: none
 */
public record PageRules(List<String> popHosts, boolean popOverHttp, List<String> frameAncestors) {
  public static final PageRules DEFAULTS = new PageRules(List.of(), false, List.of());

  // Only what is safe inside a Content-Security-Policy: no spaces, semicolons, commas or quotes.
  private static final Pattern HOST = Pattern.compile("(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*");
  private static final Pattern ORIGIN = Pattern.compile("https?://(\\*\\.)?[A-Za-z0-9.-]+(:(\\d{1,5}|\\*))?");

  /** Whether a pop to this host is allowed: listed, under a listed {@code *.domain}, or no list. */
  public boolean allowsHost(String host) {
    if (popHosts.isEmpty()) {
      return true;
    }
    String h = host.toLowerCase(Locale.ROOT);
    return popHosts.stream().map(p -> p.toLowerCase(Locale.ROOT))
        .anyMatch(p -> p.startsWith("*.") ? h.endsWith(p.substring(1)) : h.equals(p));
  }

  static PageRules parse(JsonObject root, List<String> problems) {
    List<String> hosts = names(root, "screenPopHosts", HOST, "host names or *.domain", problems);
    List<String> ancestors = names(root, "frameAncestors", ORIGIN, "origins such as \"https://crm.example.com\"", problems);
    return new PageRules(hosts, TenantConfigParser.flag(root, "screenPopOverHttp", problems), ancestors);
  }

  private static List<String> names(JsonObject root, String key, Pattern shape, String what, List<String> problems) {
    if (!root.containsKey(key)) {
      return List.of();
    }
    if (!(root.get(key) instanceof JsonArray array)) {
      problems.add(key + " must be a list of " + what);
      return List.of();
    }
    List<String> names = new ArrayList<>();
    for (JsonValue value : array) {
      if (value instanceof JsonString s && shape.matcher(s.getString()).matches()) {
        names.add(s.getString());
      } else {
        problems.add(key + " must be a list of " + what + "; " + value + " is not one");
      }
    }
    return List.copyOf(names);
  }
}
