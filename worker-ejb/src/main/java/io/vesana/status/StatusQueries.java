package io.vesana.status;

import io.vesana.auth.Caller;
import io.vesana.schema.VesanaDataSource;
import io.vesana.tenancy.JdbcTenantScope;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The read side of monitoring for the API. Every query names the caller's readable tenants ({@code
 * ? OR tenant_id = ANY(?)}: true only for a super admin), so another tenant's service is simply not
 * found. History reads go through {@code host_services} first: check_results has no foreign keys,
 * and a row is only reachable through its own tenant's service.
 */
@ApplicationScoped
public class StatusQueries {

  /** Most points a series answers with; a chart has no use for more. */
  public static final int MAX_BUCKETS = 1000;

  @Resource(lookup = VesanaDataSource.JNDI_NAME)
  DataSource dataSource;

  private static final String SERVICES_UNSCOPED =
      "SELECT hs.id, hs.tenant_id, hs.host_id, h.name, hs.name, cs.last_check_at IS NULL,"
          + " coalesce(cs.state, 3), CASE WHEN coalesce(cs.state_type, 1) = 1 THEN 'hard'"
          + " ELSE 'soft' END, coalesce(cs.attempt, 1), cs.last_check_at, cs.last_change_at,"
          + " cs.output, cs.perfdata::text, coalesce(cs.acknowledged, false),"
          + " coalesce(cs.in_downtime, false)"
          + " FROM host_services hs JOIN hosts h ON h.tenant_id = hs.tenant_id AND h.id = hs.host_id"
          + " LEFT JOIN current_status cs ON cs.tenant_id = hs.tenant_id AND cs.service_id = hs.id";

  private static final String SERVICES = SERVICES_UNSCOPED + " WHERE (? OR hs.tenant_id = ANY (?))";

  /** The services of a host with their status; empty if the host is not visible. */
  public List<ServiceStatusView> servicesOfHost(Caller caller, long hostId) {
    return services(caller, SERVICES + " AND hs.host_id = ? ORDER BY hs.name", hostId);
  }

  public Optional<ServiceStatusView> service(Caller caller, long serviceId) {
    List<ServiceStatusView> found = services(caller, SERVICES + " AND hs.id = ?", serviceId);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  /**
   * Services not OK, most recent change first, keyset-paged by (last change, id): the problem list
   * of the dashboard. Served by current_status_problems_idx.
   */
  public List<ServiceStatusView> problems(
      Caller caller, Instant beforeChange, long beforeId, int limit) {
    // One tenant: an equality on tenant_id, so current_status_problems_recent_idx yields rows
    // already in order (a generic "? OR tenant_id = ANY(?)" plan would sort every problem).
    boolean oneTenant = !caller.superAdmin() && caller.scope().readableTenants().size() == 1;
    String tenantCondition =
        oneTenant
            ? " AND cs.tenant_id = ?"
            : caller.superAdmin() ? "" : " AND cs.tenant_id = ANY (?)";
    String sql =
        SERVICES_UNSCOPED
            + " WHERE cs.state <> 0"
            + tenantCondition
            + " AND (cs.last_change_at, cs.service_id) < (?, ?)"
            + " ORDER BY cs.last_change_at DESC, cs.service_id DESC LIMIT ?";
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      if (oneTenant) {
        ps.setLong(i++, caller.scope().readableTenants().iterator().next());
      } else if (!caller.superAdmin()) {
        ps.setArray(i++, c.createArrayOf("bigint", caller.scope().readableTenants().toArray()));
      }
      ps.setTimestamp(i++, Timestamp.from(beforeChange));
      ps.setLong(i++, beforeId);
      ps.setInt(i, limit);
      return rows(ps);
    } catch (SQLException e) {
      throw new IllegalStateException("problems not read", e);
    }
  }

  /** Results of a visible service in [from, to), newest first; empty if it is not visible. */
  public List<ResultView> results(
      Caller caller, long serviceId, Instant from, Instant to, int limit) {
    Optional<ServiceStatusView> s = service(caller, serviceId);
    if (s.isEmpty()) {
      return List.of();
    }
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT checked_at, state, CASE WHEN state_type = 1 THEN 'hard' ELSE 'soft' END,"
                    + " output, perfdata::text, execution_ms FROM check_results"
                    + " WHERE tenant_id = ? AND service_id = ? AND checked_at >= ? AND checked_at < ?"
                    + " ORDER BY checked_at DESC LIMIT ?")) {
      ps.setLong(1, s.get().tenantId());
      ps.setLong(2, serviceId);
      ps.setTimestamp(3, Timestamp.from(from));
      ps.setTimestamp(4, Timestamp.from(to));
      ps.setInt(5, limit);
      List<ResultView> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          int ms = rs.getInt(6);
          out.add(
              new ResultView(
                  rs.getTimestamp(1).toInstant(),
                  rs.getInt(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5),
                  rs.wasNull() ? null : ms));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("results not read", e);
    }
  }

  /**
   * A perfdata metric of a visible service downsampled into at most {@code buckets} equal time
   * buckets over [from, to): min/avg/max per bucket, empty buckets left out. Done in PostgreSQL
   * ({@code date_bin}), so a month of minute results is one scan, not a transfer.
   */
  public List<SeriesPoint> series(
      Caller caller, long serviceId, String metric, Instant from, Instant to, int buckets) {
    Optional<ServiceStatusView> s = service(caller, serviceId);
    if (s.isEmpty()) {
      return List.of();
    }
    long width = Math.max(1, Duration.between(from, to).toSeconds() / buckets + 1);
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT date_bin(? * interval '1 second', checked_at, ?) AS b,"
                    + " min(v), avg(v), max(v), count(*) FROM ("
                    + " SELECT checked_at, (jsonb_path_query_first(perfdata,"
                    + " '$.metrics[*] ? (@.label == $m).value', jsonb_build_object('m', ?::text))"
                    + " #>> '{}')::float8 AS v FROM check_results"
                    + " WHERE tenant_id = ? AND service_id = ? AND checked_at >= ? AND checked_at < ?"
                    + ") x WHERE v IS NOT NULL GROUP BY b ORDER BY b")) {
      ps.setLong(1, width);
      ps.setTimestamp(2, Timestamp.from(from));
      ps.setString(3, metric);
      ps.setLong(4, s.get().tenantId());
      ps.setLong(5, serviceId);
      ps.setTimestamp(6, Timestamp.from(from));
      ps.setTimestamp(7, Timestamp.from(to));
      List<SeriesPoint> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new SeriesPoint(
                  rs.getTimestamp(1).toInstant(),
                  rs.getDouble(2),
                  rs.getDouble(3),
                  rs.getDouble(4),
                  rs.getLong(5)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("series not read", e);
    }
  }

  private List<ServiceStatusView> services(Caller caller, String sql, long id) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      scope(c, ps, caller);
      ps.setLong(3, id);
      return rows(ps);
    } catch (SQLException e) {
      throw new IllegalStateException("status not read", e);
    }
  }

  private static void scope(Connection c, PreparedStatement ps, Caller caller) throws SQLException {
    JdbcTenantScope.bind(c, ps, 1, caller.scope());
  }

  private static List<ServiceStatusView> rows(PreparedStatement ps) throws SQLException {
    List<ServiceStatusView> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(
            new ServiceStatusView(
                rs.getLong(1),
                rs.getLong(2),
                rs.getLong(3),
                rs.getString(4),
                rs.getString(5),
                rs.getBoolean(6),
                rs.getInt(7),
                rs.getString(8),
                rs.getInt(9),
                instant(rs.getTimestamp(10)),
                instant(rs.getTimestamp(11)),
                rs.getString(12),
                rs.getString(13),
                rs.getBoolean(14),
                rs.getBoolean(15)));
      }
    }
    return out;
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
