package io.vesana.auth.sso.internal;

import io.vesana.tenancy.ReservedTenant;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;

/**
 * Users as SSO sees them, in plain JDBC like the rest of identity: the exchange runs before any
 * tenant is known, and every statement names the user, identity or tenant it touches.
 */
public final class JdbcSsoIdentities {

  /** A user row: id and tenant (null for a super admin). */
  public record UserRef(long userId, Long tenantId) {}

  /** An active customer tenant by slug. */
  public Optional<Long> activeTenant(Connection c, String slug) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id FROM tenants WHERE slug = ? AND status = 'active' AND slug <> ?")) {
      ps.setString(1, slug);
      ps.setString(2, ReservedTenant.SLUG);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
      }
    }
  }

  public Optional<UserRef> byIdentity(Connection c, String issuer, String subject)
      throws SQLException {
    return user(
        c,
        "SELECT u.id, u.tenant_id FROM sso_identities si JOIN users u ON u.id = si.user_id"
            + " WHERE si.issuer = ? AND si.subject = ?",
        issuer,
        subject);
  }

  public Optional<UserRef> byEmail(Connection c, String email) throws SQLException {
    return user(c, "SELECT u.id, u.tenant_id FROM users u WHERE lower(u.email) = lower(?)", email);
  }

  public void link(Connection c, long userId, String issuer, String subject, String email)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO sso_identities (user_id, issuer, subject, email, last_login_at)"
                + " VALUES (?, ?, ?, ?, now())")) {
      ps.setLong(1, userId);
      ps.setString(2, issuer);
      ps.setString(3, subject);
      ps.setString(4, email);
      ps.executeUpdate();
    }
  }

  public void touch(Connection c, String issuer, String subject, String email) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE sso_identities SET last_login_at = now(), email = coalesce(?, email)"
                + " WHERE issuer = ? AND subject = ?")) {
      ps.setString(1, email);
      ps.setString(2, issuer);
      ps.setString(3, subject);
      ps.executeUpdate();
    }
  }

  /** A new SSO-only user (no password). */
  public long createUser(Connection c, long tenantId, String email, String displayName)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO users (tenant_id, email, display_name) VALUES (?, ?, ?) RETURNING id")) {
      ps.setLong(1, tenantId);
      ps.setString(2, email);
      ps.setString(3, displayName);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /**
   * Makes the user's built-in roles exactly {@code roles}; custom roles are left alone. True if
   * anything changed.
   */
  public boolean replaceBuiltInRoles(Connection c, long tenantId, long userId, Set<String> roles)
      throws SQLException {
    boolean changed;
    try (PreparedStatement ps =
        c.prepareStatement(
            "DELETE FROM user_roles WHERE tenant_id = ? AND user_id = ? AND role_name IS NOT NULL"
                + " AND NOT (role_name = ANY (?))")) {
      ps.setLong(1, tenantId);
      ps.setLong(2, userId);
      ps.setArray(3, c.createArrayOf("text", roles.toArray()));
      changed = ps.executeUpdate() > 0;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO user_roles (tenant_id, user_id, role_name) VALUES (?, ?, ?)"
                + " ON CONFLICT (tenant_id, user_id, role_name) WHERE role_name IS NOT NULL"
                + " DO NOTHING")) {
      for (String role : roles) {
        ps.setLong(1, tenantId);
        ps.setLong(2, userId);
        ps.setString(3, role);
        ps.addBatch();
      }
      for (int n : ps.executeBatch()) {
        changed |= n > 0;
      }
    }
    return changed;
  }

  private static Optional<UserRef> user(Connection c, String sql, String... args)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setString(i + 1, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        long tenant = rs.getLong(2);
        return Optional.of(new UserRef(rs.getLong(1), rs.wasNull() ? null : tenant));
      }
    }
  }
}
