package io.vesana.downtimes;

import io.vesana.alerts.AlertTransition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Decides whether an alert transition is announced: an alert opened (or changed) while its service
 * or host is in downtime is flagged with a {@code downtime_started} event naming the downtime, and
 * is not notified. Recoveries are always announced (never hide a recovery). Stateless.
 */
public final class DowntimeSuppression {

  private final DowntimeLookup lookup = new DowntimeLookup();

  /** The covering downtime's id if {@code t} must not be notified; flags the alert then. */
  public Optional<Long> suppress(Connection c, AlertTransition t) throws SQLException {
    if (t.kind() == AlertTransition.Kind.RESOLVED) {
      return Optional.empty();
    }
    Long service = t.serviceId() > 0 ? t.serviceId() : null;
    Optional<Long> downtime = lookup.inDowntime(c, t.tenantId(), t.hostId(), service, t.at());
    if (downtime.isPresent() && t.kind() == AlertTransition.Kind.OPENED) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO alert_events (tenant_id, alert_id, kind, actor, body, details)"
                  + " VALUES (?, ?, 'downtime_started', 'downtime', ?,"
                  + " jsonb_build_object('downtime_id', ?::bigint, 'notified', false))")) {
        ps.setLong(1, t.tenantId());
        ps.setLong(2, t.alertId());
        ps.setString(3, "opened during downtime " + downtime.get() + "; not notified");
        ps.setLong(4, downtime.get());
        ps.executeUpdate();
      }
    }
    return downtime;
  }
}
