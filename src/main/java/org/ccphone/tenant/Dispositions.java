package org.ccphone.tenant;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.HashSet;
import java.util.List;

/**
 * What an agent records about each call it had, in its wrap-up: a disposition code of the tenant's
 * list and a note (tenants.md, "Dispositions"). The tenant's Disposition event takes them to its
 * database.
 *
 * @param codes the codes an agent picks from (empty: the tenant asks for none)
 * @param required whether the agent stays in wrap-up until it picks one, up to {@code maxWrapUpSeconds}
 * @param maxWrapUpSeconds the longest wrap-up while a required code is not picked; then the
 *     disposition is recorded as none and the agent is READY
 */
public record Dispositions(List<String> codes, boolean required, int maxWrapUpSeconds) {
  public static final Dispositions NONE = new Dispositions(List.of(), false, 0);
  /** What the Disposition event gets when the agent never picked a code. */
  public static final String NONE_PICKED = "none";
  public static final int MAX_CODE_LENGTH = 50;
  public static final int MAX_NOTES_LENGTH = 1000;

  /** Whether agents of this tenant record dispositions. */
  public boolean asked() {
    return !codes.isEmpty();
  }

  /** Reads {@code "dispositions": {"codes": [...], "required": true, "maxWrapUpSeconds": 120}}. */
  static Dispositions parse(JsonObject root, int wrapUpSeconds, boolean eventConfigured, List<String> problems) {
    if (!root.containsKey("dispositions")) {
      if (eventConfigured) {
        problems.add("event disposition: give the tenant's \"dispositions\" (its codes) too");
      }
      return NONE;
    }
    if (!(root.get("dispositions") instanceof JsonObject json)) {
      problems.add("dispositions must be an object with \"codes\", \"required\" and \"maxWrapUpSeconds\"");
      return NONE;
    }
    List<String> codes = List.of();
    try {
      codes = json.getJsonArray("codes").getValuesAs(JsonString::getString).stream().map(String::strip).toList();
    } catch (ClassCastException | NullPointerException e) {
      problems.add("dispositions.codes must be a list of codes");
    }
    if (codes.isEmpty() || codes.stream().anyMatch(c -> c.isEmpty() || c.length() > MAX_CODE_LENGTH)
        || codes.size() != new HashSet<>(codes).size() || codes.contains(NONE_PICKED)) {
      problems.add("dispositions.codes must be distinct codes of 1 to " + MAX_CODE_LENGTH + " characters, not \""
          + NONE_PICKED + "\"");
    }
    boolean required = TenantConfigParser.flag(json, "required", problems);
    int max = json.containsKey("maxWrapUpSeconds") && json.get("maxWrapUpSeconds").getValueType() == JsonValue.ValueType.NUMBER
        ? json.getInt("maxWrapUpSeconds") : Math.max(wrapUpSeconds, 120);
    if (max < Math.max(1, wrapUpSeconds)) {
      problems.add("dispositions.maxWrapUpSeconds must be at least 1 and at least wrapUpSeconds (" + wrapUpSeconds + ")");
    }
    if (!eventConfigured) {
      problems.add("dispositions need the event \"disposition\" to take them to the tenant's database");
    }
    return new Dispositions(codes, required, max);
  }
}
