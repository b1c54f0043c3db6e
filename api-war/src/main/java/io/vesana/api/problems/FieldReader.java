package io.vesana.api.problems;

import io.vesana.checks.FieldError;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Set;

/**
 * Typed fields of a request body, every error collected with its JSON pointer (unlike {@link
 * BodyFields}, which stops at the first), for bodies where a user fixes several fields at once.
 */
public final class FieldReader {
  private final JsonObject o;
  private final List<FieldError> errors;

  public FieldReader(JsonObject body, Set<String> fields, List<FieldError> errors) {
    this.o = body == null ? JsonValue.EMPTY_JSON_OBJECT : body;
    this.errors = errors;
    for (String k : o.keySet()) {
      if (!fields.contains(k)) {
        errors.add(new FieldError("/" + k, k + " is not a field here"));
      }
    }
  }

  private JsonValue value(String k) {
    JsonValue v = o.get(k);
    return v == null || v.getValueType() == JsonValue.ValueType.NULL ? null : v;
  }

  public String text(String k, int max, boolean required) {
    JsonValue v = value(k);
    if (v == null) {
      if (required) {
        errors.add(new FieldError("/" + k, k + " is required"));
      }
      return null;
    }
    if (v instanceof JsonString s
        && !s.getString().isBlank()
        && s.getString().length() <= max
        && s.getString().chars().noneMatch(Character::isISOControl)) {
      return s.getString().strip();
    }
    errors.add(
        new FieldError(
            "/" + k, k + " must be a non-blank string of at most " + max + " characters"));
    return null;
  }

  public Integer integer(String k, int min, int max, Integer fallback) {
    JsonValue v = value(k);
    if (v == null) {
      return fallback;
    }
    if (v instanceof JsonNumber n
        && n.isIntegral()
        && n.longValue() >= min
        && n.longValue() <= max) {
      return n.intValue();
    }
    errors.add(new FieldError("/" + k, k + " must be an integer from " + min + " to " + max));
    return fallback;
  }

  public Long id(String k) {
    JsonValue v = value(k);
    if (v == null) {
      return null;
    }
    if (v instanceof JsonNumber n && n.isIntegral() && n.longValue() > 0) {
      return n.longValue();
    }
    errors.add(new FieldError("/" + k, k + " must be a positive integer id"));
    return null;
  }

  public JsonObject object(String k) {
    JsonValue v = value(k);
    if (v == null) {
      return null;
    }
    if (v instanceof JsonObject j) {
      return j;
    }
    errors.add(new FieldError("/" + k, k + " must be a JSON object"));
    return null;
  }

  public boolean bool(String k, boolean fallback) {
    JsonValue v = value(k);
    if (v == null) {
      return fallback;
    }
    if (v == JsonValue.TRUE || v == JsonValue.FALSE) {
      return v == JsonValue.TRUE;
    }
    errors.add(new FieldError("/" + k, k + " must be true or false"));
    return fallback;
  }
}
