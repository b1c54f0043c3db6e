package io.vesana.api.profiles;

import io.vesana.api.problems.FieldReader;
import io.vesana.checks.CheckKind;
import io.vesana.checks.CheckSettings;
import io.vesana.checks.FieldError;
import io.vesana.checks.InvalidCheckException;
import io.vesana.checks.Thresholds;
import io.vesana.profiles.ProfileCheckDraft;
import io.vesana.profiles.ProfileCheckView;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Profile check JSON in and out. Reading collects every invalid field (settings validated by the
 * kind's sealed settings type) and throws them together, each with its pointer.
 */
final class CheckJson {

  private static final Set<String> FIELDS =
      Set.of(
          "name",
          "kind",
          "settings",
          "credential_id",
          "check_interval_s",
          "retry_interval_s",
          "max_check_attempts",
          "warn_threshold",
          "crit_threshold",
          "freshness_threshold_s",
          "flap_detection",
          "enabled");

  private CheckJson() {}

  static JsonObject write(ProfileCheckView c) {
    var b =
        Json.createObjectBuilder()
            .add("id", c.id())
            .add("tenant_id", c.tenantId())
            .add("profile_id", c.profileId())
            .add("name", c.name())
            .add("kind", c.kind().code())
            .add("settings", c.settings())
            .add("check_interval_s", c.checkIntervalS())
            .add("retry_interval_s", c.retryIntervalS())
            .add("max_check_attempts", c.maxCheckAttempts())
            .add("flap_detection", c.flapDetection())
            .add("enabled", c.enabled())
            .add("created_at", c.createdAt().toString())
            .add("version", c.version());
    nullable(b, "credential_id", c.credentialId());
    nullable(b, "warn_threshold", c.warnThreshold());
    nullable(b, "crit_threshold", c.critThreshold());
    nullable(b, "freshness_threshold_s", c.freshnessThresholdS());
    return b.build();
  }

  static void nullable(jakarta.json.JsonObjectBuilder b, String k, Object v) {
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

  static ProfileCheckDraft read(JsonObject body) {
    List<FieldError> errors = new ArrayList<>();
    FieldReader r = new FieldReader(body, FIELDS, errors);
    String name = r.text("name", 200, true);
    String kindCode = r.text("kind", 40, true);
    CheckKind kind = kindCode == null ? null : CheckKind.byCode(kindCode).orElse(null);
    if (kindCode != null && kind == null) {
      errors.add(new FieldError("/kind", "kind must be one of " + kinds()));
    }
    JsonObject rawSettings = r.object("settings");
    CheckSettings settings = null;
    if (kind != null) {
      try {
        settings =
            CheckSettings.parse(
                kind, rawSettings == null ? JsonValue.EMPTY_JSON_OBJECT : rawSettings, "/settings");
      } catch (InvalidCheckException e) {
        errors.addAll(e.errors());
      }
    }
    Long credential = r.id("credential_id");
    int interval = r.integer("check_interval_s", 1, 86_400, 60);
    int retry = r.integer("retry_interval_s", 1, 86_400, 60);
    int attempts = r.integer("max_check_attempts", 1, 100, 3);
    JsonObject warn = r.object("warn_threshold");
    JsonObject crit = r.object("crit_threshold");
    Thresholds.check(warn, "/warn_threshold", errors);
    Thresholds.check(crit, "/crit_threshold", errors);
    Integer freshness = r.integer("freshness_threshold_s", 1, 604_800, null);
    boolean flap = r.bool("flap_detection", true);
    boolean enabled = r.bool("enabled", true);
    if (!errors.isEmpty()) {
      throw new InvalidCheckException(errors);
    }
    return new ProfileCheckDraft(
        name,
        settings,
        credential,
        interval,
        retry,
        attempts,
        warn,
        crit,
        freshness,
        flap,
        enabled);
  }

  static String kinds() {
    return java.util.Arrays.stream(CheckKind.values()).map(CheckKind::code).toList().toString();
  }
}
