package io.vesana.settings;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * One setting: its key (as stored), its type, bounds and default. Immutable.
 *
 * @param min for integers the smallest value; for strings the shortest length
 * @param max for integers the largest value; for strings the longest length
 */
public record SettingDefinition(
    String key, Type type, JsonValue defaultValue, long min, long max, String description) {

  /** The JSON type a value must have. */
  public enum Type {
    BOOLEAN,
    INTEGER,
    STRING
  }

  public static SettingDefinition bool(String key, boolean dflt, String description) {
    return new SettingDefinition(
        key, Type.BOOLEAN, dflt ? JsonValue.TRUE : JsonValue.FALSE, 0, 0, description);
  }

  public static SettingDefinition integer(
      String key, long dflt, long min, long max, String description) {
    return new SettingDefinition(key, Type.INTEGER, Json.createValue(dflt), min, max, description);
  }

  public static SettingDefinition text(String key, String dflt, int maxLength, String description) {
    return new SettingDefinition(
        key, Type.STRING, Json.createValue(dflt), 1, maxLength, description);
  }

  /**
   * The value to store for {@code v}, or {@link InvalidSettingException} saying what is expected.
   * Strings are stripped; integers must be integral JSON numbers (not {@code "5"}, not {@code
   * 5.5}).
   */
  public JsonValue validate(JsonValue v) {
    switch (type) {
      case BOOLEAN -> {
        if (v == JsonValue.TRUE || v == JsonValue.FALSE) {
          return v;
        }
        if (v != null && v.getValueType() == JsonValue.ValueType.TRUE) {
          return JsonValue.TRUE;
        }
        if (v != null && v.getValueType() == JsonValue.ValueType.FALSE) {
          return JsonValue.FALSE;
        }
        throw new InvalidSettingException(key, "must be true or false");
      }
      case INTEGER -> {
        if (v instanceof JsonNumber n && n.isIntegral()) {
          long l;
          try {
            l = n.longValueExact();
          } catch (ArithmeticException e) {
            throw outOfRange();
          }
          if (l < min || l > max) {
            throw outOfRange();
          }
          return Json.createValue(l);
        }
        throw new InvalidSettingException(key, "must be an integer from " + min + " to " + max);
      }
      case STRING -> {
        if (v instanceof JsonString s) {
          String t = s.getString().strip();
          if (t.length() >= min && t.length() <= max) {
            return Json.createValue(t);
          }
        }
        throw new InvalidSettingException(
            key, "must be a non-blank string of at most " + max + " characters");
      }
      default -> throw new IllegalStateException(type.name());
    }
  }

  private InvalidSettingException outOfRange() {
    return new InvalidSettingException(key, "must be an integer from " + min + " to " + max);
  }
}
