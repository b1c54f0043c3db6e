package io.vesana.api.hostservices;

import io.vesana.api.problems.FieldReader;
import io.vesana.checks.EffectiveCheck;
import io.vesana.checks.FieldError;
import io.vesana.checks.InvalidCheckException;
import io.vesana.checks.Sourced;
import io.vesana.hostservices.HostServiceDraft;
import io.vesana.hostservices.HostServiceView;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Host service JSON in and out, and the effective configuration with the source of each value. */
final class HostServiceJson {

  private static final Set<String> FIELDS =
      Set.of(
          "name",
          "profile_check_id",
          "kind",
          "settings",
          "overrides",
          "credential_id",
          "check_interval_s",
          "retry_interval_s",
          "max_check_attempts",
          "warn_threshold",
          "crit_threshold",
          "freshness_threshold_s",
          "is_host_check",
          "enabled");

  private HostServiceJson() {}

  static JsonObject write(HostServiceView s) {
    JsonObjectBuilder b =
        Json.createObjectBuilder()
            .add("id", s.id())
            .add("tenant_id", s.tenantId())
            .add("host_id", s.hostId())
            .add("name", s.name())
            .add("kind", s.kind().code())
            .add("overrides", s.overrides())
            .add("is_host_check", s.hostCheck())
            .add("enabled", s.enabled())
            .add("created_at", s.createdAt().toString())
            .add("version", s.version());
    nullable(b, "profile_check_id", s.profileCheckId());
    nullable(b, "settings", s.settings());
    nullable(b, "credential_id", s.credentialId());
    nullable(b, "check_interval_s", s.checkIntervalS());
    nullable(b, "retry_interval_s", s.retryIntervalS());
    nullable(b, "max_check_attempts", s.maxCheckAttempts());
    nullable(b, "warn_threshold", s.warnThreshold());
    nullable(b, "crit_threshold", s.critThreshold());
    nullable(b, "freshness_threshold_s", s.freshnessThresholdS());
    return b.build();
  }

  /** {@code {"value": ..., "source": "override|service|profile_check|default"}} per field. */
  static JsonObject effective(long hostId, long serviceId, EffectiveCheck e) {
    JsonObjectBuilder settings = Json.createObjectBuilder();
    e.settings().forEach((k, v) -> settings.add(k, sourced(v)));
    return Json.createObjectBuilder()
        .add("service_id", serviceId)
        .add("host_id", hostId)
        .add("kind", e.kind().code())
        .add("enabled", e.enabled())
        .add("settings", settings)
        .add("credential_id", sourced(e.credentialId()))
        .add("check_interval_s", sourced(e.checkIntervalS()))
        .add("retry_interval_s", sourced(e.retryIntervalS()))
        .add("max_check_attempts", sourced(e.maxCheckAttempts()))
        .add("warn_threshold", sourced(e.warnThreshold()))
        .add("crit_threshold", sourced(e.critThreshold()))
        .add("freshness_threshold_s", sourced(e.freshnessThresholdS()))
        .build();
  }

  private static JsonObject sourced(Sourced<?> s) {
    JsonObjectBuilder b = Json.createObjectBuilder();
    nullable(b, "value", s.value());
    return b.add("source", s.source().code()).build();
  }

  private static void nullable(JsonObjectBuilder b, String k, Object v) {
    if (v == null) {
      b.addNull(k);
    } else if (v instanceof JsonValue j) {
      b.add(k, j);
    } else if (v instanceof Long l) {
      b.add(k, l);
    } else if (v instanceof Integer i) {
      b.add(k, i);
    } else {
      b.add(k, v.toString());
    }
  }

  static HostServiceDraft read(JsonObject body) {
    List<FieldError> errors = new ArrayList<>();
    FieldReader r = new FieldReader(body, FIELDS, errors);
    HostServiceDraft d =
        new HostServiceDraft(
            r.text("name", 200, true),
            r.id("profile_check_id"),
            r.text("kind", 40, false),
            r.object("settings"),
            r.object("overrides"),
            r.id("credential_id"),
            r.integer("check_interval_s", 1, 86_400, null),
            r.integer("retry_interval_s", 1, 86_400, null),
            r.integer("max_check_attempts", 1, 100, null),
            r.object("warn_threshold"),
            r.object("crit_threshold"),
            r.integer("freshness_threshold_s", 1, 604_800, null),
            r.bool("is_host_check", false),
            r.bool("enabled", true));
    if (!errors.isEmpty()) {
      throw new InvalidCheckException(errors);
    }
    return d;
  }
}
