package io.vesana.api.problems;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reading fields of a JSON request body, each failure a 400 problem with a JSON pointer to the
 * field. Resources of every feature use it, so the error shape is one.
 */
public final class BodyFields {

  private BodyFields() {}

  /** Refuses unknown fields; returns the body. */
  public static JsonObject only(JsonObject body, Set<String> fields) {
    if (body == null) {
      return JsonValue.EMPTY_JSON_OBJECT;
    }
    for (String k : body.keySet()) {
      if (!fields.contains(k)) {
        throw invalid(k, k + " is not a field here");
      }
    }
    return body;
  }

  public static String string(JsonObject o, String k, int max, boolean required) {
    JsonValue v = o.get(k);
    if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
      if (required) {
        throw invalid(k, k + " is required");
      }
      return null;
    }
    if (!(v instanceof JsonString s) || s.getString().isBlank() || s.getString().length() > max) {
      throw invalid(k, k + " must be a non-blank string of at most " + max + " characters");
    }
    return s.getString().strip();
  }

  public static Long id(JsonObject o, String k) {
    JsonValue v = o.get(k);
    if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    if (v instanceof JsonNumber n && n.isIntegral() && n.longValue() > 0) {
      return n.longValue();
    }
    throw invalid(k, k + " must be a positive integer id");
  }

  public static Instant futureTime(JsonObject o, String k) {
    String t = string(o, k, 40, false);
    if (t == null) {
      return null;
    }
    try {
      Instant i = Instant.parse(t);
      if (!i.isAfter(Instant.now())) {
        throw invalid(k, k + " must be in the future");
      }
      return i;
    } catch (DateTimeParseException e) {
      throw invalid(k, k + " must be an ISO-8601 instant such as 2027-01-31T00:00:00Z");
    }
  }

  public static Problem invalid(String field, String detail) {
    return new Problem(
        400,
        "urn:vesana:problem:invalid-request",
        "Invalid request",
        detail + ".",
        Map.of("errors", List.of(Map.of("pointer", "/" + field, "detail", detail))));
  }
}
