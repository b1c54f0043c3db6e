package io.vesana.heartbeats;

import io.vesana.alerts.AlertTransition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Dead and recovered agents and collectors, across tenants, on the caller's connection and
 * transaction.
 *
 * <p>Dead: online, last heartbeat more than {@code deadAfter} ago. It becomes offline; each of its
 * hosts becomes UNREACHABLE (host_status state 2, hard), the services it runs on them UNKNOWN
 * (current_status state 3; the next real result overwrites that), and a host alert (severity
 * unreachable, state 2) opens unless one is open. Recovered ({@link #recover}): the host alert
 * resolves and the host is UP again until its next check says otherwise.
 *
 * <p>Stateless and thread-safe; every step is guarded by the current state, so a duplicate run
 * changes nothing.
 */
public final class EdgeLiveness {

  static final String ACTOR = "liveness-watcher";

  /** Marks silent components offline; returns the host alerts it opened. */
  public List<AlertTransition> markDead(Connection c, Instant now, Duration deadAfter)
      throws SQLException {
    List<AlertTransition> opened = new ArrayList<>();
    for (EdgeKind kind : EdgeKind.values()) {
      List<long[]> dead = new ArrayList<>();
      try (PreparedStatement ps =
          c.prepareStatement(
              "UPDATE "
                  + kind.table
                  + " SET status = 'offline', updated_at = now()"
                  + " WHERE status = 'online' AND last_seen_at < ? RETURNING tenant_id, id")) {
        ps.setTimestamp(1, Timestamp.from(now.minus(deadAfter)));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            dead.add(new long[] {rs.getLong(1), rs.getLong(2)});
          }
        }
      }
      for (long[] d : dead) {
        String why = "no heartbeat from " + kind.label() + " " + d[1] + " for over " + deadAfter;
        for (long host : hosts(c, kind, d[0], d[1])) {
          unreachable(c, kind, d[0], d[1], host, now, why);
          openAlert(c, d[0], host, now, why).ifPresent(opened::add);
        }
      }
    }
    return opened;
  }

  /** The component is back: resolves its hosts' unreachable alerts and sets them UP. */
  public List<AlertTransition> recover(
      Connection c, EdgeKind kind, long tenantId, long id, Instant now) throws SQLException {
    List<AlertTransition> resolved = new ArrayList<>();
    String why = "heartbeats from " + kind.label() + " " + id + " resumed";
    for (long host : hosts(c, kind, tenantId, id)) {
      exec(
          c,
          "UPDATE host_status SET state = 0, state_type = 1, attempt = 1, last_change_at = ?,"
              + " last_hard_state = 0, last_hard_change_at = ?, output = ?, updated_at = now()"
              + " WHERE tenant_id = ? AND host_id = ? AND state = 2",
          Timestamp.from(now),
          Timestamp.from(now),
          why,
          tenantId,
          host);
      try (PreparedStatement ps =
          c.prepareStatement(
              "UPDATE alerts SET resolved_at = greatest(?, opened_at), updated_at = now(),"
                  + " version = version + 1 WHERE tenant_id = ? AND host_id = ?"
                  + " AND service_id IS NULL AND severity = 'unreachable' AND resolved_at IS NULL"
                  + " RETURNING id")) {
        ps.setTimestamp(1, Timestamp.from(now));
        ps.setLong(2, tenantId);
        ps.setLong(3, host);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            event(c, tenantId, rs.getLong(1), "resolved", why, now);
            resolved.add(
                new AlertTransition(
                    tenantId, host, 0, rs.getLong(1), AlertTransition.Kind.RESOLVED, 0, now, why));
          }
        }
      }
    }
    return resolved;
  }

  private static List<Long> hosts(Connection c, EdgeKind kind, long tenantId, long id)
      throws SQLException {
    List<Long> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(kind.hostsSql)) {
      ps.setLong(1, tenantId);
      ps.setLong(2, id);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getLong(1));
        }
      }
    }
    return out;
  }

  private static void unreachable(
      Connection c, EdgeKind kind, long tenantId, long edgeId, long host, Instant now, String why)
      throws SQLException {
    Timestamp at = Timestamp.from(now);
    exec(
        c,
        "INSERT INTO host_status AS hs (host_id, tenant_id, state, state_type, last_check_at,"
            + " last_change_at, last_hard_state, last_hard_change_at, output)"
            + " VALUES (?, ?, 2, 1, ?, ?, 2, ?, ?) ON CONFLICT (host_id) DO UPDATE SET state = 2,"
            + " state_type = 1, attempt = 1, last_change_at = excluded.last_change_at,"
            + " last_hard_state = 2, last_hard_change_at = excluded.last_hard_change_at,"
            + " output = excluded.output, updated_at = now() WHERE hs.state <> 2",
        host,
        tenantId,
        at,
        at,
        at,
        why);
    exec(
        c,
        "UPDATE current_status cs SET state = 3, state_type = 1, attempt = 1, last_change_at = ?,"
            + " last_hard_state = 3, last_hard_change_at = ?, output = ?, updated_at = now()"
            + " FROM host_services s WHERE s.tenant_id = ? AND s.host_id = ? AND s.kind IN ("
            + kind.serviceKinds
            + ") AND cs.tenant_id = s.tenant_id AND cs.service_id = s.id AND cs.state <> 3",
        at,
        at,
        "UNKNOWN: " + why,
        tenantId,
        host);
  }

  private static java.util.Optional<AlertTransition> openAlert(
      Connection c, long tenantId, long host, Instant now, String why) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO alerts (tenant_id, host_id, service_id, severity, state, summary,"
                + " opened_at) VALUES (?, ?, NULL, 'unreachable', 2, ?, ?)"
                + " ON CONFLICT (tenant_id, host_id, coalesce(service_id, 0))"
                + " WHERE resolved_at IS NULL DO NOTHING RETURNING id")) {
      ps.setLong(1, tenantId);
      ps.setLong(2, host);
      ps.setString(3, why);
      ps.setTimestamp(4, Timestamp.from(now));
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return java.util.Optional.empty();
        }
        long alert = rs.getLong(1);
        event(c, tenantId, alert, "opened", why, now);
        return java.util.Optional.of(
            new AlertTransition(
                tenantId, host, 0, alert, AlertTransition.Kind.OPENED, 2, now, why));
      }
    }
  }

  private static void event(
      Connection c, long tenantId, long alert, String kind, String body, Instant at)
      throws SQLException {
    exec(
        c,
        "INSERT INTO alert_events (tenant_id, alert_id, kind, actor, body, at)"
            + " VALUES (?, ?, ?, '"
            + ACTOR
            + "', ?, ?)",
        tenantId,
        alert,
        kind,
        body,
        Timestamp.from(at));
  }

  private static void exec(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      ps.executeUpdate();
    }
  }
}
