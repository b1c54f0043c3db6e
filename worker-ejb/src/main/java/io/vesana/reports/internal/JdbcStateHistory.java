package io.vesana.reports.internal;

import io.vesana.reports.AvailabilityQuery;
import io.vesana.reports.AvailabilityTally;
import io.vesana.reports.AvailabilityTally.Window;
import io.vesana.reports.ServiceAvailability;
import io.vesana.tenancy.JdbcTenantScope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The SQL behind availability reports. Services are read a page at a time (keyset by id); each
 * service's changes are streamed from the cursor into its tally, never collected, so a flapping
 * service costs time but not memory. Only hard state changes count (state_type = 1): a soft problem
 * that recovered before its last attempt was never a confirmed outage.
 */
public final class JdbcStateHistory {

  private static final String GROUP_TREE =
      "WITH RECURSIVE g(id) AS (SELECT hg.id FROM host_groups hg WHERE hg.tenant_id = h.tenant_id"
          + " AND hg.id = ? UNION SELECT c.id FROM host_groups c JOIN g ON c.parent_id = g.id"
          + " WHERE c.tenant_id = h.tenant_id) SELECT 1 FROM g WHERE g.id = h.host_group_id";

  private static final String SERVICES =
      "SELECT hs.id, hs.tenant_id, hs.host_id, h.name, hs.name FROM host_services hs"
          + " JOIN hosts h ON h.tenant_id = hs.tenant_id AND h.id = hs.host_id"
          + " WHERE (? OR hs.tenant_id = ANY (?)) AND hs.id > ? AND ";

  /** True if the host, service or group exists in a tenant the caller reads. */
  public boolean targetVisible(
      Connection c, boolean all, Collection<Long> tenants, AvailabilityQuery.Target t, long id)
      throws SQLException {
    String table =
        switch (t) {
          case HOST -> "hosts";
          case SERVICE -> "host_services";
          case HOST_GROUP -> "host_groups";
        };
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT 1 FROM " + table + " WHERE (? OR tenant_id = ANY (?)) AND id = ?")) {
      JdbcTenantScope.bind(c, ps, 1, all, tenants);
      ps.setLong(3, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** A page of the report: the next {@code limit} services after {@code afterId}, tallied. */
  public List<ServiceAvailability> page(
      Connection c,
      boolean all,
      Collection<Long> tenants,
      AvailabilityQuery q,
      long afterId,
      int limit)
      throws SQLException {
    String where =
        switch (q.target()) {
          case HOST -> "hs.host_id = ?";
          case SERVICE -> "hs.id = ?";
          case HOST_GROUP -> "EXISTS (" + GROUP_TREE + ")";
        };
    List<ServiceAvailability> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(SERVICES + where + " ORDER BY hs.id LIMIT ?")) {
      JdbcTenantScope.bind(c, ps, 1, all, tenants);
      ps.setLong(3, afterId);
      ps.setLong(4, q.targetId());
      ps.setInt(5, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long service = rs.getLong(1);
          long tenant = rs.getLong(2);
          long host = rs.getLong(3);
          var times = tally(c, tenant, host, service, q);
          out.add(
              new ServiceAvailability(
                  service, tenant, host, rs.getString(4), rs.getString(5), times));
        }
      }
    }
    return out;
  }

  private ServiceAvailability.Times tally(
      Connection c, long tenant, long host, long service, AvailabilityQuery q) throws SQLException {
    List<Window> downtimes =
        q.excludeDowntimes() ? DowntimeWindows.of(c, tenant, host, service, q) : List.of();
    AvailabilityTally tally =
        new AvailabilityTally(
            q.from(), q.to(), initialState(c, tenant, host, service, q), downtimes);
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT changed_at, new_state FROM state_changes WHERE tenant_id = ? AND host_id = ?"
                + " AND service_id = ? AND state_type = 1 AND changed_at >= ? AND changed_at < ?"
                + " ORDER BY changed_at, id")) {
      bind(ps, tenant, host, service);
      ps.setTimestamp(4, Timestamp.from(q.from()));
      ps.setTimestamp(5, Timestamp.from(q.to()));
      ps.setFetchSize(1000);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          tally.change(rs.getTimestamp(1).toInstant(), rs.getInt(2));
        }
      }
    }
    return tally.finish();
  }

  /**
   * The hard state at {@code from}: the last hard change before it; failing that, the state the
   * first hard change in the period left; failing that (no change ever recorded), the service's
   * current hard state if it has been checked; otherwise no data.
   */
  static int initialState(Connection c, long tenant, long host, long service, AvailabilityQuery q)
      throws SQLException {
    String[] queries = {
      "SELECT new_state FROM state_changes WHERE tenant_id = ? AND host_id = ? AND service_id = ?"
          + " AND state_type = 1 AND changed_at < ? ORDER BY changed_at DESC, id DESC LIMIT 1",
      "SELECT old_state FROM state_changes WHERE tenant_id = ? AND host_id = ? AND service_id = ?"
          + " AND state_type = 1 AND changed_at >= ? ORDER BY changed_at, id LIMIT 1"
    };
    for (String sql : queries) {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        bind(ps, tenant, host, service);
        ps.setTimestamp(4, Timestamp.from(q.from()));
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            return rs.getInt(1);
          }
        }
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT last_hard_state FROM current_status WHERE tenant_id = ? AND host_id = ?"
                + " AND service_id = ? AND last_check_at IS NOT NULL")) {
      bind(ps, tenant, host, service);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          return rs.getInt(1);
        }
      }
    }
    return AvailabilityTally.NO_DATA;
  }

  static void bind(PreparedStatement ps, long tenant, long host, long service) throws SQLException {
    ps.setLong(1, tenant);
    ps.setLong(2, host);
    ps.setLong(3, service);
  }
}
