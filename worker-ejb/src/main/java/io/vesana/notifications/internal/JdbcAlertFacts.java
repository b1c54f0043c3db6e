package io.vesana.notifications.internal;

import io.vesana.notifications.AlertFacts;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/** Reads {@link AlertFacts} of one alert of a tenant on the caller's connection. Stateless. */
public final class JdbcAlertFacts {

  private static final String ALERT =
      "SELECT a.id, a.tenant_id, a.host_id, h.name, a.service_id, hs.name, a.severity, a.state,"
          + " a.summary, a.opened_at, a.resolved_at, a.acknowledged, h.host_group_id FROM alerts a"
          + " JOIN hosts h ON h.tenant_id = a.tenant_id AND h.id = a.host_id"
          + " LEFT JOIN host_services hs ON hs.tenant_id = a.tenant_id AND hs.id = a.service_id"
          + " WHERE a.tenant_id = ? AND a.id = ?";

  // Depth-limited like DowntimeLookup: a cycle in the parent chain cannot loop forever.
  private static final String ANCESTORS =
      "WITH RECURSIVE g (id, depth) AS (SELECT ?::bigint, 0"
          + " UNION ALL SELECT p.parent_id, g.depth + 1 FROM host_groups p"
          + "  JOIN g ON p.tenant_id = ? AND p.id = g.id"
          + "  WHERE p.parent_id IS NOT NULL AND g.depth < 64)"
          + " SELECT DISTINCT id FROM g";

  public Optional<AlertFacts> find(Connection c, long tenantId, long alertId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(ALERT)) {
      ps.setLong(1, tenantId);
      ps.setLong(2, alertId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        long service = rs.getLong(5);
        Long serviceId = rs.wasNull() ? null : service;
        Timestamp resolved = rs.getTimestamp(11);
        long group = rs.getLong(13);
        Set<Long> groups = rs.wasNull() ? Set.of() : ancestors(c, tenantId, group);
        return Optional.of(
            new AlertFacts(
                rs.getLong(1),
                rs.getLong(2),
                rs.getLong(3),
                rs.getString(4),
                serviceId,
                rs.getString(6),
                rs.getString(7),
                rs.getInt(8),
                rs.getString(9),
                rs.getTimestamp(10).toInstant(),
                resolved == null ? null : resolved.toInstant(),
                rs.getBoolean(12),
                groups));
      }
    }
  }

  private static Set<Long> ancestors(Connection c, long tenantId, long group) throws SQLException {
    Set<Long> out = new HashSet<>();
    try (PreparedStatement ps = c.prepareStatement(ANCESTORS)) {
      ps.setLong(1, group);
      ps.setLong(2, tenantId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getLong(1));
        }
      }
    }
    return Set.copyOf(out);
  }
}
