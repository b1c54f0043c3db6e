package io.vesana.auth;

import java.util.List;
import java.util.Set;

/**
 * A role as the API lists it. Built-in roles have no id and no tenant (they are code, the same in
 * every tenant); custom roles are rows of one tenant.
 *
 * @param readTenants for custom roles: other tenants the role may read (never write)
 */
public record RoleView(
    Long id,
    Long tenantId,
    String name,
    String description,
    boolean builtIn,
    Set<String> permissions,
    List<Long> readTenants,
    long version) {

  public RoleView {
    permissions = Set.copyOf(permissions);
    readTenants = List.copyOf(readTenants);
  }

  static RoleView of(BuiltInRole r) {
    return new RoleView(null, null, r.roleName(), null, true, r.permissions(), List.of(), 0);
  }
}
