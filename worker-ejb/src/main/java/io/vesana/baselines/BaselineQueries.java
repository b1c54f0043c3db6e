package io.vesana.baselines;

import io.vesana.auth.Caller;
import io.vesana.schema.VesanaDataSource;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The baselines of one service with its current values, for the API. The service is resolved under
 * the caller's readable tenants first: another tenant's service is not found.
 */
@ApplicationScoped
public class BaselineQueries {

  @Resource(lookup = VesanaDataSource.JNDI_NAME)
  DataSource dataSource;

  public BaselineQueries() {}

  /** Outside a container (integration tests). */
  public BaselineQueries(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Empty if the service is not visible; its baselines by metric name otherwise. */
  public Optional<List<BaselineView>> ofService(Caller caller, long serviceId) {
    try (Connection c = dataSource.getConnection()) {
      Long tenant = visibleTenant(c, caller, serviceId);
      if (tenant == null) {
        return Optional.empty();
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT b.metric, b.window_start, b.window_end, b.samples, b.mean, b.stddev,"
                  + " b.min_value, b.max_value, b.computed_at,"
                  + " (SELECT (m->>'value')::float8 FROM jsonb_array_elements(CASE WHEN"
                  + " jsonb_typeof(cs.perfdata -> 'metrics') = 'array' THEN cs.perfdata -> 'metrics'"
                  + " ELSE '[]'::jsonb END) AS m WHERE m->>'label' = b.metric"
                  + " AND jsonb_typeof(m -> 'value') = 'number' LIMIT 1), cs.last_check_at"
                  + " FROM service_baselines b LEFT JOIN current_status cs"
                  + " ON cs.tenant_id = b.tenant_id AND cs.service_id = b.service_id"
                  + " WHERE b.tenant_id = ? AND b.service_id = ? ORDER BY b.metric")) {
        ps.setLong(1, tenant);
        ps.setLong(2, serviceId);
        List<BaselineView> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            double current = rs.getDouble(10);
            Double value = rs.wasNull() ? null : current;
            Timestamp at = rs.getTimestamp(11);
            out.add(
                new BaselineView(
                    rs.getString(1),
                    rs.getTimestamp(2).toInstant(),
                    rs.getTimestamp(3).toInstant(),
                    rs.getLong(4),
                    rs.getDouble(5),
                    rs.getDouble(6),
                    rs.getDouble(7),
                    rs.getDouble(8),
                    rs.getTimestamp(9).toInstant(),
                    value,
                    value == null || at == null ? null : at.toInstant()));
          }
        }
        return Optional.of(out);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("baselines not read", e);
    }
  }

  private static Long visibleTenant(Connection c, Caller caller, long serviceId)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT tenant_id FROM host_services WHERE id = ? AND (? OR tenant_id = ANY (?))")) {
      ps.setLong(1, serviceId);
      ps.setBoolean(2, caller.superAdmin());
      ps.setArray(3, c.createArrayOf("bigint", caller.scope().readableTenants().toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : null;
      }
    }
  }
}
