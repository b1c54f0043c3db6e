package io.vesana.auth;

import io.vesana.tenancy.TenantScope;
import java.util.Set;

/**
 * Who is calling and what they may do, as established at login (and carried in the access token).
 *
 * @param tenantId the user's tenant; null for a super admin
 * @param readableTenants other tenants a custom role lets the user read (never write)
 */
public record Caller(
    long userId,
    Long tenantId,
    String email,
    Set<String> roles,
    Set<String> permissions,
    Set<Long> readableTenants) {

  public Caller {
    roles = Set.copyOf(roles);
    permissions = Set.copyOf(permissions);
    readableTenants = Set.copyOf(readableTenants);
  }

  public boolean superAdmin() {
    return tenantId == null;
  }

  public boolean may(String permission) {
    return permissions.contains(permission);
  }

  /** The tenant scope every repository call of this caller runs under. */
  public TenantScope scope() {
    return superAdmin() ? TenantScope.allTenants() : TenantScope.of(tenantId, readableTenants);
  }
}
