package io.vesana.auth;

import io.vesana.audit.AuditTrail;
import io.vesana.auth.RoleException.Kind;
import io.vesana.auth.internal.JdbcRoles;
import io.vesana.schema.VesanaDataSource;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Custom roles and role assignments, for callers with {@code users.manage} in their tenant (super
 * admins anywhere). One transaction per use case, audited in it.
 *
 * <p>Two rules keep a role manager from raising anyone above themselves: a caller may grant (in a
 * role or by assignment) only permissions they hold, and only a super admin may grant read access
 * to other tenants. A change reaches a user with their next access token (login or refresh reads
 * the roles afresh); issued tokens are not recalled.
 */
@ApplicationScoped
@Transactional
public class RoleAdministration {

  @Resource(lookup = VesanaDataSource.JNDI_NAME)
  DataSource dataSource;

  @Inject AuditTrail audit;

  private final JdbcRoles roles = new JdbcRoles();

  /** Custom roles the caller can see, keyset-paged by id. Built-in roles: {@link #builtIn()}. */
  public List<RoleView> list(Caller caller, long afterId, int limit) {
    try (Connection c = dataSource.getConnection()) {
      return roles.list(c, caller.superAdmin(), caller.scope().readableTenants(), afterId, limit);
    } catch (SQLException e) {
      throw new IllegalStateException("roles not read", e);
    }
  }

  public static List<RoleView> builtIn() {
    List<RoleView> out = new ArrayList<>();
    for (BuiltInRole r : BuiltInRole.values()) {
      out.add(RoleView.of(r));
    }
    return out;
  }

  public Optional<RoleView> get(Caller caller, long id) {
    try (Connection c = dataSource.getConnection()) {
      return find(c, caller, id);
    } catch (SQLException e) {
      throw new IllegalStateException("role not read", e);
    }
  }

  public RoleView create(Caller caller, RoleDraft d) {
    long tenant = caller.scope().tenantForNewRow(d.tenantId());
    checkGrants(caller, tenant, d, Set.of());
    try (Connection c = dataSource.getConnection()) {
      checkTenantsExist(c, d.readTenants());
      long id = roles.insert(c, tenant, d.name(), d.description());
      roles.replaceGrants(c, tenant, id, d.permissions(), d.readTenants());
      RoleView v = find(c, caller, id).orElseThrow();
      audit.record(caller, tenant, "role.created", "role", "" + id, null, json(v));
      return v;
    } catch (SQLException e) {
      throw translate(e, d.name());
    }
  }

  /** Replaces name, description and grants; empty if not visible or not writable. */
  public Optional<RoleView> update(Caller caller, long id, RoleDraft d) {
    try (Connection c = dataSource.getConnection()) {
      Optional<RoleView> before = find(c, caller, id);
      if (before.isEmpty() || !caller.scope().canWrite(before.get().tenantId())) {
        return Optional.empty();
      }
      long tenant = before.get().tenantId();
      checkGrants(caller, tenant, d, Set.copyOf(before.get().readTenants()));
      checkTenantsExist(c, d.readTenants());
      roles.rename(c, tenant, id, d.name(), d.description());
      roles.replaceGrants(c, tenant, id, d.permissions(), d.readTenants());
      RoleView after = find(c, caller, id).orElseThrow();
      audit.record(
          caller, tenant, "role.updated", "role", "" + id, json(before.get()), json(after));
      return Optional.of(after);
    } catch (SQLException e) {
      throw translate(e, d.name());
    }
  }

  /** Deletes the role and its assignments; false if not visible or not writable. */
  public boolean delete(Caller caller, long id) {
    try (Connection c = dataSource.getConnection()) {
      Optional<RoleView> before = find(c, caller, id);
      if (before.isEmpty() || !caller.scope().canWrite(before.get().tenantId())) {
        return false;
      }
      roles.delete(c, before.get().tenantId(), id);
      audit.record(
          caller,
          before.get().tenantId(),
          "role.deleted",
          "role",
          "" + id,
          json(before.get()),
          null);
      return true;
    } catch (SQLException e) {
      throw new IllegalStateException("role not deleted", e);
    }
  }

  /**
   * Replaces the roles of a user of a tenant the caller may write. Returns the user's tenant, or
   * empty if the user is not visible/writable (the API answers 404).
   */
  public Optional<Long> assign(
      Caller caller, long userId, Set<BuiltInRole> builtIn, Set<Long> customRoleIds) {
    if (builtIn.contains(BuiltInRole.SUPER_ADMIN)) {
      throw new RoleException(
          Kind.INVALID, "roles", "super_admin is not assigned to a tenant user");
    }
    try (Connection c = dataSource.getConnection()) {
      Optional<RoleAssignee> user = RoleAssignee.find(c, userId);
      if (user.isEmpty() || !caller.scope().canWrite(user.get().tenantId())) {
        return Optional.empty();
      }
      long tenant = user.get().tenantId();
      Set<String> granted = new HashSet<>();
      builtIn.forEach(r -> granted.addAll(r.permissions()));
      for (long roleId : customRoleIds) {
        RoleView r =
            roles
                .find(c, false, Set.of(tenant), roleId)
                .orElseThrow(
                    () ->
                        new RoleException(
                            Kind.INVALID, "role_ids", "role " + roleId + " is not a role here"));
        granted.addAll(r.permissions());
        if (!r.readTenants().isEmpty() && !caller.superAdmin()) {
          throw new RoleException(
              Kind.NOT_ALLOWED, "role_ids", "only a super admin assigns cross-tenant roles");
        }
      }
      requireHeld(caller, granted, "roles");
      List<String> before = user.get().roles();
      roles.assign(c, tenant, userId, names(builtIn), customRoleIds);
      List<String> after = RoleAssignee.find(c, userId).orElseThrow().roles();
      audit.record(
          caller,
          tenant,
          "user.roles_changed",
          "user",
          "" + userId,
          rolesJson(before),
          rolesJson(after));
      return Optional.of(tenant);
    } catch (SQLException e) {
      throw new IllegalStateException("roles not assigned", e);
    }
  }

  private Optional<RoleView> find(Connection c, Caller caller, long id) throws SQLException {
    return roles.find(c, caller.superAdmin(), caller.scope().readableTenants(), id);
  }

  private static void checkGrants(Caller caller, long tenant, RoleDraft d, Set<Long> current) {
    Set<String> unknown = new HashSet<>(d.permissions());
    unknown.removeAll(Permissions.ALL);
    if (!unknown.isEmpty()) {
      throw new RoleException(
          Kind.INVALID, "permissions", "unknown permissions " + new java.util.TreeSet<>(unknown));
    }
    requireHeld(caller, d.permissions(), "permissions");
    if (d.readTenants().contains(tenant)) {
      throw new RoleException(
          Kind.INVALID, "read_tenant_ids", "read_tenant_ids names the role's own tenant");
    }
    if (!caller.superAdmin() && !d.readTenants().equals(current)) {
      throw new RoleException(
          Kind.NOT_ALLOWED, "read_tenant_ids", "only a super admin grants read on other tenants");
    }
  }

  private static void requireHeld(Caller caller, Set<String> permissions, String field) {
    if (caller.superAdmin()) {
      return;
    }
    Set<String> missing = new HashSet<>(permissions);
    missing.removeAll(caller.permissions());
    if (!missing.isEmpty()) {
      throw new RoleException(
          Kind.NOT_ALLOWED,
          field,
          "you cannot grant permissions you do not hold: " + new java.util.TreeSet<>(missing));
    }
  }

  private void checkTenantsExist(Connection c, Set<Long> ids) throws SQLException {
    if (!ids.isEmpty() && roles.existingTenants(c, ids) != ids.size()) {
      throw new RoleException(Kind.INVALID, "read_tenant_ids", "read_tenant_ids names no tenant");
    }
  }

  private static RuntimeException translate(SQLException e, String name) {
    if ("23505".equals(e.getSQLState())) {
      return new RoleException(Kind.NAME_TAKEN, "name", "a role named " + name + " exists");
    }
    if ("23514".equals(e.getSQLState())) {
      return new RoleException(Kind.INVALID, "name", "name is reserved for a built-in role");
    }
    return new IllegalStateException("role not saved", e);
  }

  private static Set<String> names(Set<BuiltInRole> builtIn) {
    Set<String> out = new HashSet<>();
    builtIn.forEach(r -> out.add(r.roleName()));
    return out;
  }

  static JsonObject json(RoleView v) {
    var permissions = Json.createArrayBuilder();
    v.permissions().stream().sorted().forEach(permissions::add);
    var reads = Json.createArrayBuilder();
    v.readTenants().forEach(reads::add);
    return Json.createObjectBuilder()
        .add("id", v.id())
        .add("name", v.name())
        .add("permissions", permissions)
        .add("read_tenant_ids", reads)
        .build();
  }

  private static JsonObject rolesJson(List<String> names) {
    var a = Json.createArrayBuilder();
    names.stream().sorted().forEach(a::add);
    return Json.createObjectBuilder().add("roles", a).build();
  }
}
