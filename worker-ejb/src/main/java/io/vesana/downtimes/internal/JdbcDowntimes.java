package io.vesana.downtimes.internal;

import io.vesana.downtimes.DowntimeDraft;
import io.vesana.downtimes.DowntimeFilter;
import io.vesana.downtimes.DowntimeSchedule;
import io.vesana.downtimes.DowntimeScope;
import io.vesana.downtimes.DowntimeView;
import io.vesana.downtimes.Recurrence;
import io.vesana.tenancy.TenantScope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Downtime rows over JDBC on the caller's connection. Every statement names the tenant (writes) or
 * the readable tenants of the scope (reads): a downtime of another tenant is simply not found.
 * Stateless and thread-safe.
 */
public final class JdbcDowntimes {

  public static final String COLUMNS =
      "d.id, d.tenant_id, d.scope, d.host_id, d.service_id, d.host_group_id, d.include_children,"
          + " d.starts_at, d.ends_at, d.rrule, extract(epoch FROM d.duration)::bigint,"
          + " d.time_zone, d.comment, d.author_user_id, d.created_at, d.cancelled_at,"
          + " d.ended_at, d.version";

  private static final String SELECT =
      "SELECT " + COLUMNS + " FROM downtimes d WHERE (? OR d.tenant_id = ANY (?))";

  public long insert(Connection c, long tenantId, DowntimeDraft d, long authorUserId)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO downtimes (tenant_id, scope, host_id, service_id, host_group_id,"
                + " include_children, starts_at, ends_at, rrule, duration, time_zone,"
                + " author_user_id, comment) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::interval, ?, ?,"
                + " ?) RETURNING id")) {
      ps.setLong(1, tenantId);
      int i = bindFields(ps, 2, d);
      ps.setLong(i, authorUserId);
      ps.setString(i + 1, d.comment());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** Replaces the writable fields; false if the row is gone. */
  public boolean update(Connection c, long tenantId, long id, DowntimeDraft d) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE downtimes SET scope = ?, host_id = ?, service_id = ?, host_group_id = ?,"
                + " include_children = ?, starts_at = ?, ends_at = ?, rrule = ?,"
                + " duration = ?::interval, time_zone = ?, comment = ?, ended_at = NULL,"
                + " updated_at = now(), version = version + 1 WHERE tenant_id = ? AND id = ?")) {
      int i = bindFields(ps, 1, d);
      ps.setString(i, d.comment());
      ps.setLong(i + 1, tenantId);
      ps.setLong(i + 2, id);
      return ps.executeUpdate() == 1;
    }
  }

  public boolean cancel(Connection c, long tenantId, long id, long userId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE downtimes SET cancelled_at = now(), cancelled_by_user_id = ?,"
                + " updated_at = now(), version = version + 1"
                + " WHERE tenant_id = ? AND id = ? AND cancelled_at IS NULL")) {
      ps.setLong(1, userId);
      ps.setLong(2, tenantId);
      ps.setLong(3, id);
      return ps.executeUpdate() == 1;
    }
  }

  public Optional<DowntimeView> find(Connection c, TenantScope scope, long id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SELECT + " AND d.id = ?")) {
      bindScope(c, ps, scope);
      ps.setLong(3, id);
      List<DowntimeView> found = rows(ps);
      return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }
  }

  /**
   * Up to {@code limit} rows after {@code afterId} in id order matching the filter's columns; the
   * "active now" part is narrowed here to rows whose overall span contains {@code now}, the exact
   * window test is the caller's (recurring windows are not SQL).
   */
  public List<DowntimeView> page(
      Connection c, TenantScope scope, DowntimeFilter f, Instant now, long afterId, int limit)
      throws SQLException {
    StringBuilder sql = new StringBuilder(SELECT).append(" AND d.id > ?");
    if (!f.includeCancelled() || f.activeNow()) {
      sql.append(" AND d.cancelled_at IS NULL");
    }
    if (f.activeNow()) {
      sql.append(" AND d.starts_at <= ? AND (d.ends_at IS NULL OR d.ends_at > ?)");
    }
    if (f.hostId() != null) {
      sql.append(" AND d.host_id = ?");
    }
    if (f.serviceId() != null) {
      sql.append(" AND d.service_id = ?");
    }
    sql.append(" ORDER BY d.id LIMIT ?");
    try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
      bindScope(c, ps, scope);
      int i = 3;
      ps.setLong(i++, afterId);
      if (f.activeNow()) {
        ps.setTimestamp(i++, Timestamp.from(now));
        ps.setTimestamp(i++, Timestamp.from(now));
      }
      if (f.hostId() != null) {
        ps.setLong(i++, f.hostId());
      }
      if (f.serviceId() != null) {
        ps.setLong(i++, f.serviceId());
      }
      ps.setInt(i, limit);
      return rows(ps);
    }
  }

  private static int bindFields(PreparedStatement ps, int first, DowntimeDraft d)
      throws SQLException {
    int i = first;
    ps.setString(i++, d.scope().code());
    setLong(ps, i++, d.hostId());
    setLong(ps, i++, d.serviceId());
    setLong(ps, i++, d.hostGroupId());
    ps.setBoolean(i++, d.includeChildren());
    DowntimeSchedule s = d.schedule();
    ps.setTimestamp(i++, Timestamp.from(s.startsAt()));
    ps.setTimestamp(i++, s.endsAt() == null ? null : Timestamp.from(s.endsAt()));
    Recurrence r = s.recurrence();
    ps.setString(i++, r == null ? null : r.rrule());
    ps.setString(i++, r == null ? null : r.duration().toString());
    ps.setString(i++, r == null ? null : r.zone().getId());
    return i;
  }

  private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.BIGINT);
    } else {
      ps.setLong(i, v);
    }
  }

  private static void bindScope(Connection c, PreparedStatement ps, TenantScope scope)
      throws SQLException {
    ps.setBoolean(1, scope.isAllTenants());
    ps.setArray(2, c.createArrayOf("bigint", scope.readableTenants().toArray()));
  }

  static List<DowntimeView> rows(PreparedStatement ps) throws SQLException {
    List<DowntimeView> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(row(rs));
      }
    }
    return out;
  }

  /** Maps one row of {@link #COLUMNS}. */
  public static DowntimeView row(ResultSet rs) throws SQLException {
    Instant starts = rs.getTimestamp(8).toInstant();
    Instant ends = instant(rs.getTimestamp(9));
    String rrule = rs.getString(10);
    DowntimeSchedule schedule;
    if (rrule == null) {
      schedule = DowntimeSchedule.oneOff(starts, ends);
    } else {
      ZoneId zone = ZoneId.of(rs.getString(12));
      Recurrence r =
          Recurrence.fromRrule(
              rrule, starts.atZone(zone).toLocalTime(), Duration.ofSeconds(rs.getLong(11)), zone);
      schedule = new DowntimeSchedule(starts, ends, r);
    }
    return new DowntimeView(
        rs.getLong(1),
        rs.getLong(2),
        DowntimeScope.of(rs.getString(3)),
        nullableLong(rs, 4),
        nullableLong(rs, 5),
        nullableLong(rs, 6),
        rs.getBoolean(7),
        schedule,
        rs.getString(13),
        nullableLong(rs, 14),
        rs.getTimestamp(15).toInstant(),
        instant(rs.getTimestamp(16)),
        instant(rs.getTimestamp(17)),
        rs.getLong(18));
  }

  private static Long nullableLong(ResultSet rs, int i) throws SQLException {
    long v = rs.getLong(i);
    return rs.wasNull() ? null : v;
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
