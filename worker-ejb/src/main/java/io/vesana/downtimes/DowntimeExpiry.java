package io.vesana.downtimes;

import io.vesana.downtimes.internal.JdbcDowntimes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The downtime watcher's work, across tenants, in one transaction on the given connection:
 *
 * <ol>
 *   <li>ends one-off downtimes whose end has passed or that were cancelled ({@code ended_at}, an
 *       audit record by the system actor {@value #ACTOR} for those that had started), exactly once
 *       each;
 *   <li>sets {@code in_downtime} on the current_status and host_status rows the active downtimes
 *       cover and clears it on the others, and writes {@code downtime_started} / {@code
 *       downtime_ended} events on the open alerts of the rows that changed.
 * </ol>
 *
 * Idempotent: a second run at the same instant changes nothing. Not thread-safe per connection.
 */
public final class DowntimeExpiry {

  static final String ACTOR = "downtime-watcher";

  /** What one run did. */
  public record Outcome(
      int ended, int servicesEntered, int servicesLeft, int hostsEntered, int hostsLeft) {}

  public Outcome run(Connection c, Instant now) throws SQLException {
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(false);
    try {
      int ended = endExpired(c, now);
      Long[] active = activeIds(c, now).toArray(Long[]::new);
      int[] services = syncServices(c, active);
      int[] hosts = syncHosts(c, active);
      c.commit();
      return new Outcome(ended, services[0], services[1], hosts[0], hosts[1]);
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(auto);
    }
  }

  private static int endExpired(Connection c, Instant now) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "WITH ended AS (UPDATE downtimes SET ended_at = least(ends_at, coalesce(cancelled_at,"
                + " ends_at)) WHERE rrule IS NULL AND ended_at IS NULL"
                + " AND (ends_at <= ? OR cancelled_at IS NOT NULL)"
                + " RETURNING id, tenant_id, ended_at, cancelled_at IS NOT NULL AS cancelled,"
                + " starts_at < ended_at AS ran)"
                + " INSERT INTO audit_log (tenant_id, actor_label, action, entity_type, entity_id,"
                + " after) SELECT tenant_id, '"
                + ACTOR
                + "', 'downtime.ended', 'downtime', id::text,"
                + " jsonb_build_object('ended_at', ended_at, 'cancelled', cancelled) FROM ended"
                + " WHERE ran")) {
      ps.setTimestamp(1, Timestamp.from(now));
      return ps.executeUpdate();
    }
  }

  /** Ids of downtimes in effect now: narrowed by the index, decided by the calendar. */
  private static List<Long> activeIds(Connection c, Instant now) throws SQLException {
    List<Long> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT "
                + JdbcDowntimes.COLUMNS
                + " FROM downtimes d WHERE d.cancelled_at IS NULL AND d.starts_at <= ?"
                + " AND (d.ends_at IS NULL OR d.ends_at > ?)")) {
      ps.setTimestamp(1, Timestamp.from(now));
      ps.setTimestamp(2, Timestamp.from(now));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          DowntimeView d = JdbcDowntimes.row(rs);
          if (d.activeAt(now)) {
            out.add(d.id());
          }
        }
      }
    }
    return out;
  }

  /** Hosts covered by the active downtimes, and whether their services are covered too. */
  private static final String COVERED_HOSTS =
      "WITH RECURSIVE act AS (SELECT * FROM downtimes WHERE id = ANY (?)),"
          + " grp (tenant_id, id, root, depth) AS ("
          + "  SELECT tenant_id, host_group_id, id, 0 FROM act WHERE scope = 'host_group'"
          + "  UNION ALL SELECT g.tenant_id, g.id, grp.root, grp.depth + 1 FROM host_groups g"
          + "  JOIN grp ON g.tenant_id = grp.tenant_id AND g.parent_id = grp.id"
          + "  JOIN act ON act.id = grp.root AND act.include_children WHERE grp.depth < 64),"
          + " hosts_in AS (SELECT h.tenant_id, h.id AS host_id, true AS children FROM hosts h"
          + "  JOIN grp ON h.tenant_id = grp.tenant_id AND h.host_group_id = grp.id"
          + "  UNION ALL SELECT tenant_id, host_id, include_children FROM act WHERE scope = 'host'),"
          + " services_in AS (SELECT hs.tenant_id, hs.id AS service_id FROM host_services hs"
          + "  JOIN hosts_in hi ON hs.tenant_id = hi.tenant_id AND hs.host_id = hi.host_id"
          + "  AND hi.children"
          + "  UNION SELECT tenant_id, service_id FROM act WHERE scope = 'service')";

  private static int[] syncServices(Connection c, Long[] active) throws SQLException {
    int entered =
        flip(
            c,
            active,
            COVERED_HOSTS
                + ", flipped AS (UPDATE current_status cs SET in_downtime = true FROM services_in s"
                + " WHERE cs.tenant_id = s.tenant_id AND cs.service_id = s.service_id"
                + " AND NOT cs.in_downtime RETURNING cs.tenant_id, cs.service_id)",
            "downtime_started",
            "a.service_id = f.service_id");
    int left =
        flip(
            c,
            active,
            COVERED_HOSTS
                + ", flipped AS (UPDATE current_status cs SET in_downtime = false"
                + " WHERE cs.in_downtime AND NOT EXISTS (SELECT 1 FROM services_in s"
                + " WHERE s.tenant_id = cs.tenant_id AND s.service_id = cs.service_id)"
                + " RETURNING cs.tenant_id, cs.service_id)",
            "downtime_ended",
            "a.service_id = f.service_id");
    return new int[] {entered, left};
  }

  private static int[] syncHosts(Connection c, Long[] active) throws SQLException {
    int entered =
        flip(
            c,
            active,
            COVERED_HOSTS
                + ", flipped AS (UPDATE host_status hs SET in_downtime = true FROM hosts_in h"
                + " WHERE hs.tenant_id = h.tenant_id AND hs.host_id = h.host_id"
                + " AND NOT hs.in_downtime RETURNING hs.tenant_id, hs.host_id)",
            "downtime_started",
            "a.host_id = f.host_id AND a.service_id IS NULL");
    int left =
        flip(
            c,
            active,
            COVERED_HOSTS
                + ", flipped AS (UPDATE host_status hs SET in_downtime = false"
                + " WHERE hs.in_downtime AND NOT EXISTS (SELECT 1 FROM hosts_in h"
                + " WHERE h.tenant_id = hs.tenant_id AND h.host_id = hs.host_id)"
                + " RETURNING hs.tenant_id, hs.host_id)",
            "downtime_ended",
            "a.host_id = f.host_id AND a.service_id IS NULL");
    return new int[] {entered, left};
  }

  /** Runs one flag update and records the event on open alerts; returns rows flipped. */
  private static int flip(Connection c, Long[] active, String flippedCte, String kind, String join)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            flippedCte
                + ", events AS (INSERT INTO alert_events (tenant_id, alert_id, kind, actor, body)"
                + " SELECT a.tenant_id, a.id, '"
                + kind
                + "', '"
                + ACTOR
                + "', null FROM alerts a JOIN flipped f ON a.tenant_id = f.tenant_id AND "
                + join
                + " WHERE a.resolved_at IS NULL RETURNING 1)"
                + " SELECT (SELECT count(*) FROM flipped), (SELECT count(*) FROM events)")) {
      ps.setArray(1, c.createArrayOf("bigint", active));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }
}
