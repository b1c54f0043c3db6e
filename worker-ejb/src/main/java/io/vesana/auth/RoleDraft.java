package io.vesana.auth;

import java.util.Set;

/**
 * What a caller asks a custom role to be. Permissions must be codes of {@link Permissions#ALL};
 * {@code readTenants} other tenants' ids, which only a super admin may grant.
 *
 * @param tenantId the tenant of a new role; only a super admin names one
 */
public record RoleDraft(
    Long tenantId,
    String name,
    String description,
    Set<String> permissions,
    Set<Long> readTenants) {

  public RoleDraft {
    permissions = Set.copyOf(permissions);
    readTenants = Set.copyOf(readTenants);
  }
}
