package io.vesana.discovery.internal;

import io.vesana.discovery.DiscoveredHostView;
import io.vesana.discovery.DiscoveryFilter;
import io.vesana.discovery.DiscoveryView;
import io.vesana.discovery.ScanRequest;
import io.vesana.tenancy.JdbcTenantScope;
import io.vesana.tenancy.TenantScope;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Scans and their hosts over JDBC on the caller's connection. Reads name the readable tenants of
 * the scope ({@code ? OR tenant_id = ANY(?)}), writes the tenant: another tenant's scan is simply
 * not found. Stateless and thread-safe.
 */
public final class JdbcDiscoveries {

  private static final String SELECT =
      "SELECT d.id, d.tenant_id, d.collector_id, d.cidr::text, d.options::text, d.status,"
          + " d.requested_by_user_id, d.started_at, d.finished_at, d.error,"
          + " (SELECT count(*) FROM discovered_hosts h WHERE h.tenant_id = d.tenant_id"
          + " AND h.discovery_id = d.id), d.created_at, d.version"
          + " FROM discoveries d WHERE (? OR d.tenant_id = ANY (?))";

  public long insert(Connection c, long tenantId, ScanRequest r, long userId) throws SQLException {
    JsonArrayBuilder ports = Json.createArrayBuilder();
    r.ports().forEach(ports::add);
    JsonObject options =
        r.ports().isEmpty()
            ? JsonObject.EMPTY_JSON_OBJECT
            : Json.createObjectBuilder().add("ports", ports).build();
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO discoveries (tenant_id, collector_id, cidr, options, requested_by_user_id)"
                + " VALUES (?, ?, ?::cidr, ?::jsonb, ?) RETURNING id")) {
      ps.setLong(1, tenantId);
      ps.setLong(2, r.collectorId());
      ps.setString(3, r.block().text());
      ps.setString(4, options.toString());
      ps.setLong(5, userId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  public Optional<DiscoveryView> find(Connection c, TenantScope scope, long id)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SELECT + " AND d.id = ?")) {
      bindScope(c, ps, scope);
      ps.setLong(3, id);
      List<DiscoveryView> found = rows(ps);
      return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }
  }

  /** Up to {@code limit} scans after {@code afterId} in id order. */
  public List<DiscoveryView> page(
      Connection c, TenantScope scope, DiscoveryFilter f, long afterId, int limit)
      throws SQLException {
    StringBuilder sql = new StringBuilder(SELECT).append(" AND d.id > ?");
    List<Object> args = new ArrayList<>();
    args.add(afterId);
    if (f.collectorId() != null) {
      sql.append(" AND d.collector_id = ?");
      args.add(f.collectorId());
    }
    if (f.status() != null) {
      sql.append(" AND d.status = ?");
      args.add(f.status());
    }
    if (f.from() != null) {
      sql.append(" AND d.created_at >= ?");
      args.add(Timestamp.from(f.from()));
    }
    if (f.to() != null) {
      sql.append(" AND d.created_at < ?");
      args.add(Timestamp.from(f.to()));
    }
    sql.append(" ORDER BY d.id LIMIT ?");
    args.add(limit);
    try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
      bindScope(c, ps, scope);
      for (int i = 0; i < args.size(); i++) {
        ps.setObject(i + 3, args.get(i));
      }
      return rows(ps);
    }
  }

  /** Hosts of a scan (already known visible) after {@code afterId}, in id order. */
  public List<DiscoveredHostView> hosts(
      Connection c, long tenantId, long discoveryId, long afterId, int limit) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id, discovery_id, host(address), hostname, mac_address::text, sys_object_id,"
                + " sys_descr, open_ports::text, matched_host_id FROM discovered_hosts"
                + " WHERE tenant_id = ? AND discovery_id = ? AND id > ? ORDER BY id LIMIT ?")) {
      ps.setLong(1, tenantId);
      ps.setLong(2, discoveryId);
      ps.setLong(3, afterId);
      ps.setInt(4, limit);
      List<DiscoveredHostView> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long matched = rs.getLong(9);
          out.add(
              new DiscoveredHostView(
                  rs.getLong(1),
                  rs.getLong(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getString(6),
                  rs.getString(7),
                  read(rs.getString(8)).asJsonArray(),
                  rs.wasNull() ? null : matched));
        }
      }
      return out;
    }
  }

  /** The open scan requests of a collector, oldest first: what its configuration carries. */
  public static JsonArray pending(Connection c, long tenantId, long collectorId)
      throws SQLException {
    JsonArrayBuilder out = Json.createArrayBuilder();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id, cidr::text, options::text FROM discoveries WHERE tenant_id = ?"
                + " AND collector_id = ? AND status = 'requested' ORDER BY id LIMIT 100")) {
      ps.setLong(1, tenantId);
      ps.setLong(2, collectorId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              Json.createObjectBuilder()
                  .add("discovery_id", rs.getLong(1))
                  .add("cidr", rs.getString(2))
                  .add("options", read(rs.getString(3))));
        }
      }
    }
    return out.build();
  }

  private static jakarta.json.JsonStructure read(String json) {
    try (JsonReader r = Json.createReader(new StringReader(json))) {
      return r.read();
    }
  }

  private static void bindScope(Connection c, PreparedStatement ps, TenantScope scope)
      throws SQLException {
    JdbcTenantScope.bind(c, ps, 1, scope);
  }

  private static List<DiscoveryView> rows(PreparedStatement ps) throws SQLException {
    List<DiscoveryView> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        long user = rs.getLong(7);
        Long requestedBy = rs.wasNull() ? null : user;
        out.add(
            new DiscoveryView(
                rs.getLong(1),
                rs.getLong(2),
                rs.getLong(3),
                rs.getString(4),
                read(rs.getString(5)).asJsonObject(),
                rs.getString(6),
                requestedBy,
                instant(rs.getTimestamp(8)),
                instant(rs.getTimestamp(9)),
                rs.getString(10),
                rs.getLong(11),
                rs.getTimestamp(12).toInstant(),
                rs.getLong(13)));
      }
    }
    return out;
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
