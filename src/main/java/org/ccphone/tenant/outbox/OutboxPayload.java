package org.ccphone.tenant.outbox;

import static org.ccphone.Jsons.JSON;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.EnumMap;
import java.util.Map;
import org.ccphone.tenant.Variable;

/** An event's variables as stored in the outbox: a JSON object keyed by the contract's names. */
public final class OutboxPayload {
  private OutboxPayload() {}

  public static String write(Map<Variable, ?> values) {
    JsonObjectBuilder json = JSON.createObjectBuilder();
    values.forEach((variable, value) -> {
      if (value == null) {
        json.addNull(variable.name());
      } else if (variable.sqlType() == Types.INTEGER) {
        json.add(variable.name(), ((Number) value).intValue());
      } else {
        json.add(variable.name(), value.toString());
      }
    });
    return json.build().toString();
  }

  public static Map<Variable, Object> read(String payload) {
    JsonObject json = JSON.createReader(new StringReader(payload)).readObject();
    Map<Variable, Object> values = new EnumMap<>(Variable.class);
    json.forEach((name, value) -> {
      Variable variable = Variable.byName(name).orElseThrow();
      if (value.getValueType() == JsonValue.ValueType.NULL) {
        values.put(variable, null);
      } else if (variable.sqlType() == Types.INTEGER) {
        values.put(variable, json.getInt(name));
      } else if (variable.sqlType() == Types.TIMESTAMP) {
        values.put(variable, LocalDateTime.parse(json.getString(name)));
      } else {
        values.put(variable, json.getString(name));
      }
    });
    return values;
  }
}
