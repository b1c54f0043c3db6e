package io.vesana.alerts;

import io.vesana.audit.AuditTrail;
import io.vesana.auth.Caller;
import io.vesana.schema.VesanaDataSource;
import io.vesana.tenancy.JdbcTenantScope;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * What operators do with alerts: list (open or all, keyset-paged newest first), read one with its
 * history, acknowledge an open alert (with a comment; sticky survives state changes until
 * recovery), comment. One transaction per use case; every change writes an alert event and an audit
 * record. Alerts of tenants the caller cannot see do not exist for them.
 */
@ApplicationScoped
@Transactional
public class AlertDesk {

  @Resource(lookup = VesanaDataSource.JNDI_NAME)
  DataSource dataSource;

  @Inject AuditTrail audit;

  /** The alert is already resolved: nothing to acknowledge. */
  public static class AlertResolvedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AlertResolvedException() {
      super("the alert is resolved; only open alerts can be acknowledged");
    }
  }

  private static final String SELECT =
      "SELECT a.id, a.tenant_id, a.host_id, h.name, a.service_id, hs.name, a.severity, a.summary,"
          + " a.opened_at, a.resolved_at, a.acknowledged FROM alerts a"
          + " JOIN hosts h ON h.tenant_id = a.tenant_id AND h.id = a.host_id"
          + " LEFT JOIN host_services hs ON hs.tenant_id = a.tenant_id AND hs.id = a.service_id"
          + " WHERE (? OR a.tenant_id = ANY (?))";

  public List<AlertView> list(Caller caller, boolean openOnly, long beforeId, int limit) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                SELECT
                    + (openOnly ? " AND a.resolved_at IS NULL" : "")
                    + " AND a.id < ? ORDER BY a.id DESC LIMIT ?")) {
      scope(c, ps, caller);
      ps.setLong(3, beforeId);
      ps.setInt(4, limit);
      return rows(ps);
    } catch (SQLException e) {
      throw new IllegalStateException("alerts not read", e);
    }
  }

  public Optional<AlertView> get(Caller caller, long id) {
    try (Connection c = dataSource.getConnection()) {
      return one(c, caller, id);
    } catch (SQLException e) {
      throw new IllegalStateException("alert not read", e);
    }
  }

  public List<AlertEventView> events(Caller caller, long alertId) {
    try (Connection c = dataSource.getConnection()) {
      Optional<AlertView> a = one(c, caller, alertId);
      if (a.isEmpty()) {
        return List.of();
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT id, kind, actor, body, at FROM alert_events"
                  + " WHERE tenant_id = ? AND alert_id = ? ORDER BY at, id")) {
        ps.setLong(1, a.get().tenantId());
        ps.setLong(2, alertId);
        List<AlertEventView> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(
                new AlertEventView(
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getTimestamp(5).toInstant()));
          }
        }
        return out;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("alert events not read", e);
    }
  }

  /** Acknowledges an open alert; empty if not visible or not writable by the caller. */
  public Optional<AlertView> acknowledge(
      Caller caller, long id, String comment, boolean sticky, Instant expiresAt) {
    try (Connection c = dataSource.getConnection()) {
      Optional<AlertView> found = writable(c, caller, id);
      if (found.isEmpty()) {
        return found;
      }
      AlertView a = found.get();
      if (a.resolvedAt() != null) {
        throw new AlertResolvedException();
      }
      // One active acknowledgement per object: a new one replaces the previous.
      exec(
          c,
          "UPDATE acknowledgements SET removed_at = now(), removed_by_user_id = ?"
              + " WHERE tenant_id = ? AND host_id = ? AND service_id IS NOT DISTINCT FROM ?"
              + " AND removed_at IS NULL",
          caller.userId(),
          a.tenantId(),
          a.hostId(),
          a.serviceId());
      exec(
          c,
          "INSERT INTO acknowledgements (tenant_id, host_id, service_id, alert_id, author_user_id,"
              + " comment, sticky, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
          a.tenantId(),
          a.hostId(),
          a.serviceId(),
          id,
          caller.userId(),
          comment,
          sticky,
          expiresAt == null ? null : Timestamp.from(expiresAt));
      exec(
          c,
          "UPDATE alerts SET acknowledged = true, updated_at = now(), version = version + 1"
              + " WHERE tenant_id = ? AND id = ?",
          a.tenantId(),
          id);
      if (a.serviceId() != null) {
        exec(
            c,
            "UPDATE current_status SET acknowledged = true WHERE tenant_id = ? AND service_id = ?",
            a.tenantId(),
            a.serviceId());
      }
      event(c, caller, a, "acknowledged", comment);
      AlertView after = one(c, caller, id).orElseThrow();
      audit.record(
          caller,
          a.tenantId(),
          "alert.acknowledged",
          "alert",
          "" + id,
          Json.createObjectBuilder().add("acknowledged", a.acknowledged()).build(),
          Json.createObjectBuilder()
              .add("acknowledged", true)
              .add("sticky", sticky)
              .add("comment", comment)
              .build());
      return Optional.of(after);
    } catch (SQLException e) {
      throw new IllegalStateException("alert not acknowledged", e);
    }
  }

  /** Adds a comment to a visible, writable alert; false if there is none. */
  public boolean comment(Caller caller, long id, String body) {
    try (Connection c = dataSource.getConnection()) {
      Optional<AlertView> a = writable(c, caller, id);
      if (a.isEmpty()) {
        return false;
      }
      event(c, caller, a.get(), "commented", body);
      audit.record(
          caller,
          a.get().tenantId(),
          "alert.commented",
          "alert",
          "" + id,
          null,
          Json.createObjectBuilder().add("comment", body).build());
      return true;
    } catch (SQLException e) {
      throw new IllegalStateException("comment not written", e);
    }
  }

  private Optional<AlertView> writable(Connection c, Caller caller, long id) throws SQLException {
    return one(c, caller, id).filter(a -> caller.scope().canWrite(a.tenantId()));
  }

  private static void event(Connection c, Caller caller, AlertView a, String kind, String body)
      throws SQLException {
    exec(
        c,
        "INSERT INTO alert_events (tenant_id, alert_id, kind, actor_user_id, actor, body)"
            + " VALUES (?, ?, ?, ?, ?, ?)",
        a.tenantId(),
        a.id(),
        kind,
        caller.userId(),
        caller.email(),
        body);
  }

  private static void exec(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        if (args[i] == null) {
          ps.setNull(i + 1, Types.NULL); // untyped: PostgreSQL infers it from the column
        } else {
          ps.setObject(i + 1, args[i]);
        }
      }
      ps.executeUpdate();
    }
  }

  private static Optional<AlertView> one(Connection c, Caller caller, long id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SELECT + " AND a.id = ?")) {
      scope(c, ps, caller);
      ps.setLong(3, id);
      List<AlertView> found = rows(ps);
      return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }
  }

  private static void scope(Connection c, PreparedStatement ps, Caller caller) throws SQLException {
    JdbcTenantScope.bind(c, ps, 1, caller.scope());
  }

  private static List<AlertView> rows(PreparedStatement ps) throws SQLException {
    List<AlertView> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        long service = rs.getLong(5);
        Long serviceId = rs.wasNull() ? null : service;
        Timestamp resolved = rs.getTimestamp(10);
        out.add(
            new AlertView(
                rs.getLong(1),
                rs.getLong(2),
                rs.getLong(3),
                rs.getString(4),
                serviceId,
                rs.getString(6),
                rs.getString(7),
                rs.getString(8),
                rs.getTimestamp(9).toInstant(),
                resolved == null ? null : resolved.toInstant(),
                rs.getBoolean(11)));
      }
    }
    return out;
  }
}
