package io.vesana.api.settings;

import io.vesana.api.problems.Problem;
import io.vesana.settings.InvalidSettingException;
import io.vesana.settings.SettingDefinition;
import io.vesana.settings.SettingValue;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The REST shape of settings, both directions. */
final class SettingsJson {

  private SettingsJson() {}

  static JsonObject write(Long tenantId, List<SettingValue> values) {
    JsonArrayBuilder items = Json.createArrayBuilder();
    JsonObjectBuilder flat = Json.createObjectBuilder();
    for (SettingValue v : values) {
      SettingDefinition d = v.definition();
      JsonObjectBuilder item =
          Json.createObjectBuilder()
              .add("key", d.key())
              .add("value", v.value())
              .add("type", d.type().name().toLowerCase(Locale.ROOT))
              .add("default", d.defaultValue())
              .add("is_default", v.isDefault())
              .add("description", d.description());
      if (d.type() == SettingDefinition.Type.INTEGER) {
        item.add("min", d.min()).add("max", d.max());
      } else if (d.type() == SettingDefinition.Type.STRING) {
        item.add("max_length", d.max());
      }
      if (v.updatedAt() != null) {
        item.add("updated_at", v.updatedAt().toString());
      }
      items.add(item);
      flat.add(d.key(), v.value());
    }
    JsonObjectBuilder out = Json.createObjectBuilder();
    if (tenantId != null) {
      out.add("tenant_id", tenantId);
    }
    return out.add("values", flat).add("items", items).build();
  }

  /**
   * The change a PUT body asks for: {@code {"values": {"key": value, ...}}}; a null value resets
   * the key to its default.
   */
  static Map<String, JsonValue> read(JsonObject body) {
    if (body == null) {
      throw Problem.badRequest("A JSON object body is required.");
    }
    for (String k : body.keySet()) {
      if (!k.equals("values")) {
        throw invalid("/" + pointer(k), k + " is not a field here");
      }
    }
    JsonValue values = body.get("values");
    if (!(values instanceof JsonObject o) || o.isEmpty()) {
      throw invalid("/values", "values must be an object of at least one setting");
    }
    return new LinkedHashMap<>(o);
  }

  static Problem invalid(InvalidSettingException e) {
    return invalid("/values/" + pointer(e.key()), e.getMessage());
  }

  private static Problem invalid(String pointer, String detail) {
    return new Problem(
        400,
        "urn:vesana:problem:invalid-request",
        "Invalid request",
        detail + ".",
        Map.of("errors", List.of(Map.of("pointer", pointer, "detail", detail))));
  }

  /** A JSON Pointer reference token (RFC 6901): '~' and '/' escaped. */
  private static String pointer(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }
}
