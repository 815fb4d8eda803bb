package org.ccphone.call.model;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ccphone.tenant.PageRules;

/**
 * The screen-pop Url an agent's phone opens with a call: {Dnis}, {Ani}, {CallerIdName}, {CallId},
 * {CallType} and {AgentId} (any case) are replaced by the call's values, URL-encoded; any other
 * braces stay as they are.
 *
 * <p>The Url comes from a SIP header or the customer's Call Start, and the phone opens it in the
 * agent's browser: only an absolute {@code https} Url (or {@code http}, where the tenant allows it)
 * to a fixed host the tenant allows is let through ({@link #refusal}). Its values are URL-encoded,
 * so a caller's Ani cannot change where it goes.
 */
public final class ScreenPop {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)\\}");
  /** Longer than any browser's address bar keeps, and than the call data bound. */
  public static final int MAX_LENGTH = 2048;

  private ScreenPop() {}

  public static String resolve(String template, CallData call, int agentId) {
    if (template == null) {
      return null;
    }
    Map<String, String> values = Map.of(
        "dnis", text(call.dnis()),
        "ani", text(call.ani()),
        "calleridname", text(call.callerIdName()),
        "callid", text(call.callId()),
        "calltype", String.valueOf(CallData.INBOUND),
        "agentid", String.valueOf(agentId));
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = values.get(m.group(1).toLowerCase(Locale.ROOT));
      String replacement = value == null ? m.group() : URLEncoder.encode(value, StandardCharsets.UTF_8);
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  /**
   * Why a tenant's phones must not open this Url template, or empty when they may: anything but an
   * absolute http(s) Url with a host and no user part, a placeholder before its path (the host would
   * be the caller's to choose), a host the tenant does not list, or plain http where not allowed.
   */
  public static Optional<String> refusal(String template, PageRules rules) {
    if (template.length() > MAX_LENGTH || template.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
      return Optional.of("not a Url (too long, or with spaces or control characters)");
    }
    int colon = template.indexOf("://");
    String scheme = colon < 0 ? "" : template.substring(0, colon).toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !(scheme.equals("http") && rules.popOverHttp())) {
      return Optional.of("only " + (rules.popOverHttp() ? "http and https" : "https") + " Urls may pop");
    }
    int pathAt = firstOf(template, colon + 3, "/?#");
    String authority = template.substring(colon + 3, pathAt);
    if (authority.isEmpty() || authority.contains("{") || authority.contains("@")) {
      return Optional.of("the Url's host must be written out, without a user part or placeholder");
    }
    try {
      // Only the part before the path says where the Url goes; browsers are lenient with the rest.
      URI uri = new URI(scheme + "://" + authority + "/");
      String host = uri.getHost();
      if (host == null) {
        return Optional.of("the Url has no host");
      }
      return rules.allowsHost(host) ? Optional.empty() : Optional.of("host " + host + " is not one of the tenant's screenPopHosts");
    } catch (URISyntaxException e) {
      return Optional.of("not a Url: " + e.getReason());
    }
  }

  private static int firstOf(String text, int from, String chars) {
    for (int i = from; i < text.length(); i++) {
      if (chars.indexOf(text.charAt(i)) >= 0) {
        return i;
      }
    }
    return text.length();
  }

  private static String text(String value) {
    return value == null ? "" : value;
  }
}
