package org.ccphone.web;

import static org.ccphone.Jsons.JSON;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.Response.Status;
import java.io.StringReader;

/** The body of a login, checked field by field so that a 400 names what is wrong. */
record LoginRequest(String username, String password) {
  private static final int MAX_LENGTH = 256;

  static LoginRequest parse(String body) {
    JsonObject json;
    try (JsonReader reader = JSON.createReader(new StringReader(body == null ? "" : body))) {
      json = reader.readObject();
    } catch (JsonException | IllegalStateException e) {
      throw new ApiError(Status.BAD_REQUEST, "malformed_json",
          "the body must be a JSON object {\"username\": ..., \"password\": ...}");
    }
    return new LoginRequest(field(json, "username"), field(json, "password"));
  }

  private static String field(JsonObject json, String name) {
    JsonValue value = json.get(name);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      throw new ApiError(Status.BAD_REQUEST, "missing_field", "field '" + name + "' is required");
    }
    if (!(value instanceof JsonString text) || text.getString().isEmpty()) {
      throw new ApiError(Status.BAD_REQUEST, "invalid_field", "field '" + name + "' must be a non-empty string");
    }
    if (text.getString().length() > MAX_LENGTH) {
      throw new ApiError(Status.BAD_REQUEST, "invalid_field", "field '" + name + "' is longer than " + MAX_LENGTH + " characters");
    }
    return text.getString();
  }
}
