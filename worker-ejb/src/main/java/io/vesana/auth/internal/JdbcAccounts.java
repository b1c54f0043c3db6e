package io.vesana.auth.internal;

import io.vesana.auth.BuiltInRole;
import io.vesana.auth.Caller;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Users as login sees them, in plain JDBC: login runs before any tenant is known (e-mail addresses
 * are unique across tenants), so it cannot go through the tenant-scoped repositories, and every
 * statement here names the one user it touches.
 */
public final class JdbcAccounts {

  /** What login needs of a user row. */
  public record Account(
      long id,
      Long tenantId,
      String email,
      String passwordHash,
      String status,
      boolean totpEnabled,
      byte[] totpSecretCiphertext,
      int failedLogins,
      Instant lockedUntil) {

    public boolean active() {
      return "active".equals(status);
    }
  }

  public Optional<Account> byEmail(Connection c, String email) throws SQLException {
    return one(c, "lower(u.email) = lower(?)", email);
  }

  public Optional<Account> byId(Connection c, long id) throws SQLException {
    return one(c, "u.id = ?", id);
  }

  private static Optional<Account> one(Connection c, String where, Object arg) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT u.id, u.tenant_id, u.email, u.password_hash, u.status, u.totp_enabled,"
                + " u.totp_secret_ciphertext, u.failed_logins, u.locked_until"
                + " FROM users u LEFT JOIN tenants t ON t.id = u.tenant_id"
                + " WHERE "
                + where
                // A user of a suspended or deleted tenant cannot log in.
                + " AND (u.tenant_id IS NULL OR t.status = 'active')")) {
      ps.setObject(1, arg);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        long tenant = rs.getLong(2);
        Long tenantId = rs.wasNull() ? null : tenant;
        Timestamp locked = rs.getTimestamp(9);
        return Optional.of(
            new Account(
                rs.getLong(1),
                tenantId,
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getBoolean(6),
                rs.getBytes(7),
                rs.getInt(8),
                locked == null ? null : locked.toInstant()));
      }
    }
  }

  /** Roles, permissions and extra readable tenants of an account. */
  public Caller caller(Connection c, Account a) throws SQLException {
    Set<String> roles = new HashSet<>();
    Set<String> permissions = new HashSet<>();
    Set<Long> readable = new HashSet<>();
    if (a.tenantId() == null) {
      roles.add(BuiltInRole.SUPER_ADMIN.roleName());
      permissions.addAll(BuiltInRole.SUPER_ADMIN.permissions());
      return new Caller(a.id(), null, a.email(), roles, permissions, readable);
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT ur.role_name, r.name, rp.permission, rtr.read_tenant_id"
                + " FROM user_roles ur"
                + " LEFT JOIN roles r ON r.tenant_id = ur.tenant_id AND r.id = ur.role_id"
                + " LEFT JOIN role_permissions rp"
                + " ON rp.tenant_id = ur.tenant_id AND rp.role_id = ur.role_id"
                + " LEFT JOIN role_tenant_reads rtr"
                + " ON rtr.tenant_id = ur.tenant_id AND rtr.role_id = ur.role_id"
                + " JOIN tenants rt ON rt.id = coalesce(rtr.read_tenant_id, ur.tenant_id)"
                + " WHERE ur.tenant_id = ? AND ur.user_id = ? AND rt.status = 'active'")) {
      ps.setLong(1, a.tenantId());
      ps.setLong(2, a.id());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String builtIn = rs.getString(1);
          if (builtIn != null) {
            roles.add(builtIn);
            BuiltInRole.byName(builtIn).ifPresent(r -> permissions.addAll(r.permissions()));
          } else {
            roles.add("custom:" + rs.getString(2));
          }
          String permission = rs.getString(3);
          if (permission != null) {
            permissions.add(permission);
          }
          long other = rs.getLong(4);
          if (!rs.wasNull()) {
            readable.add(other);
          }
        }
      }
    }
    return new Caller(a.id(), a.tenantId(), a.email(), roles, permissions, readable);
  }

  /** Counts a failed password; locks the account for {@code lock} once {@code max} is reached. */
  public void failed(Connection c, long userId, int max, java.time.Duration lock)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE users SET failed_logins = failed_logins + 1,"
                + " locked_until = CASE WHEN failed_logins + 1 >= ?"
                + " THEN now() + ? * interval '1 second' ELSE locked_until END"
                + " WHERE id = ?")) {
      ps.setInt(1, max);
      ps.setLong(2, lock.toSeconds());
      ps.setLong(3, userId);
      ps.executeUpdate();
    }
  }

  public void succeeded(Connection c, long userId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE users SET failed_logins = 0, locked_until = NULL, last_login_at = now()"
                + " WHERE id = ?")) {
      ps.setLong(1, userId);
      ps.executeUpdate();
    }
  }
}
