package io.vesana.notifications.internal;

import io.vesana.notifications.DeliveryReason;
import io.vesana.notifications.DeliveryStatus;
import io.vesana.notifications.SendOutcome;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The write side of notification_deliveries on the caller's connection. Inserts are idempotent on
 * {@code (tenant_id, dedupe_ref)}; a claim leases due rows across tenants with {@code FOR UPDATE
 * SKIP LOCKED} by pushing their {@code next_attempt_at} past the lease, so several senders share
 * the queue without holding a lock while a remote end answers. Stateless and thread-safe.
 */
public final class JdbcDeliveryQueue {

  static final String PENDING = "status IN ('queued', 'failed_temporary')";

  /** Queues a delivery; empty if {@code dedupeRef} was queued before. */
  public Optional<Long> insert(
      Connection c,
      long tenantId,
      long alertId,
      long channelId,
      Long ruleId,
      DeliveryReason reason,
      String dedupeRef,
      Instant due)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO notification_deliveries (tenant_id, alert_id, channel_id, rule_id,"
                + " reason, dedupe_ref, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (tenant_id, dedupe_ref) DO NOTHING RETURNING id")) {
      ps.setLong(1, tenantId);
      ps.setLong(2, alertId);
      ps.setLong(3, channelId);
      ps.setObject(4, ruleId, Types.BIGINT);
      ps.setString(5, reason.code());
      ps.setString(6, dedupeRef);
      ps.setTimestamp(7, Timestamp.from(due));
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
      }
    }
  }

  /**
   * Channels to tell about a recovery, each with the rule of its latest problem delivery: those
   * with a problem delivery that was sent or is still being tried, whose rule (if it still exists)
   * has {@code notify_on_recovery}.
   */
  public List<long[]> recoveryTargets(Connection c, long tenantId, long alertId)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT DISTINCT ON (d.channel_id) d.channel_id, coalesce(d.rule_id, 0),"
                + " coalesce(r.notify_on_recovery, true) FROM notification_deliveries d"
                + " LEFT JOIN notification_rules r ON r.tenant_id = d.tenant_id AND r.id = d.rule_id"
                + " WHERE d.tenant_id = ? AND d.alert_id = ? AND d.reason <> 'recovery'"
                + " AND d.status IN ('sent', 'queued', 'failed_temporary')"
                + " ORDER BY d.channel_id, d.id DESC")) {
      ps.setLong(1, tenantId);
      ps.setLong(2, alertId);
      List<long[]> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (rs.getBoolean(3)) {
            out.add(new long[] {rs.getLong(1), rs.getLong(2)});
          }
        }
      }
      return out;
    }
  }

  /** Leases up to {@code limit} due deliveries of any tenant, oldest due first. */
  public List<ClaimedDelivery> claim(Connection c, Instant now, Duration lease, int limit)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE notification_deliveries d SET next_attempt_at = ?, updated_at = now()"
                + " FROM (SELECT id FROM notification_deliveries WHERE "
                + PENDING
                + " AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?"
                + " FOR UPDATE SKIP LOCKED) due WHERE d.id = due.id"
                + " RETURNING d.id, d.tenant_id, d.alert_id, d.channel_id, d.rule_id, d.reason,"
                + " d.attempts")) {
      ps.setTimestamp(1, Timestamp.from(now.plus(lease)));
      ps.setTimestamp(2, Timestamp.from(now));
      ps.setInt(3, limit);
      List<ClaimedDelivery> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long rule = rs.getLong(5);
          out.add(
              new ClaimedDelivery(
                  rs.getLong(1),
                  rs.getLong(2),
                  rs.getLong(3),
                  rs.getLong(4),
                  rs.wasNull() ? null : rule,
                  DeliveryReason.of(rs.getString(6)),
                  rs.getInt(7)));
        }
      }
      return out;
    }
  }

  /**
   * Whether a problem notification of the alert waits for the channel (not tried yet): it will
   * describe the alert as it is when sent, so a state change needs no second one.
   */
  public boolean problemWaiting(Connection c, long tenantId, long alertId, long channelId)
      throws SQLException {
    return exists(
        c,
        "SELECT EXISTS (SELECT 1 FROM notification_deliveries WHERE tenant_id = ?"
            + " AND alert_id = ? AND channel_id = ? AND reason <> 'recovery'"
            + " AND status = 'queued' AND attempts = 0)",
        tenantId,
        alertId,
        channelId);
  }

  /** Whether a problem notification of the alert reached the channel. */
  public boolean problemSent(Connection c, long tenantId, long alertId, long channelId)
      throws SQLException {
    return exists(
        c,
        "SELECT EXISTS (SELECT 1 FROM notification_deliveries WHERE tenant_id = ?"
            + " AND alert_id = ? AND channel_id = ? AND reason <> 'recovery'"
            + " AND status = 'sent')",
        tenantId,
        alertId,
        channelId);
  }

  private static boolean exists(Connection c, String sql, long... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setLong(i + 1, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  /** Ends a pending delivery without sending it; {@code why} goes to last_error. */
  public void cancel(Connection c, ClaimedDelivery d, String why) throws SQLException {
    finish(c, d, DeliveryStatus.CANCELLED, d.attempts(), null, why);
  }

  /**
   * Records attempt {@code d.attempts() + 1} and the delivery's new state: sent, retried at {@code
   * retryAt}, or failed for good ({@code retryAt} null).
   */
  public void attempted(
      Connection c, ClaimedDelivery d, SendOutcome o, Instant started, long millis, Instant retryAt)
      throws SQLException {
    int attempt = d.attempts() + 1;
    DeliveryStatus status =
        o.result() == SendOutcome.Result.SENT
            ? DeliveryStatus.SENT
            : retryAt == null ? DeliveryStatus.FAILED_PERMANENT : DeliveryStatus.FAILED_TEMPORARY;
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO notification_delivery_attempts (tenant_id, delivery_id, attempt,"
                + " outcome, http_status, error, started_at, duration_ms)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
      ps.setLong(1, d.tenantId());
      ps.setLong(2, d.id());
      ps.setInt(3, attempt);
      ps.setString(4, o.result() == SendOutcome.Result.SENT ? "sent" : status.code());
      ps.setObject(5, o.httpStatus() == 0 ? null : o.httpStatus(), Types.INTEGER);
      ps.setString(6, o.error());
      ps.setTimestamp(7, Timestamp.from(started));
      ps.setInt(8, (int) Math.min(Integer.MAX_VALUE, Math.max(0, millis)));
      ps.executeUpdate();
    }
    finish(c, d, status, attempt, retryAt, o.error());
  }

  private static void finish(
      Connection c,
      ClaimedDelivery d,
      DeliveryStatus status,
      int attempts,
      Instant retryAt,
      String error)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE notification_deliveries SET status = ?, attempts = ?, last_error = ?,"
                + " sent_at = CASE WHEN ? THEN now() END,"
                + " next_attempt_at = coalesce(?, next_attempt_at), updated_at = now(),"
                + " version = version + 1 WHERE tenant_id = ? AND id = ? AND "
                + PENDING)) {
      ps.setString(1, status.code());
      ps.setInt(2, attempts);
      ps.setString(3, error);
      ps.setBoolean(4, status == DeliveryStatus.SENT);
      ps.setTimestamp(5, retryAt == null ? null : Timestamp.from(retryAt));
      ps.setLong(6, d.tenantId());
      ps.setLong(7, d.id());
      ps.executeUpdate();
    }
  }

  /**
   * Queues the next repeat of the alert on the channel {@code interval} from now, replacing a
   * repeat still waiting there, so that one chain of repeats runs per alert and channel.
   */
  public void scheduleRepeat(
      Connection c, ClaimedDelivery after, long ruleId, Instant now, Duration interval)
      throws SQLException {
    int done;
    try (PreparedStatement ps =
        c.prepareStatement(
            "WITH gone AS (UPDATE notification_deliveries SET status = 'cancelled',"
                + " last_error = 'replaced by a later repeat', updated_at = now()"
                + " WHERE tenant_id = ? AND alert_id = ? AND channel_id = ? AND reason = 'repeat'"
                + " AND status = 'queued' AND attempts = 0 AND id <> ? RETURNING 1)"
                + " SELECT count(*) FROM notification_deliveries WHERE tenant_id = ?"
                + " AND alert_id = ? AND channel_id = ? AND reason = 'repeat'")) {
      ps.setLong(1, after.tenantId());
      ps.setLong(2, after.alertId());
      ps.setLong(3, after.channelId());
      ps.setLong(4, after.id());
      ps.setLong(5, after.tenantId());
      ps.setLong(6, after.alertId());
      ps.setLong(7, after.channelId());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        done = rs.getInt(1);
      }
    }
    String ref =
        "alert:" + after.alertId() + ":repeat:" + (done + 1) + ":channel:" + after.channelId();
    insert(
        c,
        after.tenantId(),
        after.alertId(),
        after.channelId(),
        ruleId,
        DeliveryReason.REPEAT,
        ref,
        now.plus(interval));
  }
}
