package io.vesana.notifications.internal;

import io.vesana.notifications.RuleDraft;
import io.vesana.notifications.RuleView;
import io.vesana.tenancy.JdbcTenantScope;
import io.vesana.tenancy.TenantScope;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** notification_rules rows over JDBC on the caller's connection. Stateless and thread-safe. */
public final class JdbcRules {

  private static final String SELECT =
      "SELECT id, tenant_id, name, match::text, channel_id, escalation_delay_s, repeat_interval_s,"
          + " notify_on_recovery, priority, enabled, created_at, version FROM notification_rules"
          + " WHERE (? OR tenant_id = ANY (?))";

  public long insert(Connection c, long tenantId, RuleDraft d) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO notification_rules (name, match, channel_id, escalation_delay_s,"
                + " repeat_interval_s, notify_on_recovery, priority, enabled, tenant_id)"
                + " VALUES (?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
      bind(ps, d);
      ps.setLong(9, tenantId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  public void update(Connection c, long tenantId, long id, RuleDraft d) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE notification_rules SET name = ?, match = ?::jsonb, channel_id = ?,"
                + " escalation_delay_s = ?, repeat_interval_s = ?, notify_on_recovery = ?,"
                + " priority = ?, enabled = ?, updated_at = now(), version = version + 1"
                + " WHERE tenant_id = ? AND id = ?")) {
      bind(ps, d);
      ps.setLong(9, tenantId);
      ps.setLong(10, id);
      ps.executeUpdate();
    }
  }

  public void delete(Connection c, long tenantId, long id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM notification_rules WHERE tenant_id = ? AND id = ?")) {
      ps.setLong(1, tenantId);
      ps.setLong(2, id);
      ps.executeUpdate();
    }
  }

  /** How many of {@code ids} are rows of {@code table} in the tenant (host_groups or hosts). */
  public int countExisting(Connection c, String table, long tenantId, List<Long> ids)
      throws SQLException {
    // The table name comes from a fixed set in the caller, never from input.
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT count(DISTINCT id) FROM " + table + " WHERE tenant_id = ? AND id = ANY (?)")) {
      ps.setLong(1, tenantId);
      ps.setArray(2, c.createArrayOf("bigint", ids.toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  public Optional<RuleView> find(Connection c, TenantScope scope, long id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SELECT + " AND id = ?")) {
      JdbcTenantScope.bind(c, ps, 1, scope);
      ps.setLong(3, id);
      List<RuleView> found = rows(ps);
      return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }
  }

  public List<RuleView> page(
      Connection c, TenantScope scope, Long channelId, long afterId, int limit)
      throws SQLException {
    String sql =
        SELECT
            + " AND id > ?"
            + (channelId == null ? "" : " AND channel_id = ?")
            + " ORDER BY id LIMIT ?";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      JdbcTenantScope.bind(c, ps, 1, scope);
      int i = 3;
      ps.setLong(i++, afterId);
      if (channelId != null) {
        ps.setLong(i++, channelId);
      }
      ps.setInt(i, limit);
      return rows(ps);
    }
  }

  /**
   * The tenant's enabled rules whose channel is enabled, highest priority first (ties: oldest
   * first): the order in which dispatch picks one rule per channel.
   */
  public List<RuleView> enabledForDispatch(Connection c, long tenantId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            SELECT
                + " AND enabled AND EXISTS (SELECT 1 FROM notification_channels"
                + " ch WHERE ch.tenant_id = notification_rules.tenant_id"
                + " AND ch.id = notification_rules.channel_id AND ch.enabled)"
                + " ORDER BY priority DESC, id")) {
      JdbcTenantScope.bind(c, ps, 1, TenantScope.of(tenantId));
      return rows(ps);
    }
  }

  private static void bind(PreparedStatement ps, RuleDraft d) throws SQLException {
    ps.setString(1, d.name());
    ps.setString(2, d.match().toString());
    ps.setLong(3, d.channelId());
    ps.setInt(4, d.escalationDelayS());
    if (d.repeatIntervalS() == null) {
      ps.setNull(5, Types.INTEGER);
    } else {
      ps.setInt(5, d.repeatIntervalS());
    }
    ps.setBoolean(6, d.notifyOnRecovery());
    ps.setInt(7, d.priority());
    ps.setBoolean(8, d.enabled());
  }

  private static List<RuleView> rows(PreparedStatement ps) throws SQLException {
    List<RuleView> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        JsonObject match;
        try (JsonReader r = Json.createReader(new StringReader(rs.getString(4)))) {
          match = r.readObject();
        }
        int repeat = rs.getInt(7);
        Integer repeatOrNull = rs.wasNull() ? null : repeat;
        out.add(
            new RuleView(
                rs.getLong(1),
                rs.getLong(2),
                rs.getString(3),
                match,
                rs.getLong(5),
                rs.getInt(6),
                repeatOrNull,
                rs.getBoolean(8),
                rs.getInt(9),
                rs.getBoolean(10),
                rs.getTimestamp(11).toInstant(),
                rs.getLong(12)));
      }
    }
    return out;
  }
}
