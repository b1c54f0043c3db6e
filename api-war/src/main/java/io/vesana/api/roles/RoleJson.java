package io.vesana.api.roles;

import io.vesana.api.problems.BodyFields;
import io.vesana.api.problems.Problem;
import io.vesana.auth.RoleDraft;
import io.vesana.auth.RoleException;
import io.vesana.auth.RoleView;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** Role JSON in and out, and the problem each refused role change answers with. */
public final class RoleJson {

  private static final Set<String> FIELDS =
      Set.of("tenant_id", "name", "description", "permissions", "read_tenant_ids");

  private RoleJson() {}

  static JsonObject write(RoleView r) {
    JsonArrayBuilder permissions = Json.createArrayBuilder();
    r.permissions().stream().sorted().forEach(permissions::add);
    JsonArrayBuilder reads = Json.createArrayBuilder();
    r.readTenants().forEach(reads::add);
    JsonObjectBuilder b =
        Json.createObjectBuilder()
            .add("name", r.name())
            .add("built_in", r.builtIn())
            .add("permissions", permissions)
            .add("read_tenant_ids", reads);
    if (r.builtIn()) {
      b.addNull("id").addNull("tenant_id");
    } else {
      b.add("id", r.id()).add("tenant_id", r.tenantId()).add("version", r.version());
    }
    if (r.description() == null) {
      b.addNull("description");
    } else {
      b.add("description", r.description());
    }
    return b.build();
  }

  static RoleDraft read(JsonObject body, boolean tenantAllowed) {
    if (body == null) {
      throw Problem.badRequest("A JSON object body is required.");
    }
    JsonObject b = BodyFields.only(body, FIELDS);
    Long tenant = BodyFields.id(b, "tenant_id");
    if (tenant != null && !tenantAllowed) {
      throw BodyFields.invalid("tenant_id", "tenant_id can only be chosen by a super admin");
    }
    String name = BodyFields.string(b, "name", 100, true);
    if (name.startsWith("custom:")) {
      throw BodyFields.invalid("name", "name must not start with custom:");
    }
    String description = BodyFields.string(b, "description", 1000, false);
    return new RoleDraft(
        tenant, name, description, strings(b, "permissions", true), ids(b, "read_tenant_ids"));
  }

  /** A JSON array of strings, each non-blank; absent → empty unless required. */
  public static Set<String> strings(JsonObject b, String k, boolean required) {
    JsonValue v = b.get(k);
    if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
      if (required) {
        throw BodyFields.invalid(k, k + " is required");
      }
      return Set.of();
    }
    Set<String> out = new LinkedHashSet<>();
    if (!(v instanceof JsonArray a) || a.size() > 100) {
      throw BodyFields.invalid(k, k + " must be an array of at most 100 strings");
    }
    for (JsonValue e : a) {
      if (!(e instanceof JsonString s) || s.getString().isBlank()) {
        throw BodyFields.invalid(k, k + " must be an array of strings");
      }
      out.add(s.getString());
    }
    return out;
  }

  /** A JSON array of positive integer ids; absent → empty. */
  public static Set<Long> ids(JsonObject b, String k) {
    JsonValue v = b.get(k);
    if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
      return Set.of();
    }
    Set<Long> out = new LinkedHashSet<>();
    if (!(v instanceof JsonArray a) || a.size() > 100) {
      throw BodyFields.invalid(k, k + " must be an array of at most 100 ids");
    }
    for (JsonValue e : a) {
      if (!(e instanceof JsonNumber n) || !n.isIntegral() || n.longValue() < 1) {
        throw BodyFields.invalid(k, k + " must be an array of positive integer ids");
      }
      out.add(n.longValue());
    }
    return out;
  }

  /** The answer to a refused role change: 400 with a pointer, 409, or 403. */
  public static Problem problem(RoleException e) {
    return switch (e.kind()) {
      case INVALID -> BodyFields.invalid(e.field(), e.getMessage());
      case NAME_TAKEN -> Problem.conflict(e.getMessage() + ".");
      case NOT_ALLOWED ->
          new Problem(
              403,
              "urn:vesana:problem:forbidden",
              "Not allowed",
              e.getMessage() + ".",
              Map.of("errors", java.util.List.of(Map.of("pointer", "/" + e.field()))));
    };
  }
}
