package io.vesana.api.hosts;

import io.vesana.api.problems.Problem;
import io.vesana.hosts.HostDraft;
import io.vesana.hosts.HostView;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Host JSON in and out; every input error is reported with a pointer to its field. */
final class HostJson {

  private static final Set<String> FIELDS =
      Set.of(
          "tenant_id",
          "name",
          "display_name",
          "address",
          "host_group_id",
          "profile_id",
          "collector_id",
          "enabled");

  private HostJson() {}

  static JsonObject write(HostView h) {
    JsonObjectBuilder b =
        Json.createObjectBuilder()
            .add("id", h.id())
            .add("tenant_id", h.tenantId())
            .add("name", h.name())
            .add("enabled", h.enabled())
            .add("version", h.version());
    nullable(b, "display_name", h.displayName());
    nullable(b, "address", h.address());
    nullable(b, "host_group_id", h.hostGroupId());
    nullable(b, "profile_id", h.profileId());
    nullable(b, "collector_id", h.collectorId());
    nullable(b, "created_at", h.createdAt() == null ? null : h.createdAt().toString());
    return b.build();
  }

  private static void nullable(JsonObjectBuilder b, String k, Object v) {
    if (v == null) {
      b.addNull(k);
    } else if (v instanceof Long l) {
      b.add(k, l);
    } else {
      b.add(k, v.toString());
    }
  }

  static HostDraft read(JsonObject body, boolean tenantAllowed) {
    if (body == null) {
      throw Problem.badRequest("A JSON object body is required.");
    }
    List<Map<String, Object>> errors = new ArrayList<>();
    for (String k : body.keySet()) {
      if (!FIELDS.contains(k)) {
        errors.add(error(k, "is not a field of a host"));
      }
    }
    String name = text(body, "name", 255, true, errors);
    String display = text(body, "display_name", 255, false, errors);
    String address = text(body, "address", 255, false, errors);
    Long group = id(body, "host_group_id", errors);
    Long profile = id(body, "profile_id", errors);
    Long collector = id(body, "collector_id", errors);
    Long tenant = id(body, "tenant_id", errors);
    if (tenant != null && !tenantAllowed) {
      errors.add(error("tenant_id", "can only be chosen by a super admin creating a host"));
    }
    boolean enabled = true;
    JsonValue e = body.get("enabled");
    if (e != null && e.getValueType() != JsonValue.ValueType.NULL) {
      if (e == JsonValue.TRUE || e == JsonValue.FALSE) {
        enabled = e == JsonValue.TRUE;
      } else {
        errors.add(error("enabled", "must be true or false"));
      }
    }
    if (!errors.isEmpty()) {
      throw new Problem(
          400,
          "urn:vesana:problem:invalid-request",
          "Invalid request",
          "The host has " + errors.size() + " invalid field(s).",
          Map.of("errors", errors));
    }
    return new HostDraft(tenant, name, display, address, group, profile, collector, enabled);
  }

  private static String text(
      JsonObject o, String k, int max, boolean required, List<Map<String, Object>> errors) {
    JsonValue v = o.get(k);
    if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
      if (required) {
        errors.add(error(k, "is required"));
      }
      return null;
    }
    if (!(v instanceof JsonString s)) {
      errors.add(error(k, "must be a string"));
      return null;
    }
    String t = s.getString().strip();
    if (required && t.isEmpty()) {
      errors.add(error(k, "must not be blank"));
    } else if (t.length() > max) {
      errors.add(error(k, "must be at most " + max + " characters"));
    } else if (t.chars().anyMatch(Character::isISOControl)) {
      errors.add(error(k, "must not contain control characters"));
    }
    return t.isEmpty() ? null : t;
  }

  private static Long id(JsonObject o, String k, List<Map<String, Object>> errors) {
    JsonValue v = o.get(k);
    if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    if (v instanceof JsonNumber n && n.isIntegral() && n.longValue() > 0) {
      return n.longValue();
    }
    errors.add(error(k, "must be a positive integer id"));
    return null;
  }

  private static Map<String, Object> error(String field, String detail) {
    return Map.of("pointer", "/" + field, "detail", field + " " + detail);
  }
}
