package org.ccphone.tenant;

import java.util.Map;
import java.util.TreeMap;

/** One row a customer event returned. Columns are matched by name, case-insensitively (CallerID == CallerId). */
public final class Row {
  private final Map<String, Object> columns = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

  public Row put(String column, Object value) {
    columns.put(column, value);
    return this;
  }

  public boolean has(String column) {
    return columns.containsKey(column);
  }

  /** The column's value as text, or null when absent or SQL NULL. */
  public String text(String column) {
    Object value = columns.get(column);
    return value == null ? null : value.toString().strip();
  }

  /** The column's value as an int, or {@code fallback} when absent, NULL or not a number. */
  public int integer(String column, int fallback) {
    Object value = columns.get(column);
    if (value instanceof Number n) {
      return n.intValue();
    }
    if (value != null) {
      try {
        return Integer.parseInt(value.toString().strip());
      } catch (NumberFormatException e) {
        return fallback;
      }
    }
    return fallback;
  }

  @Override
  public String toString() {
    return columns.toString();
  }
}
