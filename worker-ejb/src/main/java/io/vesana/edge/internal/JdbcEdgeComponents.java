package io.vesana.edge.internal;

import io.vesana.edge.EdgeComponentView;
import io.vesana.edge.EdgeIdentity;
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
 * Lists and reads collectors and agents with the tenants named in every statement ({@code tenants}
 * null: every tenant, for a super admin). Keyset paged in id order.
 */
public final class JdbcEdgeComponents {

  private static final String COLLECTORS =
      "SELECT id, tenant_id, name, description, NULL::bigint, api_key_id, status,"
          + " software_version, NULL, NULL, last_seen_at, host(last_address), created_at"
          + " FROM collectors WHERE (?::bigint[] IS NULL OR tenant_id = ANY (?::bigint[]))";

  private static final String AGENTS =
      "SELECT id, tenant_id, hostname, NULL, host_id, token_id, status, software_version, os,"
          + " arch, last_seen_at, host(last_address), created_at"
          + " FROM agents WHERE (?::bigint[] IS NULL OR tenant_id = ANY (?::bigint[]))";

  private JdbcEdgeComponents() {}

  /**
   * @param status only components in this status, when given
   * @param hostId only the agent of this host, when given (agents only)
   */
  public static List<EdgeComponentView> list(
      Connection c,
      EdgeIdentity.Kind kind,
      List<Long> tenants,
      String status,
      Long hostId,
      long afterId,
      int limit)
      throws SQLException {
    String sql =
        (kind == EdgeIdentity.Kind.AGENT ? AGENTS : COLLECTORS)
            + " AND (?::text IS NULL OR status = ?::text)"
            + (kind == EdgeIdentity.Kind.AGENT
                ? " AND (?::bigint IS NULL OR host_id = ?::bigint)"
                : "")
            + " AND id > ? ORDER BY id LIMIT ?";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int i = tenants(c, ps, tenants);
      ps.setString(i++, status);
      ps.setString(i++, status);
      if (kind == EdgeIdentity.Kind.AGENT) {
        ps.setObject(i++, hostId, java.sql.Types.BIGINT);
        ps.setObject(i++, hostId, java.sql.Types.BIGINT);
      }
      ps.setLong(i++, afterId);
      ps.setInt(i, limit);
      return rows(ps, kind);
    }
  }

  public static Optional<EdgeComponentView> find(
      Connection c, EdgeIdentity.Kind kind, List<Long> tenants, long id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            (kind == EdgeIdentity.Kind.AGENT ? AGENTS : COLLECTORS) + " AND id = ?")) {
      int i = tenants(c, ps, tenants);
      ps.setLong(i, id);
      List<EdgeComponentView> found = rows(ps, kind);
      return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }
  }

  private static int tenants(Connection c, PreparedStatement ps, List<Long> tenants)
      throws SQLException {
    var array = tenants == null ? null : c.createArrayOf("bigint", tenants.toArray());
    ps.setArray(1, array);
    ps.setArray(2, array);
    return 3;
  }

  private static List<EdgeComponentView> rows(PreparedStatement ps, EdgeIdentity.Kind kind)
      throws SQLException {
    List<EdgeComponentView> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(
            new EdgeComponentView(
                rs.getLong(1),
                rs.getLong(2),
                kind,
                rs.getString(3),
                rs.getString(4),
                rs.getObject(5, Long.class),
                rs.getObject(6, Long.class),
                rs.getString(7),
                rs.getString(8),
                rs.getString(9),
                rs.getString(10),
                instant(rs.getTimestamp(11)),
                rs.getString(12),
                instant(rs.getTimestamp(13))));
      }
    }
    return out;
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
