package io.vesana.auth.internal;

import io.vesana.auth.RoleView;
import io.vesana.tenancy.JdbcTenantScope;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Custom roles (roles, role_permissions, role_tenant_reads) and role assignments (user_roles) in
 * plain JDBC, like the rest of identity. Every statement names the tenant it reads or writes:
 * {@code (? OR r.tenant_id = ANY (?))} is true for a super admin only.
 */
public final class JdbcRoles {

  private static final String SELECT =
      "SELECT r.id, r.tenant_id, r.name, r.description, r.version,"
          + " coalesce((SELECT array_agg(rp.permission ORDER BY rp.permission)"
          + " FROM role_permissions rp WHERE rp.tenant_id = r.tenant_id AND rp.role_id = r.id),"
          + " '{}'),"
          + " coalesce((SELECT array_agg(rtr.read_tenant_id ORDER BY rtr.read_tenant_id)"
          + " FROM role_tenant_reads rtr WHERE rtr.tenant_id = r.tenant_id"
          + " AND rtr.role_id = r.id), '{}')"
          + " FROM roles r WHERE (? OR r.tenant_id = ANY (?))";

  /** Custom roles of the readable tenants (all for {@code allTenants}), keyset by id. */
  public List<RoleView> list(
      Connection c, boolean allTenants, Collection<Long> tenants, long afterId, int limit)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(SELECT + " AND r.id > ? ORDER BY r.id LIMIT ?")) {
      scope(c, ps, allTenants, tenants);
      ps.setLong(3, afterId);
      ps.setInt(4, limit);
      return rows(ps);
    }
  }

  public Optional<RoleView> find(
      Connection c, boolean allTenants, Collection<Long> tenants, long id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SELECT + " AND r.id = ?")) {
      scope(c, ps, allTenants, tenants);
      ps.setLong(3, id);
      List<RoleView> found = rows(ps);
      return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }
  }

  /** Inserts the role row; 23505 (name taken) propagates. */
  public long insert(Connection c, long tenant, String name, String description)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO roles (tenant_id, name, description) VALUES (?, ?, ?) RETURNING id")) {
      ps.setLong(1, tenant);
      ps.setString(2, name);
      ps.setString(3, description);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  public void rename(Connection c, long tenant, long id, String name, String description)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE roles SET name = ?, description = ?, updated_at = now(),"
                + " version = version + 1 WHERE tenant_id = ? AND id = ?")) {
      ps.setString(1, name);
      ps.setString(2, description);
      ps.setLong(3, tenant);
      ps.setLong(4, id);
      ps.executeUpdate();
    }
  }

  /** Replaces the role's permissions and readable tenants with the given sets. */
  public void replaceGrants(
      Connection c, long tenant, long id, Set<String> permissions, Set<Long> readTenants)
      throws SQLException {
    delete(c, "DELETE FROM role_permissions WHERE tenant_id = ? AND role_id = ?", tenant, id);
    delete(c, "DELETE FROM role_tenant_reads WHERE tenant_id = ? AND role_id = ?", tenant, id);
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO role_permissions (tenant_id, role_id, permission)"
                + " SELECT ?, ?, unnest(?::text[])")) {
      ps.setLong(1, tenant);
      ps.setLong(2, id);
      ps.setArray(3, c.createArrayOf("text", permissions.toArray()));
      ps.executeUpdate();
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO role_tenant_reads (tenant_id, role_id, read_tenant_id)"
                + " SELECT ?, ?, unnest(?::bigint[])")) {
      ps.setLong(1, tenant);
      ps.setLong(2, id);
      ps.setArray(3, c.createArrayOf("bigint", readTenants.toArray()));
      ps.executeUpdate();
    }
  }

  /** Deletes the role; its grants and assignments go with it (ON DELETE CASCADE). */
  public boolean delete(Connection c, long tenant, long id) throws SQLException {
    return delete(c, "DELETE FROM roles WHERE tenant_id = ? AND id = ?", tenant, id) == 1;
  }

  /** How many of {@code ids} are tenants that exist and are not deleted. */
  public int existingTenants(Connection c, Set<Long> ids) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT count(*) FROM tenants WHERE id = ANY (?) AND status <> 'deleted'")) {
      ps.setArray(1, c.createArrayOf("bigint", ids.toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  /**
   * Replaces a user's role assignments in {@code tenant}. A custom role id of another tenant breaks
   * the composite foreign key (23503), which propagates.
   */
  public void assign(
      Connection c, long tenant, long userId, Set<String> builtIn, Set<Long> customRoleIds)
      throws SQLException {
    delete(c, "DELETE FROM user_roles WHERE tenant_id = ? AND user_id = ?", tenant, userId);
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO user_roles (tenant_id, user_id, role_name, role_id)"
                + " SELECT ?, ?, n, NULL FROM unnest(?::text[]) n"
                + " UNION ALL SELECT ?, ?, NULL, i FROM unnest(?::bigint[]) i")) {
      ps.setLong(1, tenant);
      ps.setLong(2, userId);
      ps.setArray(3, c.createArrayOf("text", builtIn.toArray()));
      ps.setLong(4, tenant);
      ps.setLong(5, userId);
      ps.setArray(6, c.createArrayOf("bigint", customRoleIds.toArray()));
      ps.executeUpdate();
    }
  }

  private static int delete(Connection c, String sql, long tenant, long id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, tenant);
      ps.setLong(2, id);
      return ps.executeUpdate();
    }
  }

  private static void scope(
      Connection c, PreparedStatement ps, boolean allTenants, Collection<Long> tenants)
      throws SQLException {
    JdbcTenantScope.bind(c, ps, 1, allTenants, tenants);
  }

  private static List<RoleView> rows(PreparedStatement ps) throws SQLException {
    List<RoleView> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(
            new RoleView(
                rs.getLong(1),
                rs.getLong(2),
                rs.getString(3),
                rs.getString(4),
                false,
                new HashSet<>(Arrays.asList((String[]) array(rs.getArray(6)))),
                Arrays.asList((Long[]) array(rs.getArray(7))),
                rs.getLong(5)));
      }
    }
    return out;
  }

  private static Object array(Array a) throws SQLException {
    return a.getArray();
  }
}
