package io.vesana.settings.internal;

import jakarta.json.Json;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Rows of {@code tenant_settings} and {@code system_settings} in plain JDBC. Tenant statements all
 * name their tenant; the two tables are separate statements, never one built from input.
 */
public final class JdbcSettings {

  /** A stored value and when it was last written. */
  public record Stored(JsonValue value, Instant updatedAt) {}

  /** The tenant exists and is not deleted (nor the reserved internal tenant). */
  public boolean tenantExists(Connection c, long tenantId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT 1 FROM tenants WHERE id = ? AND status <> 'deleted' AND slug <> ?")) {
      ps.setLong(1, tenantId);
      ps.setString(2, io.vesana.tenancy.ReservedTenant.SLUG);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  public Map<String, Stored> tenantValues(Connection c, long tenantId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT key, value::text, updated_at FROM tenant_settings WHERE tenant_id = ?")) {
      ps.setLong(1, tenantId);
      return rows(ps);
    }
  }

  public Map<String, Stored> systemValues(Connection c) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT key, value::text, updated_at FROM system_settings")) {
      return rows(ps);
    }
  }

  /** Stores a value, or removes the row when {@code value} is null (back to the default). */
  public void putTenant(Connection c, long tenantId, String key, JsonValue value, long userId)
      throws SQLException {
    if (value == null) {
      try (PreparedStatement ps =
          c.prepareStatement("DELETE FROM tenant_settings WHERE tenant_id = ? AND key = ?")) {
        ps.setLong(1, tenantId);
        ps.setString(2, key);
        ps.executeUpdate();
      }
      return;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO tenant_settings (tenant_id, key, value, updated_by_user_id)"
                + " VALUES (?, ?, ?::jsonb, ?) ON CONFLICT (tenant_id, key) DO UPDATE SET"
                + " value = excluded.value, updated_at = now(),"
                + " updated_by_user_id = excluded.updated_by_user_id,"
                + " version = tenant_settings.version + 1")) {
      ps.setLong(1, tenantId);
      ps.setString(2, key);
      ps.setString(3, value.toString());
      ps.setLong(4, userId);
      ps.executeUpdate();
    }
  }

  /** Stores a system value, or removes the row when {@code value} is null. */
  public void putSystem(Connection c, String key, JsonValue value) throws SQLException {
    if (value == null) {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM system_settings WHERE key = ?")) {
        ps.setString(1, key);
        ps.executeUpdate();
      }
      return;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO system_settings (key, value) VALUES (?, ?::jsonb)"
                + " ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = now(),"
                + " version = system_settings.version + 1")) {
      ps.setString(1, key);
      ps.setString(2, value.toString());
      ps.executeUpdate();
    }
  }

  private static Map<String, Stored> rows(PreparedStatement ps) throws SQLException {
    Map<String, Stored> out = new LinkedHashMap<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.put(
            rs.getString(1), new Stored(parse(rs.getString(2)), rs.getTimestamp(3).toInstant()));
      }
    }
    return out;
  }

  private static JsonValue parse(String json) {
    try (JsonReader r = Json.createReader(new StringReader(json))) {
      return r.readValue();
    }
  }
}
