package io.vesana.alerts.internal;

import io.vesana.alerts.AlertTransition;
import io.vesana.alerts.AlertTransition.Kind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/**
 * Opens, changes and resolves service alerts inside the caller's transaction. At most one open
 * alert per service is the database's job ({@code alerts_one_open_key}): when two workers race to
 * open the same alert, the loser's insert does nothing and it records a state change on the
 * winner's alert instead. Not thread-safe per connection, stateless otherwise.
 */
public final class JdbcAlertWriter {

  private static final int SUMMARY_CHARS = 1000;

  /** A hard problem state (1..3) started or changed. */
  public Optional<AlertTransition> problem(
      Connection c,
      long tenantId,
      long hostId,
      long serviceId,
      int state,
      Instant at,
      String output)
      throws SQLException {
    String summary = summary(output);
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO alerts (tenant_id, host_id, service_id, severity, state, summary,"
                + " opened_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (tenant_id, host_id, coalesce(service_id, 0))"
                + " WHERE resolved_at IS NULL DO NOTHING RETURNING id")) {
      ps.setLong(1, tenantId);
      ps.setLong(2, hostId);
      ps.setLong(3, serviceId);
      ps.setString(4, severity(state));
      ps.setInt(5, state);
      ps.setString(6, summary);
      ps.setTimestamp(7, Timestamp.from(at));
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          return Optional.of(
              event(
                  c, tenantId, hostId, serviceId, rs.getLong(1), Kind.OPENED, state, at, summary));
        }
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE alerts SET state = ?, severity = ?, summary = ?, updated_at = now(),"
                + " version = version + 1"
                + " WHERE tenant_id = ? AND host_id = ? AND service_id = ? AND resolved_at IS NULL"
                + " RETURNING id")) {
      ps.setInt(1, state);
      ps.setString(2, severity(state));
      ps.setString(3, summary);
      ps.setLong(4, tenantId);
      ps.setLong(5, hostId);
      ps.setLong(6, serviceId);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          return Optional.of(
              event(
                  c,
                  tenantId,
                  hostId,
                  serviceId,
                  rs.getLong(1),
                  Kind.STATE_CHANGED,
                  state,
                  at,
                  summary));
        }
      }
    }
    return Optional.empty();
  }

  /** The service recovered (hard OK): resolves its open alert, if any. */
  public Optional<AlertTransition> recovery(
      Connection c, long tenantId, long hostId, long serviceId, Instant at, String output)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE alerts SET resolved_at = greatest(?, opened_at), updated_at = now(),"
                + " version = version + 1"
                + " WHERE tenant_id = ? AND host_id = ? AND service_id = ? AND resolved_at IS NULL"
                + " RETURNING id")) {
      ps.setTimestamp(1, Timestamp.from(at));
      ps.setLong(2, tenantId);
      ps.setLong(3, hostId);
      ps.setLong(4, serviceId);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          return Optional.of(
              event(
                  c,
                  tenantId,
                  hostId,
                  serviceId,
                  rs.getLong(1),
                  Kind.RESOLVED,
                  0,
                  at,
                  summary(output)));
        }
      }
    }
    return Optional.empty();
  }

  private static AlertTransition event(
      Connection c,
      long tenantId,
      long hostId,
      long serviceId,
      long alertId,
      Kind kind,
      int state,
      Instant at,
      String summary)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO alert_events (tenant_id, alert_id, kind, actor, body, details, at)"
                + " VALUES (?, ?, ?, 'worker', ?, jsonb_build_object('state', ?::int), ?)")) {
      ps.setLong(1, tenantId);
      ps.setLong(2, alertId);
      ps.setString(
          3,
          kind == Kind.STATE_CHANGED
              ? "state_changed"
              : kind.name().toLowerCase(java.util.Locale.ROOT));
      ps.setString(4, summary);
      ps.setInt(5, state);
      ps.setTimestamp(6, Timestamp.from(at));
      ps.executeUpdate();
    }
    return new AlertTransition(tenantId, hostId, serviceId, alertId, kind, state, at, summary);
  }

  private static String severity(int state) {
    return switch (state) {
      case 1 -> "warning";
      case 2 -> "critical";
      default -> "unknown";
    };
  }

  private static String summary(String output) {
    if (output == null) {
      return null;
    }
    return output.length() <= SUMMARY_CHARS ? output : output.substring(0, SUMMARY_CHARS);
  }
}
