package io.vesana.api.profiles;

import io.vesana.api.problems.BodyFields;
import io.vesana.profiles.ProfileDraft;
import io.vesana.profiles.ProfileView;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Set;

/** Profile JSON in and out. */
final class ProfileJson {

  private static final Set<String> FIELDS =
      Set.of("tenant_id", "name", "description", "auto_create_services");

  private ProfileJson() {}

  static JsonObject write(ProfileView p) {
    var b =
        Json.createObjectBuilder()
            .add("id", p.id())
            .add("tenant_id", p.tenantId())
            .add("name", p.name())
            .add("auto_create_services", p.autoCreateServices())
            .add("created_at", p.createdAt().toString())
            .add("version", p.version());
    if (p.description() == null) {
      b.addNull("description");
    } else {
      b.add("description", p.description());
    }
    return b.build();
  }

  static ProfileDraft read(JsonObject body, boolean tenantAllowed) {
    JsonObject b = BodyFields.only(body, FIELDS);
    Long tenant = BodyFields.id(b, "tenant_id");
    if (tenant != null && !tenantAllowed) {
      throw BodyFields.invalid(
          "tenant_id", "tenant_id can only be chosen by a super admin creating a profile");
    }
    return new ProfileDraft(
        tenant,
        BodyFields.string(b, "name", 200, true),
        BodyFields.string(b, "description", 2000, false),
        bool(b, "auto_create_services", true));
  }

  static boolean bool(JsonObject b, String k, boolean fallback) {
    JsonValue v = b.get(k);
    if (v == null || v == JsonValue.NULL) {
      return fallback;
    }
    if (v == JsonValue.TRUE || v == JsonValue.FALSE) {
      return v == JsonValue.TRUE;
    }
    throw BodyFields.invalid(k, k + " must be true or false");
  }
}
