package org.ccphone.tenant;

import static org.ccphone.Jsons.JSON;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads one tenant file. Every problem found is collected, so a DBA fixing a tenant sees all of them
 * at once; {@link TenantConfigException} carries the list.
 */
public final class TenantConfigParser {
  private static final Pattern APP_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
  private static final Pattern PROCEDURE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_$#@]*(\\.[A-Za-z_][A-Za-z0-9_$#@]*){0,2}");

  private TenantConfigParser() {}

  public static TenantConfig parse(String json, String fallbackAppId) {
    return parse(new StringReader(json), fallbackAppId);
  }

  public static TenantConfig parse(Reader source, String fallbackAppId) {
    JsonObject root;
    try (JsonReader reader = JSON.createReader(source)) {
      root = reader.readObject();
    } catch (JsonException | IllegalStateException e) {
      throw new TenantConfigException(fallbackAppId, List.of("not a JSON object: " + e.getMessage()));
    }
    List<String> problems = new ArrayList<>();
    String appId = root.getString("appId", fallbackAppId);
    if (appId == null || !APP_ID.matcher(appId).matches()) {
      problems.add("appId '" + appId + "' must be 1-64 letters, digits, '.', '_' or '-'");
    }
    String datasource = root.getString("datasource", TenantConfig.defaultDatasource(appId));
    int timeout = root.getInt("queryTimeoutSeconds", TenantConfig.DEFAULT_QUERY_TIMEOUT_SECONDS);
    if (timeout < 1) {
      problems.add("queryTimeoutSeconds must be at least 1");
    }
    String changelog = root.getString("changelog", null);
    Map<EventType, EventDefinition> events = new EnumMap<>(EventType.class);
    JsonObject eventsJson = root.containsKey("events") && root.get("events").getValueType() == JsonValue.ValueType.OBJECT
        ? root.getJsonObject("events") : JsonValue.EMPTY_JSON_OBJECT;
    for (EventType type : EventType.values()) {
      if (type.optional() && !eventsJson.containsKey(type.configKey())) {
        continue;
      }
      try {
        events.put(type, event(type, eventsJson));
      } catch (IllegalArgumentException | ClassCastException e) {
        problems.add("event " + type.configKey() + ": " + e.getMessage());
      }
    }
    for (String key : eventsJson.keySet()) {
      if (java.util.Arrays.stream(EventType.values()).noneMatch(t -> t.configKey().equals(key))) {
        problems.add("unknown event '" + key + "'");
      }
    }
    List<String> reasons = TenantConfig.DEFAULT_AWAY_REASONS;
    if (root.containsKey("awayReasons")) {
      try {
        reasons = root.getJsonArray("awayReasons").getValuesAs(JsonString::getString).stream().map(String::strip).toList();
        if (reasons.isEmpty() || reasons.stream().anyMatch(String::isEmpty) || reasons.size() != new java.util.HashSet<>(reasons).size()) {
          problems.add("awayReasons must be a non-empty list of distinct, non-empty names");
        }
      } catch (ClassCastException e) {
        problems.add("awayReasons must be a list of names");
      }
    }
    List<String> dnis = List.of();
    if (root.containsKey("dnis")) {
      try {
        dnis = root.getJsonArray("dnis").getValuesAs(JsonString::getString).stream().map(String::strip).toList();
      } catch (ClassCastException e) {
        problems.add("dnis must be a list of dialed numbers");
      }
    }
    int wrapUp = root.getInt("wrapUpSeconds", 0);
    if (wrapUp < 0) {
      problems.add("wrapUpSeconds must not be negative");
    }
    TenantConfig.CallHandling defaults = TenantConfig.CallHandling.DEFAULTS;
    TenantConfig.CallHandling calls = new TenantConfig.CallHandling(
        positive(root, "maxWaitSeconds", defaults.maxWaitSeconds(), 0, problems),
        positive(root, "ringSeconds", defaults.ringSeconds(), 1, problems),
        positive(root, "missesBeforeAway", defaults.missesBeforeAway(), 1, problems),
        positive(root, "maxCallsInProgress", defaults.maxCallsInProgress(), 0, problems),
        positive(root, "keepAliveSeconds", defaults.keepAliveSeconds(), 1, problems),
        positive(root, "maxCallSeconds", defaults.maxCallSeconds(), 1, problems));
    TenantConfig.Reporting reporting = reporting(root, problems);
    TenantConfig.ScreenPop screenPop = TenantConfig.ScreenPop.TAB;
    if (root.containsKey("screenPop")) {
      String where = root.get("screenPop") instanceof JsonString w ? w.getString() : "";
      if ("panel".equals(where)) {
        screenPop = TenantConfig.ScreenPop.PANEL;
      } else if (!"tab".equals(where)) {
        problems.add("screenPop must be \"tab\" or \"panel\"");
      }
    }
    Dispositions dispositions = Dispositions.parse(root, wrapUp, eventsJson.containsKey(EventType.DISPOSITION.configKey()), problems);
    PageRules pages = PageRules.parse(root, problems);
    SipRules sip = SipRules.parse(root, problems);
    if (!problems.isEmpty()) {
      throw new TenantConfigException(appId == null ? fallbackAppId : appId, problems);
    }
    return new TenantConfig(appId, datasource, timeout, changelog, events, reasons, wrapUp, dispositions, dnis, calls, reporting,
        screenPop, pages, sip);
  }

  private static TenantConfig.Reporting reporting(JsonObject root, List<String> problems) {
    TenantConfig.Reporting defaults = TenantConfig.Reporting.defaults();
    java.time.ZoneId zone = defaults.timeZone();
    if (root.containsKey("timeZone")) {
      try {
        zone = java.time.ZoneId.of(root.getString("timeZone"));
      } catch (RuntimeException e) {
        problems.add("timeZone must be a time zone name such as \"America/New_York\"");
      }
    }
    return new TenantConfig.Reporting(zone, positive(root, "serviceLevelSeconds", defaults.serviceLevelSeconds(), 1, problems));
  }

  /** A true/false setting, false when absent. */
  static boolean flag(JsonObject root, String name, List<String> problems) {
    if (!root.containsKey(name)) {
      return false;
    }
    JsonValue v = root.get(name);
    if (v != JsonValue.TRUE && v != JsonValue.FALSE) {
      problems.add(name + " must be true or false");
    }
    return v == JsonValue.TRUE;
  }

  /** A whole number setting of at least {@code min}, or its default when absent. */
  private static int positive(JsonObject root, String name, int defaultValue, int min, List<String> problems) {
    if (!root.containsKey(name)) {
      return defaultValue;
    }
    if (root.get(name) instanceof jakarta.json.JsonNumber n && n.isIntegral() && n.intValue() >= min) {
      return n.intValue();
    }
    problems.add(name + " must be a whole number of at least " + min);
    return defaultValue;
  }

  private static EventDefinition event(EventType type, JsonObject events) {
    if (!events.containsKey(type.configKey())) {
      throw new IllegalArgumentException("missing; give a \"statement\" or a \"procedure\"");
    }
    JsonObject event = events.getJsonObject(type.configKey());
    boolean hasStatement = event.containsKey("statement");
    boolean hasProcedure = event.containsKey("procedure");
    if (hasStatement == hasProcedure) {
      throw new IllegalArgumentException("give exactly one of \"statement\" or \"procedure\"");
    }
    if (hasStatement) {
      String sql = event.getString("statement").strip();
      if (sql.isEmpty()) {
        throw new IllegalArgumentException("the statement is empty");
      }
      return new EventDefinition.Statement(StatementTemplate.parse(sql, type.variables()));
    }
    String name = event.getString("procedure").strip();
    if (!PROCEDURE_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("'" + name + "' is not a stored procedure name");
    }
    return new EventDefinition.Procedure(name);
  }
}
