package io.vesana.api.credentials;

import io.vesana.credentials.CredentialView;
import io.vesana.credentials.IssuedCredential;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;

/** JSON of agent tokens and API keys; the secret appears only in {@link #issued}. */
final class CredentialJson {

  private CredentialJson() {}

  static JsonObject write(CredentialView v) {
    JsonObjectBuilder b =
        Json.createObjectBuilder()
            .add("id", v.id())
            .add("tenant_id", v.tenantId())
            .add("prefix", v.prefix());
    text(b, "name", v.name());
    text(b, "purpose", v.purpose());
    if (v.hostId() != null) {
      b.add("host_id", v.hostId());
    }
    time(b, "created_at", v.createdAt());
    time(b, "expires_at", v.expiresAt());
    time(b, "revoked_at", v.revokedAt());
    time(b, "last_used_at", v.lastUsedAt());
    return b.build();
  }

  /** The one answer that carries the plaintext. */
  static JsonObject issued(IssuedCredential c, String field) {
    return Json.createObjectBuilder(write(c.credential())).add(field, c.secret()).build();
  }

  private static void text(JsonObjectBuilder b, String k, String v) {
    if (v == null) {
      b.addNull(k);
    } else {
      b.add(k, v);
    }
  }

  private static void time(JsonObjectBuilder b, String k, Instant v) {
    if (v == null) {
      b.addNull(k);
    } else {
      b.add(k, v.toString());
    }
  }
}
