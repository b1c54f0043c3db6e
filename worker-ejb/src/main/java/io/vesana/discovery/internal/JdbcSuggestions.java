package io.vesana.discovery.internal;

import io.vesana.discovery.SuggestionFilter;
import io.vesana.discovery.SuggestionView;
import io.vesana.tenancy.JdbcTenantScope;
import io.vesana.tenancy.TenantScope;
import jakarta.json.Json;
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
 * Suggestions over JDBC on the caller's connection, scoped like {@link JdbcDiscoveries}; also turns
 * a catalog template into a tenant profile when a template suggestion is accepted. Stateless.
 */
public final class JdbcSuggestions {

  private static final String SELECT =
      "SELECT s.id, s.tenant_id, d.discovery_id, s.discovered_host_id, host(d.address),"
          + " d.hostname, s.profile_id, s.template_id,"
          + " (SELECT t.slug FROM profile_templates t WHERE t.id = coalesce(s.template_id,"
          + " (SELECT p.template_id FROM profiles p WHERE p.tenant_id = s.tenant_id"
          + " AND p.id = s.profile_id))), s.confidence, s.evidence::text, s.status,"
          + " s.decided_by_user_id, s.decided_at, s.applied_host_id, s.created_at"
          + " FROM profile_suggestions s JOIN discovered_hosts d"
          + " ON d.tenant_id = s.tenant_id AND d.id = s.discovered_host_id"
          + " WHERE (? OR s.tenant_id = ANY (?))";

  public Optional<SuggestionView> find(Connection c, TenantScope scope, long id, boolean lock)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(SELECT + " AND s.id = ?" + (lock ? " FOR UPDATE OF s" : ""))) {
      bindScope(c, ps, scope);
      ps.setLong(3, id);
      List<SuggestionView> found = rows(ps);
      return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }
  }

  public List<SuggestionView> page(
      Connection c, TenantScope scope, SuggestionFilter f, long afterId, int limit)
      throws SQLException {
    String sql =
        SELECT
            + " AND s.id > ?"
            + (f.status() == null ? "" : " AND s.status = ?")
            + (f.discoveryId() == null ? "" : " AND d.discovery_id = ?")
            + " ORDER BY s.id LIMIT ?";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bindScope(c, ps, scope);
      int i = 3;
      ps.setLong(i++, afterId);
      if (f.status() != null) {
        ps.setString(i++, f.status());
      }
      if (f.discoveryId() != null) {
        ps.setLong(i++, f.discoveryId());
      }
      ps.setInt(i, limit);
      return rows(ps);
    }
  }

  /**
   * Decides a suggestion; on acceptance the other open suggestions for the same discovered host are
   * rejected with it and the discovered host is matched to the new host.
   */
  public void decide(Connection c, SuggestionView s, String status, long userId, Long hostId)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE profile_suggestions SET status = ?, decided_by_user_id = ?,"
                + " decided_at = now(), applied_host_id = ?, updated_at = now(),"
                + " version = version + 1 WHERE tenant_id = ? AND id = ?")) {
      ps.setString(1, status);
      ps.setLong(2, userId);
      ps.setObject(3, hostId, java.sql.Types.BIGINT);
      ps.setLong(4, s.tenantId());
      ps.setLong(5, s.id());
      ps.executeUpdate();
    }
    if (hostId == null) {
      return;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE profile_suggestions SET status = 'rejected', decided_by_user_id = ?,"
                + " decided_at = now(), updated_at = now(), version = version + 1"
                + " WHERE tenant_id = ? AND discovered_host_id = ? AND status = 'suggested'")) {
      ps.setLong(1, userId);
      ps.setLong(2, s.tenantId());
      ps.setLong(3, s.discoveredHostId());
      ps.executeUpdate();
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE discovered_hosts SET matched_host_id = ? WHERE tenant_id = ? AND id = ?")) {
      ps.setLong(1, hostId);
      ps.setLong(2, s.tenantId());
      ps.setLong(3, s.discoveredHostId());
      ps.executeUpdate();
    }
  }

  /** The collector that ran the scan which found the host (it will check the new host too). */
  public long collectorOf(Connection c, SuggestionView s) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT collector_id FROM discoveries WHERE tenant_id = ? AND id = ?")) {
      ps.setLong(1, s.tenantId());
      ps.setLong(2, s.discoveryId());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static void bindScope(Connection c, PreparedStatement ps, TenantScope scope)
      throws SQLException {
    JdbcTenantScope.bind(c, ps, 1, scope);
  }

  private static List<SuggestionView> rows(PreparedStatement ps) throws SQLException {
    List<SuggestionView> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        try (JsonReader r = Json.createReader(new StringReader(rs.getString(11)))) {
          out.add(
              new SuggestionView(
                  rs.getLong(1),
                  rs.getLong(2),
                  rs.getLong(3),
                  rs.getLong(4),
                  rs.getString(5),
                  rs.getString(6),
                  rs.getObject(7, Long.class),
                  rs.getObject(8, Long.class),
                  rs.getString(9),
                  rs.getBigDecimal(10),
                  r.readObject(),
                  rs.getString(12),
                  rs.getObject(13, Long.class),
                  instant(rs.getTimestamp(14)),
                  rs.getObject(15, Long.class),
                  rs.getTimestamp(16).toInstant()));
        }
      }
    }
    return out;
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
