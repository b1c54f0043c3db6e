package io.vesana.downtimes;

import io.vesana.downtimes.internal.JdbcDowntimes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/**
 * "Is this host or service in downtime at this instant?" for alerting: a downtime on the service
 * itself, on its host (for a service only with {@code include_children}), or on the host's group
 * or, with {@code include_children}, on an ancestor group. Stateless and thread-safe; runs on the
 * caller's connection.
 */
public final class DowntimeLookup {

  private static final String SQL =
      "WITH RECURSIVE groups (id, depth) AS ("
          + " SELECT host_group_id, 0 FROM hosts"
          + "  WHERE tenant_id = ? AND id = ? AND host_group_id IS NOT NULL"
          + " UNION ALL SELECT g.parent_id, groups.depth + 1 FROM host_groups g"
          + "  JOIN groups ON g.tenant_id = ? AND g.id = groups.id"
          + "  WHERE g.parent_id IS NOT NULL AND groups.depth < 64)"
          + " SELECT "
          + JdbcDowntimes.COLUMNS
          + " FROM downtimes d WHERE d.tenant_id = ? AND d.cancelled_at IS NULL"
          + " AND d.starts_at <= ? AND (d.ends_at IS NULL OR d.ends_at > ?) AND ("
          + " (d.scope = 'service' AND d.host_id = ? AND d.service_id = ?)"
          + " OR (d.scope = 'host' AND d.host_id = ? AND (?::bigint IS NULL OR d.include_children))"
          + " OR (d.scope = 'host_group' AND EXISTS (SELECT 1 FROM groups"
          + "   WHERE groups.id = d.host_group_id AND (groups.depth = 0 OR d.include_children))))"
          + " ORDER BY d.id";

  /** The id of a downtime covering the host ({@code serviceId} null) or service at {@code at}. */
  public Optional<Long> inDowntime(
      Connection c, long tenantId, long hostId, Long serviceId, Instant at) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SQL)) {
      ps.setLong(1, tenantId);
      ps.setLong(2, hostId);
      ps.setLong(3, tenantId);
      ps.setLong(4, tenantId);
      ps.setTimestamp(5, Timestamp.from(at));
      ps.setTimestamp(6, Timestamp.from(at));
      ps.setLong(7, hostId);
      ps.setObject(8, serviceId, java.sql.Types.BIGINT);
      ps.setLong(9, hostId);
      ps.setObject(10, serviceId, java.sql.Types.BIGINT);
      try (var rs = ps.executeQuery()) {
        while (rs.next()) {
          DowntimeView d = JdbcDowntimes.row(rs);
          if (d.activeAt(at)) {
            return Optional.of(d.id());
          }
        }
      }
    }
    return Optional.empty();
  }
}
