package io.vesana.hostservices;

import io.vesana.checks.CheckKind;
import io.vesana.checks.CheckSettings;
import io.vesana.checks.FieldError;
import io.vesana.checks.InvalidCheckException;
import io.vesana.checks.Thresholds;
import io.vesana.profiles.ProfileCheckView;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a host service draft against its profile check (or, standalone, against its own kind): the
 * effective settings, i.e. the profile check's with the overrides applied, must be valid settings
 * of the kind, and every error points at the field the user wrote (an override key, a setting).
 * Pure: no persistence.
 */
final class ServiceValidation {

  private ServiceValidation() {}

  /** Also yields the kind the service will have. */
  record Result(CheckKind kind, ValidatedService service) {}

  static Result validate(HostServiceDraft d, ProfileCheckView check) {
    List<FieldError> errors = new ArrayList<>();
    Thresholds.check(d.warnThreshold(), "/warn_threshold", errors);
    Thresholds.check(d.critThreshold(), "/crit_threshold", errors);
    JsonObject overrides = d.overrides() == null ? JsonValue.EMPTY_JSON_OBJECT : d.overrides();
    CheckKind kind;
    String settings = null;
    if (check != null) {
      kind = check.kind();
      if (d.kind() != null && !d.kind().equals(kind.code())) {
        errors.add(
            new FieldError("/kind", "kind must be " + kind.code() + ", the profile check's"));
      }
      if (d.settings() != null) {
        errors.add(
            new FieldError(
                "/settings", "a service of a profile check takes overrides, not settings"));
      }
      validateMerged(kind, check.settings(), overrides, errors);
    } else {
      kind = d.kind() == null ? null : CheckKind.byCode(d.kind()).orElse(null);
      settings = standalone(kind, d, overrides, errors);
    }
    if (!errors.isEmpty()) {
      throw new InvalidCheckException(errors);
    }
    return new Result(kind, new ValidatedService(d, settings, overrides.toString()));
  }

  /** A service without a profile check: kind and settings of its own, no overrides. */
  private static String standalone(
      CheckKind kind, HostServiceDraft d, JsonObject overrides, List<FieldError> errors) {
    String settings = null;
    if (kind == null) {
      errors.add(
          new FieldError(
              "/kind", "kind is required without profile_check_id and must be a check kind"));
    } else if (d.settings() == null) {
      errors.add(new FieldError("/settings", "settings are required without profile_check_id"));
    } else {
      settings = parse(kind, d.settings(), "/settings", errors);
    }
    if (!overrides.isEmpty()) {
      errors.add(
          new FieldError("/overrides", "overrides apply only to a service of a profile check"));
    }
    return settings;
  }

  private static void validateMerged(
      CheckKind kind, JsonObject base, JsonObject overrides, List<FieldError> errors) {
    JsonObjectBuilder merged = Json.createObjectBuilder(base);
    for (var e : overrides.entrySet()) {
      if (e.getValue().getValueType() == JsonValue.ValueType.NULL) {
        errors.add(new FieldError("/overrides/" + e.getKey(), e.getKey() + " must not be null"));
      } else {
        merged.add(e.getKey(), e.getValue());
      }
    }
    List<FieldError> found = new ArrayList<>();
    parse(kind, merged.build(), "/overrides", found);
    // A key the profile check set and the overrides did not touch cannot be wrong here.
    found.stream()
        .filter(
            f -> overrides.containsKey(f.pointer().substring("/overrides/".length()).split("/")[0]))
        .forEach(errors::add);
  }

  private static String parse(
      CheckKind kind, JsonObject json, String base, List<FieldError> errors) {
    try {
      return CheckSettings.parse(kind, json, base).toJson().toString();
    } catch (InvalidCheckException e) {
      errors.addAll(e.errors());
      return null;
    }
  }
}
