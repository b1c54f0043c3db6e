package io.vesana.notifications.internal;

import io.vesana.notifications.ChannelKind;
import io.vesana.notifications.ChannelView;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * notification_channels rows over JDBC on the caller's connection. Writes name the tenant, reads
 * the scope's readable tenants. The ciphertext goes in and comes out only through {@link #secret};
 * views carry {@code hasSecret}. Stateless and thread-safe.
 */
public final class JdbcChannels {

  private static final String SELECT =
      "SELECT id, tenant_id, name, kind, settings::text, secret_ciphertext IS NOT NULL, enabled,"
          + " created_at, version FROM notification_channels WHERE (? OR tenant_id = ANY (?))";

  public long insert(
      Connection c,
      long tenantId,
      String name,
      ChannelKind kind,
      JsonObject settings,
      byte[] secret,
      boolean enabled)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO notification_channels (tenant_id, name, kind, settings,"
                + " secret_ciphertext, enabled) VALUES (?, ?, ?, ?::jsonb, ?, ?) RETURNING id")) {
      ps.setLong(1, tenantId);
      ps.setString(2, name);
      ps.setString(3, kind.code());
      ps.setString(4, settings.toString());
      ps.setBytes(5, secret);
      ps.setBoolean(6, enabled);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** Replaces the fields; {@code keepSecret} leaves the ciphertext as it is. */
  public void update(
      Connection c,
      long tenantId,
      long id,
      String name,
      ChannelKind kind,
      JsonObject settings,
      boolean keepSecret,
      byte[] secret,
      boolean enabled)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE notification_channels SET name = ?, kind = ?, settings = ?::jsonb,"
                + " secret_ciphertext = CASE WHEN ? THEN secret_ciphertext ELSE ? END,"
                + " enabled = ?, updated_at = now(), version = version + 1"
                + " WHERE tenant_id = ? AND id = ?")) {
      ps.setString(1, name);
      ps.setString(2, kind.code());
      ps.setString(3, settings.toString());
      ps.setBoolean(4, keepSecret);
      ps.setBytes(5, secret);
      ps.setBoolean(6, enabled);
      ps.setLong(7, tenantId);
      ps.setLong(8, id);
      ps.executeUpdate();
    }
  }

  public void delete(Connection c, long tenantId, long id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM notification_channels WHERE tenant_id = ? AND id = ?")) {
      ps.setLong(1, tenantId);
      ps.setLong(2, id);
      ps.executeUpdate();
    }
  }

  public Optional<byte[]> secret(Connection c, long tenantId, long id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT secret_ciphertext FROM notification_channels WHERE tenant_id = ? AND id = ?")) {
      ps.setLong(1, tenantId);
      ps.setLong(2, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.ofNullable(rs.getBytes(1)) : Optional.empty();
      }
    }
  }

  public Optional<ChannelView> find(Connection c, TenantScope scope, long id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SELECT + " AND id = ?")) {
      JdbcTenantScope.bind(c, ps, 1, scope);
      ps.setLong(3, id);
      List<ChannelView> found = rows(ps);
      return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }
  }

  /** A page in id order, optionally of one kind and/or with {@code text} in the name. */
  public List<ChannelView> page(
      Connection c, TenantScope scope, ChannelKind kind, String text, long afterId, int limit)
      throws SQLException {
    String sql =
        SELECT
            + " AND id > ?"
            + (kind == null ? "" : " AND kind = ?")
            + (text == null ? "" : " AND strpos(lower(name), ?) > 0")
            + " ORDER BY id LIMIT ?";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      JdbcTenantScope.bind(c, ps, 1, scope);
      int i = 3;
      ps.setLong(i++, afterId);
      if (kind != null) {
        ps.setString(i++, kind.code());
      }
      if (text != null) {
        ps.setString(i++, text.toLowerCase(Locale.ROOT));
      }
      ps.setInt(i, limit);
      return rows(ps);
    }
  }

  private static List<ChannelView> rows(PreparedStatement ps) throws SQLException {
    List<ChannelView> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        JsonObject settings;
        try (JsonReader r = Json.createReader(new StringReader(rs.getString(5)))) {
          settings = r.readObject();
        }
        out.add(
            new ChannelView(
                rs.getLong(1),
                rs.getLong(2),
                rs.getString(3),
                ChannelKind.of(rs.getString(4)),
                settings,
                rs.getBoolean(6),
                rs.getBoolean(7),
                rs.getTimestamp(8).toInstant(),
                rs.getLong(9)));
      }
    }
    return out;
  }
}
