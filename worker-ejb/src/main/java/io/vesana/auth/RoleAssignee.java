package io.vesana.auth;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A tenant user as role assignment sees them: their tenant and current role names (built-in names,
 * {@code custom:<name>} for custom roles). Super admins (no tenant) are never found: they hold no
 * assignable roles.
 */
record RoleAssignee(long id, long tenantId, List<String> roles) {

  static Optional<RoleAssignee> find(Connection c, long userId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT u.id, u.tenant_id,"
                + " coalesce(array_agg(coalesce(ur.role_name, 'custom:' || r.name))"
                + " FILTER (WHERE ur.id IS NOT NULL), '{}')"
                + " FROM users u LEFT JOIN user_roles ur"
                + " ON ur.tenant_id = u.tenant_id AND ur.user_id = u.id"
                + " LEFT JOIN roles r ON r.tenant_id = ur.tenant_id AND r.id = ur.role_id"
                + " WHERE u.id = ? AND u.tenant_id IS NOT NULL GROUP BY u.id")) {
      ps.setLong(1, userId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        Array a = rs.getArray(3);
        return Optional.of(
            new RoleAssignee(rs.getLong(1), rs.getLong(2), Arrays.asList((String[]) a.getArray())));
      }
    }
  }
}
