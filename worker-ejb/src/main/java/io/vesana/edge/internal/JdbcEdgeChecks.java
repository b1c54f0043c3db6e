package io.vesana.edge.internal;

import io.vesana.checks.CheckKind;
import io.vesana.checks.CheckLayer;
import io.vesana.checks.EffectiveCheck;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the host services an agent or collector runs, in one query, and merges each with its
 * profile check through {@link EffectiveCheck} (the one merge rule). Disabled hosts and services
 * (or disabled profile checks) are left out. Ordered by host and service id, so equal configuration
 * is equal JSON.
 */
public final class JdbcEdgeChecks {

  private static final String SELECT =
      "SELECT h.id, h.name, h.address, hs.id, hs.name, hs.kind, hs.profile_check_id,"
          + " hs.settings, hs.overrides, hs.credential_id, hs.check_interval_s,"
          + " hs.retry_interval_s, hs.max_check_attempts, hs.warn_threshold, hs.crit_threshold,"
          + " hs.freshness_threshold_s, hs.enabled,"
          + " pc.settings, pc.credential_id, pc.check_interval_s, pc.retry_interval_s,"
          + " pc.max_check_attempts, pc.warn_threshold, pc.crit_threshold,"
          + " pc.freshness_threshold_s, pc.enabled"
          + " FROM hosts h JOIN host_services hs ON hs.tenant_id = h.tenant_id AND hs.host_id = h.id"
          + " LEFT JOIN profile_checks pc"
          + " ON pc.tenant_id = hs.tenant_id AND pc.id = hs.profile_check_id"
          + " WHERE h.tenant_id = ? AND h.enabled AND hs.kind = ANY (?) AND ";

  private JdbcEdgeChecks() {}

  /** The checks of one host that {@code runner} runs; credential ids used go to {@code used}. */
  public static JsonArrayBuilder ofHost(
      Connection c, long tenant, long hostId, CheckKind.Runner runner, Set<Long> used)
      throws SQLException {
    return query(c, SELECT + "h.id = ? ORDER BY h.id, hs.id", tenant, hostId, runner, used);
  }

  /** The checks of every host assigned to the collector. */
  public static JsonArrayBuilder ofCollector(
      Connection c, long tenant, long collectorId, Set<Long> used) throws SQLException {
    return query(
        c,
        SELECT + "h.collector_id = ? ORDER BY h.id, hs.id",
        tenant,
        collectorId,
        CheckKind.Runner.COLLECTOR,
        used);
  }

  private static JsonArrayBuilder query(
      Connection c, String sql, long tenant, long id, CheckKind.Runner runner, Set<Long> used)
      throws SQLException {
    String[] kinds =
        Arrays.stream(CheckKind.values())
            .filter(k -> k.runner() == runner)
            .map(CheckKind::code)
            .toArray(String[]::new);
    JsonArrayBuilder out = Json.createArrayBuilder();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, tenant);
      ps.setArray(2, c.createArrayOf("text", kinds));
      ps.setLong(3, id);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          CheckKind kind = CheckKind.byCode(rs.getString(6)).orElseThrow();
          boolean standalone = rs.getObject(7) == null;
          EffectiveCheck e =
              EffectiveCheck.of(
                  standalone ? null : layer(rs, kind, 18, true), layer(rs, kind, 8, false));
          if (e.enabled()) {
            out.add(check(rs, e));
            if (e.credentialId().value() != null) {
              used.add(e.credentialId().value());
            }
          }
        }
      }
    }
    return out;
  }

  /**
   * The layer in columns from {@code at}: settings, [overrides,] credential, interval, retry,
   * attempts, warn, crit, freshness, enabled.
   */
  private static CheckLayer layer(ResultSet rs, CheckKind kind, int at, boolean profileCheck)
      throws SQLException {
    int i = at;
    JsonObject settings = json(rs.getString(i++));
    JsonObject overrides = profileCheck ? null : json(rs.getString(i++));
    return new CheckLayer(
        kind,
        settings,
        overrides,
        rs.getObject(i++, Long.class),
        rs.getObject(i++, Integer.class),
        rs.getObject(i++, Integer.class),
        rs.getObject(i++, Integer.class),
        json(rs.getString(i++)),
        json(rs.getString(i++)),
        rs.getObject(i++, Integer.class),
        rs.getBoolean(i));
  }

  private static JsonObject check(ResultSet rs, EffectiveCheck e) throws SQLException {
    JsonObjectBuilder b =
        Json.createObjectBuilder()
            .add("service_id", rs.getLong(4))
            .add("host_id", rs.getLong(1))
            .add("host", rs.getString(2));
    nullable(b, "address", rs.getString(3));
    b.add("service", rs.getString(5))
        .add("kind", e.kind().code())
        .add("settings", e.settingsJson())
        .add("check_interval_s", e.checkIntervalS().value())
        .add("retry_interval_s", e.retryIntervalS().value())
        .add("max_check_attempts", e.maxCheckAttempts().value());
    nullable(b, "warn_threshold", e.warnThreshold().value());
    nullable(b, "crit_threshold", e.critThreshold().value());
    nullable(b, "freshness_threshold_s", e.freshnessThresholdS().value());
    nullable(b, "credential_id", e.credentialId().value());
    return b.build();
  }

  private static void nullable(JsonObjectBuilder b, String k, Object v) {
    if (v == null) {
      b.addNull(k);
    } else if (v instanceof JsonValue j) {
      b.add(k, j);
    } else if (v instanceof Long l) {
      b.add(k, l);
    } else if (v instanceof Integer n) {
      b.add(k, n);
    } else {
      b.add(k, v.toString());
    }
  }

  private static JsonObject json(String text) {
    if (text == null) {
      return null;
    }
    try (var r = Json.createReader(new StringReader(text))) {
      return r.readObject();
    }
  }

  /** Sorted, so the credential list is in a stable order too. */
  public static Set<Long> newUsedSet() {
    return new TreeSet<>();
  }
}
