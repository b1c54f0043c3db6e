package io.vesana.auth;

import io.vesana.audit.AuditTrail;
import io.vesana.auth.internal.JdbcRefreshTokens;
import io.vesana.schema.VesanaDataSource;
import io.vesana.tenancy.JdbcTenantScope;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Users of a tenant, managed by those with {@code users.manage} in it (super admins anywhere):
 * create with a built-in role and a one-time initial password, list, disable (which also ends their
 * sessions). Plain JDBC with the tenant named in every statement, like login.
 */
@ApplicationScoped
@Transactional
public class UserAdministration {

  @Resource(lookup = VesanaDataSource.JNDI_NAME)
  DataSource dataSource;

  @Inject AuditTrail audit;

  private final JdbcRefreshTokens refreshTokens = new JdbcRefreshTokens();

  /** A created user and their initial password, shown to the creator this once. */
  public record Created(UserView user, String initialPassword) {
    @Override
    public String toString() {
      return "Created[" + user + ", initialPassword=(shown once)]";
    }
  }

  /** The e-mail address is taken (addresses are unique across the installation). */
  public static class EmailTakenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EmailTakenException() {
      super("a user with this e-mail address already exists");
    }
  }

  private static final String SELECT =
      "SELECT u.id, u.tenant_id, u.email, u.display_name, u.status,"
          + " coalesce(array_agg(coalesce(ur.role_name, 'custom:' || r.name))"
          + " FILTER (WHERE ur.id IS NOT NULL), '{}'),"
          + " u.totp_enabled, u.last_login_at, u.created_at"
          + " FROM users u LEFT JOIN user_roles ur ON ur.tenant_id = u.tenant_id AND ur.user_id = u.id"
          + " LEFT JOIN roles r ON r.tenant_id = ur.tenant_id AND r.id = ur.role_id";

  public List<UserView> list(Caller caller, long afterId, int limit) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                SELECT
                    + " WHERE (? OR u.tenant_id = ANY (?)) AND u.id > ?"
                    + " GROUP BY u.id ORDER BY u.id LIMIT ?")) {
      JdbcTenantScope.bind(c, ps, 1, caller.scope());
      ps.setLong(3, afterId);
      ps.setInt(4, limit);
      return rows(ps);
    } catch (SQLException e) {
      throw new IllegalStateException("users not read", e);
    }
  }

  public Created create(
      Caller caller, Long tenantId, String email, String displayName, BuiltInRole role) {
    if (role == BuiltInRole.SUPER_ADMIN) {
      throw new IllegalArgumentException("super admins are not created through a tenant");
    }
    long tenant = caller.scope().tenantForNewRow(tenantId);
    String password = PasswordHashing.randomPassword(18);
    try (Connection c = dataSource.getConnection()) {
      long id;
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO users (tenant_id, email, display_name, password_hash)"
                  + " SELECT ?, ?, ?, ? WHERE NOT EXISTS"
                  + " (SELECT 1 FROM users WHERE lower(email) = lower(?)) RETURNING id")) {
        ps.setLong(1, tenant);
        ps.setString(2, email);
        ps.setString(3, displayName);
        ps.setString(4, PasswordHashing.hash(password.toCharArray()));
        ps.setString(5, email);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            throw new EmailTakenException();
          }
          id = rs.getLong(1);
        }
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO user_roles (tenant_id, user_id, role_name) VALUES (?, ?, ?)")) {
        ps.setLong(1, tenant);
        ps.setLong(2, id);
        ps.setString(3, role.roleName());
        ps.executeUpdate();
      }
      UserView v = one(c, id).orElseThrow();
      audit.record(caller, tenant, "user.created", "user", "" + id, null, json(v));
      return new Created(v, password);
    } catch (SQLException e) {
      if ("23505".equals(e.getSQLState())) {
        throw new EmailTakenException();
      }
      throw new IllegalStateException("user not created", e);
    }
  }

  /** Disables the user and revokes their sessions; false if not visible or not writable. */
  public boolean disable(Caller caller, long id) {
    try (Connection c = dataSource.getConnection()) {
      Optional<UserView> before = one(c, id);
      if (before.isEmpty()
          || before.get().tenantId() == null
          || !caller.scope().canWrite(before.get().tenantId())
          || id == caller.userId()) {
        return false;
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "UPDATE users SET status = 'disabled', updated_at = now() WHERE tenant_id = ?"
                  + " AND id = ?")) {
        ps.setLong(1, before.get().tenantId());
        ps.setLong(2, id);
        ps.executeUpdate();
      }
      refreshTokens.revokeAllOf(c, id);
      audit.record(
          caller,
          before.get().tenantId(),
          "user.disabled",
          "user",
          "" + id,
          json(before.get()),
          json(one(c, id).orElseThrow()));
      return true;
    } catch (SQLException e) {
      throw new IllegalStateException("user not disabled", e);
    }
  }

  /** Visible to the caller: their tenants' users (super admins: all). */
  public Optional<UserView> get(Caller caller, long id) {
    try (Connection c = dataSource.getConnection()) {
      return one(c, id)
          .filter(
              u ->
                  caller.superAdmin()
                      || (u.tenantId() != null && caller.scope().canRead(u.tenantId())));
    } catch (SQLException e) {
      throw new IllegalStateException("user not read", e);
    }
  }

  private static Optional<UserView> one(Connection c, long id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE u.id = ? GROUP BY u.id")) {
      ps.setLong(1, id);
      List<UserView> found = rows(ps);
      return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }
  }

  private static List<UserView> rows(PreparedStatement ps) throws SQLException {
    List<UserView> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        long t = rs.getLong(2);
        Long tenant = rs.wasNull() ? null : t;
        String[] roles = (String[]) rs.getArray(6).getArray();
        Timestamp last = rs.getTimestamp(8);
        out.add(
            new UserView(
                rs.getLong(1),
                tenant,
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                tenant == null ? List.of("super_admin") : Arrays.stream(roles).sorted().toList(),
                rs.getBoolean(7),
                last == null ? null : last.toInstant(),
                rs.getTimestamp(9).toInstant()));
      }
    }
    return out;
  }

  static JsonObject json(UserView v) {
    var roles = Json.createArrayBuilder();
    v.roles().forEach(roles::add);
    return Json.createObjectBuilder()
        .add("id", v.id())
        .add("email", v.email())
        .add("display_name", v.displayName())
        .add("status", v.status())
        .add("roles", roles)
        .build();
  }
}
