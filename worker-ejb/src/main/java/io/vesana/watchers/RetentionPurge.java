package io.vesana.watchers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The auto-purge: removes what is older than the installation's retention settings ({@code
 * system_settings} {@code retention.*_days}): whole check_results partitions (or TimescaleDB
 * chunks), state changes, finished notification deliveries, audit records, and refresh tokens
 * expired for a week. Each step is one of the schema's purge functions, so the SQL that decides
 * what is old lives in one place. Idempotent; the watcher runs it hourly on one replica.
 */
public final class RetentionPurge {

  /** Setting → purge function; a missing setting skips its step. */
  private static final Map<String, String> STEPS = new LinkedHashMap<>();

  static {
    STEPS.put("retention.check_results_days", "vesana_drop_check_result_partitions_before");
    STEPS.put("retention.state_changes_days", "vesana_purge_state_changes_before");
    STEPS.put(
        "retention.notification_deliveries_days", "vesana_purge_notification_deliveries_before");
    STEPS.put("retention.audit_log_days", "vesana_purge_audit_log_before");
  }

  /** Runs every step in its own transaction; returns rows (or partitions) removed per step. */
  public Map<String, Long> run(Connection c) throws SQLException {
    c.setAutoCommit(true);
    Map<String, Long> removed = new LinkedHashMap<>();
    for (Map.Entry<String, String> step : STEPS.entrySet()) {
      Long days = days(c, step.getKey());
      if (days == null) {
        continue;
      }
      removed.put(step.getValue(), call(c, step.getValue(), days + " days"));
    }
    removed.put(
        "vesana_purge_refresh_tokens_before",
        call(c, "vesana_purge_refresh_tokens_before", "7 days"));
    return removed;
  }

  private static Long days(Connection c, String key) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT (value #>> '{}')::bigint FROM system_settings WHERE key = ?")) {
      ps.setString(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        long d = rs.getLong(1);
        // A retention below one day is a typo, not a wish to lose today's data.
        return rs.wasNull() || d < 1 ? null : d;
      }
    }
  }

  private static long call(Connection c, String function, String age) throws SQLException {
    // The function name comes from the fixed table above, never from input.
    try (PreparedStatement ps =
        c.prepareStatement("SELECT " + function + "(now() - ?::interval)")) {
      ps.setString(1, age);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
