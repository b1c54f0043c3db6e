package io.vesana.api.edge;

import io.vesana.edge.EdgeComponentView;
import io.vesana.edge.EdgeIdentity;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/** JSON of collectors and agents as listed: never a key or token. */
final class EdgeJson {

  private EdgeJson() {}

  static JsonObject write(EdgeComponentView v) {
    JsonObjectBuilder b =
        Json.createObjectBuilder()
            .add("id", v.id())
            .add("tenant_id", v.tenantId())
            .add("status", v.status());
    boolean agent = v.kind() == EdgeIdentity.Kind.AGENT;
    nullable(b, agent ? "hostname" : "name", v.name());
    if (agent) {
      nullable(b, "host_id", v.hostId());
      nullable(b, "agent_token_id", v.credentialId());
      nullable(b, "os", v.os());
      nullable(b, "arch", v.arch());
    } else {
      nullable(b, "description", v.description());
      nullable(b, "api_key_id", v.credentialId());
    }
    nullable(b, "software_version", v.softwareVersion());
    nullable(b, "last_seen_at", v.lastSeenAt());
    nullable(b, "last_address", v.lastAddress());
    nullable(b, "created_at", v.createdAt());
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
}
