package io.vesana.reports.internal;

import io.vesana.reports.AvailabilityQuery;
import io.vesana.reports.AvailabilityTally.Window;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/**
 * One-off downtimes covering a service in a period: on the service, on its host (with children), or
 * on the host's group or an ancestor group (with children). A cancelled downtime counts until it
 * was cancelled. Recurring downtimes (rrule) are not expanded here: their occurrences need the
 * downtime calendar of the downtimes feature, which does not exist yet; reports say so.
 */
final class DowntimeWindows {

  private DowntimeWindows() {}

  static List<Window> of(Connection c, long tenant, long host, long service, AvailabilityQuery q)
      throws SQLException {
    List<Window> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "WITH RECURSIVE up(id, parent_id) AS ("
                + " SELECT g.id, g.parent_id FROM host_groups g JOIN hosts h"
                + " ON h.tenant_id = g.tenant_id AND h.host_group_id = g.id"
                + " WHERE h.tenant_id = ? AND h.id = ?"
                + " UNION SELECT p.id, p.parent_id FROM host_groups p JOIN up ON p.id = up.parent_id"
                + " WHERE p.tenant_id = ?)"
                + " SELECT d.starts_at, least(d.ends_at, coalesce(d.cancelled_at, d.ends_at))"
                + " FROM downtimes d WHERE d.tenant_id = ? AND d.rrule IS NULL"
                + " AND d.starts_at < ? AND d.ends_at > ?"
                + " AND ((d.scope = 'service' AND d.host_id = ? AND d.service_id = ?)"
                + " OR (d.scope = 'host' AND d.host_id = ? AND d.include_children)"
                + " OR (d.scope = 'host_group' AND d.include_children"
                + " AND d.host_group_id IN (SELECT id FROM up))"
                + " OR (d.scope = 'host_group' AND d.host_group_id = (SELECT h.host_group_id"
                + " FROM hosts h WHERE h.tenant_id = ? AND h.id = ?)))")) {
      ps.setLong(1, tenant);
      ps.setLong(2, host);
      ps.setLong(3, tenant);
      ps.setLong(4, tenant);
      ps.setTimestamp(5, Timestamp.from(q.to()));
      ps.setTimestamp(6, Timestamp.from(q.from()));
      ps.setLong(7, host);
      ps.setLong(8, service);
      ps.setLong(9, host);
      ps.setLong(10, tenant);
      ps.setLong(11, host);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Window(rs.getTimestamp(1).toInstant(), rs.getTimestamp(2).toInstant()));
        }
      }
    }
    return out;
  }
}
