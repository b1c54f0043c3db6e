package io.vesana.api.hostgroups;

import io.vesana.api.problems.BodyFields;
import io.vesana.hosts.HostGroupDraft;
import io.vesana.hosts.HostGroupView;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.Set;

/** Host group JSON in and out; input errors are 400 problems with a pointer to the field. */
final class HostGroupJson {

  private static final Set<String> FIELDS = Set.of("tenant_id", "name", "description", "parent_id");

  private HostGroupJson() {}

  static JsonObject write(HostGroupView g) {
    JsonObjectBuilder b =
        Json.createObjectBuilder()
            .add("id", g.id())
            .add("tenant_id", g.tenantId())
            .add("name", g.name())
            .add("version", g.version());
    if (g.description() == null) {
      b.addNull("description");
    } else {
      b.add("description", g.description());
    }
    if (g.parentId() == null) {
      b.addNull("parent_id");
    } else {
      b.add("parent_id", g.parentId());
    }
    b.add("created_at", g.createdAt().toString());
    return b.build();
  }

  static HostGroupDraft read(JsonObject body, boolean tenantAllowed) {
    if (body == null) {
      throw BodyFields.invalid("name", "a JSON object with name is required");
    }
    JsonObject b = BodyFields.only(body, FIELDS);
    Long tenant = BodyFields.id(b, "tenant_id");
    if (tenant != null && !tenantAllowed) {
      throw BodyFields.invalid(
          "tenant_id", "tenant_id can only be chosen by a super admin creating a group");
    }
    return new HostGroupDraft(
        tenant,
        BodyFields.string(b, "name", 200, true),
        BodyFields.string(b, "description", 2000, false),
        BodyFields.id(b, "parent_id"));
  }
}
