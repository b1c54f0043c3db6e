package io.vesana.settings;

import io.vesana.auth.twofactor.TwoFactorPolicy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every setting that can be stored. A key not listed here is refused, so a typo in a request cannot
 * leave a row nobody reads. Keys follow the database's format ({@code section.name}).
 *
 * <p>Retention is installation-wide only: check results are dropped by whole time partitions shared
 * by all tenants, so a per-tenant retention could not be honoured.
 */
public final class SettingCatalog {

  /** Per-tenant settings. */
  public static final SettingCatalog TENANT =
      new SettingCatalog(
          List.of(
              SettingDefinition.bool(
                  TwoFactorPolicy.TENANT_SETTING,
                  false,
                  "Everyone in the tenant must use two-factor authentication"),
              SettingDefinition.integer(
                  "checks.default_interval_seconds",
                  300,
                  10,
                  86_400,
                  "Check interval of new checks that do not set one"),
              SettingDefinition.integer(
                  "checks.default_retry_interval_seconds",
                  60,
                  10,
                  86_400,
                  "Interval between re-checks of a soft problem, for new checks"),
              SettingDefinition.integer(
                  "checks.default_max_attempts",
                  3,
                  1,
                  20,
                  "Failed attempts before a problem becomes hard, for new checks")));

  /** Installation-wide settings (super admins); the retention keys are seeded by migration V1. */
  public static final SettingCatalog SYSTEM =
      new SettingCatalog(
          List.of(
              retention("retention.check_results_days", 90, "Keep check results this many days"),
              retention("retention.state_changes_days", 400, "Keep state changes this many days"),
              retention("retention.audit_log_days", 400, "Keep audit records this many days"),
              retention(
                  "retention.notification_deliveries_days",
                  90,
                  "Keep notification deliveries this many days"),
              SettingDefinition.text(
                  "instance.name", "Vesana", 100, "Name of this installation, shown in the UI")));

  private final Map<String, SettingDefinition> byKey = new LinkedHashMap<>();

  private SettingCatalog(List<SettingDefinition> definitions) {
    definitions.forEach(d -> byKey.put(d.key(), d));
  }

  private static SettingDefinition retention(String key, long dflt, String description) {
    // At least a day: the purge ignores smaller values as typos anyway (RetentionPurge).
    return SettingDefinition.integer(key, dflt, 1, 3650, description);
  }

  public List<SettingDefinition> definitions() {
    return List.copyOf(byKey.values());
  }

  public Optional<SettingDefinition> find(String key) {
    return Optional.ofNullable(byKey.get(key));
  }
}
