package org.ccphone.call.model;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The screen-pop Url an agent's phone opens with a call: {Dnis}, {Ani}, {CallerIdName}, {CallId},
 * {CallType} and {AgentId} (any case) are replaced by the call's values, URL-encoded; any other
 * braces stay as they are.
 */
public final class ScreenPop {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)\\}");

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

  private static String text(String value) {
    return value == null ? "" : value;
  }
}
