package io.vesana.tenancy;

import io.vesana.audit.AuditTrail;
import io.vesana.auth.Caller;
import io.vesana.schema.VesanaDataSource;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Tenants: created, renamed, suspended and resumed by super admins; a tenant user sees only their
 * own (and those a custom role lets them read). Tenants are never hard-deleted here: status {@code
 * deleted} hides a tenant and stops its logins and ingest until a purge removes its data.
 */
@ApplicationScoped
@Transactional
public class TenantAdministration {

  /** The database's slug rule, checked first for a clear message. */
  public static final Pattern SLUG = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

  private static final String SELECT =
      "SELECT id, slug, name, status, created_at FROM tenants WHERE status <> 'deleted'"
          // The installation's own tenant is no customer's: never listed, read or changed.
          + " AND slug <> '"
          + ReservedTenant.SLUG
          + "'";

  @Resource(lookup = VesanaDataSource.JNDI_NAME)
  DataSource dataSource;

  @Inject AuditTrail audit;

  /** Thrown when the slug is taken. */
  public static class SlugTakenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SlugTakenException(String slug) {
      super("a tenant with slug '" + slug + "' already exists");
    }
  }

  public List<TenantView> list(Caller caller, long afterId, int limit) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                SELECT + " AND (? OR id = ANY (?)) AND id > ? ORDER BY id LIMIT ?")) {
      JdbcTenantScope.bind(c, ps, 1, caller.scope());
      ps.setLong(3, afterId);
      ps.setInt(4, limit);
      return rows(ps);
    } catch (SQLException e) {
      throw new IllegalStateException("tenants not read", e);
    }
  }

  public Optional<TenantView> get(Caller caller, long id) {
    if (!caller.scope().canRead(id)) {
      return Optional.empty();
    }
    try (Connection c = dataSource.getConnection()) {
      return one(c, id);
    } catch (SQLException e) {
      throw new IllegalStateException("tenant not read", e);
    }
  }

  /** Super admins only (the caller checks). */
  public TenantView create(Caller caller, String slug, String name) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO tenants (slug, name) VALUES (?, ?)"
                    + " ON CONFLICT (slug) DO NOTHING RETURNING id")) {
      ps.setString(1, slug);
      ps.setString(2, name);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new SlugTakenException(slug);
        }
        TenantView v = one(c, rs.getLong(1)).orElseThrow();
        audit.record(caller, null, "tenant.created", "tenant", "" + v.id(), null, json(v));
        return v;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("tenant not created", e);
    }
  }

  /** Renames and/or changes status (active, suspended, deleted); super admins only. */
  public Optional<TenantView> update(Caller caller, long id, String name, String status) {
    try (Connection c = dataSource.getConnection()) {
      Optional<TenantView> before = one(c, id);
      if (before.isEmpty()) {
        return before;
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "UPDATE tenants SET name = coalesce(?, name), status = coalesce(?, status),"
                  + " updated_at = now(), version = version + 1 WHERE id = ?")) {
        ps.setString(1, name);
        ps.setString(2, status);
        ps.setLong(3, id);
        ps.executeUpdate();
      }
      if ("suspended".equals(status) || "deleted".equals(status)) {
        // Logged-in users of the tenant lose their sessions at once (access tokens expire soon).
        try (PreparedStatement ps =
            c.prepareStatement(
                "UPDATE refresh_tokens SET revoked_at = now()"
                    + " WHERE tenant_id = ? AND revoked_at IS NULL")) {
          ps.setLong(1, id);
          ps.executeUpdate();
        }
      }
      Optional<TenantView> after = one(c, id);
      audit.record(
          caller,
          null,
          "tenant.updated",
          "tenant",
          "" + id,
          json(before.get()),
          after.map(TenantAdministration::json).orElse(null));
      return after.isPresent() ? after : Optional.of(before.get());
    } catch (SQLException e) {
      throw new IllegalStateException("tenant not updated", e);
    }
  }

  private static Optional<TenantView> one(Connection c, long id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id, slug, name, status, created_at FROM tenants WHERE id = ?"
                + " AND status <> 'deleted' AND slug <> ?")) {
      ps.setLong(1, id);
      ps.setString(2, ReservedTenant.SLUG);
      List<TenantView> found = rows(ps);
      return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }
  }

  private static List<TenantView> rows(PreparedStatement ps) throws SQLException {
    List<TenantView> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(
            new TenantView(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getTimestamp(5).toInstant()));
      }
    }
    return out;
  }

  static JsonObject json(TenantView v) {
    return Json.createObjectBuilder()
        .add("id", v.id())
        .add("slug", v.slug())
        .add("name", v.name())
        .add("status", v.status())
        .build();
  }
}
