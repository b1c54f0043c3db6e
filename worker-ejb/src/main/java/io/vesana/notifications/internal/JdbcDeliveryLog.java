package io.vesana.notifications.internal;

import io.vesana.notifications.ChannelKind;
import io.vesana.notifications.DeliveryFilter;
import io.vesana.notifications.DeliveryStatus;
import io.vesana.notifications.DeliveryView;
import io.vesana.tenancy.JdbcTenantScope;
import io.vesana.tenancy.TenantScope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads deliveries and their attempts under a tenant scope, keyset paged by id. Two queries per
 * page: the deliveries, then the attempts of exactly those. Stateless and thread-safe.
 */
public final class JdbcDeliveryLog {

  private static final String SELECT =
      "SELECT d.id, d.tenant_id, d.alert_id, d.channel_id, ch.name, ch.kind, d.rule_id, d.reason,"
          + " d.status, d.attempts, d.next_attempt_at, d.last_error, d.sent_at, d.created_at"
          + " FROM notification_deliveries d JOIN notification_channels ch"
          + " ON ch.tenant_id = d.tenant_id AND ch.id = d.channel_id"
          + " WHERE (? OR d.tenant_id = ANY (?))";

  public boolean alertVisible(Connection c, TenantScope scope, long alertId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT EXISTS (SELECT 1 FROM alerts WHERE (? OR tenant_id = ANY (?)) AND id = ?)")) {
      JdbcTenantScope.bind(c, ps, 1, scope);
      ps.setLong(3, alertId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  public List<DeliveryView> page(
      Connection c, TenantScope scope, DeliveryFilter f, long afterId, int limit)
      throws SQLException {
    String sql =
        SELECT
            + " AND d.id > ?"
            + (f.alertId() == null ? "" : " AND d.alert_id = ?")
            + (f.channelId() == null ? "" : " AND d.channel_id = ?")
            + (f.status() == null ? "" : " AND d.status = ?")
            + " ORDER BY d.id LIMIT ?";
    Map<Long, Row> rows = new LinkedHashMap<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      JdbcTenantScope.bind(c, ps, 1, scope);
      int i = 3;
      ps.setLong(i++, afterId);
      if (f.alertId() != null) {
        ps.setLong(i++, f.alertId());
      }
      if (f.channelId() != null) {
        ps.setLong(i++, f.channelId());
      }
      if (f.status() != null) {
        ps.setString(i++, f.status().code());
      }
      ps.setInt(i, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.put(rs.getLong(1), new Row(rs));
        }
      }
    }
    Map<Long, List<DeliveryView.Attempt>> attempts =
        attempts(c, rows.values().stream().map(r -> r.tenantId).distinct().toList(), rows.keySet());
    return rows.values().stream().map(r -> r.view(attempts.getOrDefault(r.id, List.of()))).toList();
  }

  private static Map<Long, List<DeliveryView.Attempt>> attempts(
      Connection c, List<Long> tenants, java.util.Set<Long> ids) throws SQLException {
    Map<Long, List<DeliveryView.Attempt>> out = new HashMap<>();
    if (ids.isEmpty()) {
      return out;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT delivery_id, attempt, outcome, http_status, error, started_at, duration_ms"
                + " FROM notification_delivery_attempts"
                + " WHERE tenant_id = ANY (?) AND delivery_id = ANY (?)"
                + " ORDER BY delivery_id, attempt")) {
      ps.setArray(1, c.createArrayOf("bigint", tenants.toArray()));
      ps.setArray(2, c.createArrayOf("bigint", ids.toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          int http = rs.getInt(4);
          Integer httpOrNull = rs.wasNull() ? null : http;
          out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
              .add(
                  new DeliveryView.Attempt(
                      rs.getInt(2),
                      rs.getString(3),
                      httpOrNull,
                      rs.getString(5),
                      rs.getTimestamp(6).toInstant(),
                      rs.getInt(7)));
        }
      }
    }
    return out;
  }

  /** One delivery row before its attempts are attached. */
  private static final class Row {
    final long id;
    final long tenantId;
    final long alertId;
    final long channelId;
    final String channelName;
    final ChannelKind kind;
    final Long ruleId;
    final String reason;
    final DeliveryStatus status;
    final int attempts;
    final Instant next;
    final String lastError;
    final Instant sentAt;
    final Instant createdAt;

    Row(ResultSet rs) throws SQLException {
      id = rs.getLong(1);
      tenantId = rs.getLong(2);
      alertId = rs.getLong(3);
      channelId = rs.getLong(4);
      channelName = rs.getString(5);
      kind = ChannelKind.of(rs.getString(6));
      long rule = rs.getLong(7);
      ruleId = rs.wasNull() ? null : rule;
      reason = rs.getString(8);
      status = DeliveryStatus.ofOrNull(rs.getString(9));
      attempts = rs.getInt(10);
      boolean pending =
          status == DeliveryStatus.QUEUED || status == DeliveryStatus.FAILED_TEMPORARY;
      next = pending ? instant(rs.getTimestamp(11)) : null;
      lastError = rs.getString(12);
      sentAt = instant(rs.getTimestamp(13));
      createdAt = instant(rs.getTimestamp(14));
    }

    DeliveryView view(List<DeliveryView.Attempt> log) {
      return new DeliveryView(
          id,
          tenantId,
          alertId,
          channelId,
          channelName,
          kind,
          ruleId,
          reason,
          status,
          attempts,
          next,
          lastError,
          sentAt,
          createdAt,
          log);
    }

    private static Instant instant(Timestamp t) {
      return t == null ? null : t.toInstant();
    }
  }
}
