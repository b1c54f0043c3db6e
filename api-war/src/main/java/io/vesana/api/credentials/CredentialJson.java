package io.vesana.api.credentials;

import io.vesana.api.problems.Problem;
import io.vesana.credentials.CredentialView;
import io.vesana.credentials.IssuedCredential;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

  /** Refuses unknown fields; returns the body. */
  static JsonObject only(JsonObject body, Set<String> fields) {
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

  static String string(JsonObject o, String k, int max, boolean required) {
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

  static Long id(JsonObject o, String k) {
    JsonValue v = o.get(k);
    if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    if (v instanceof JsonNumber n && n.isIntegral() && n.longValue() > 0) {
      return n.longValue();
    }
    throw invalid(k, k + " must be a positive integer id");
  }

  static Instant futureTime(JsonObject o, String k) {
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

  static Problem invalid(String field, String detail) {
    return new Problem(
        400,
        "urn:vesana:problem:invalid-request",
        "Invalid request",
        detail + ".",
        Map.of("errors", List.of(Map.of("pointer", "/" + field, "detail", detail))));
  }
}
