package io.vesana.auth;

import io.vesana.tenancy.TenantScope;
import java.util.Set;

/**
 * Who is calling and what they may do, as established at login (and carried in the access token).
 *
 * @param tenantId the user's tenant; null for a super admin
 * @param readableTenants other tenants a custom role lets the user read (never write)
 * @param twoFactorEnrolmentOnly the user must use two-factor authentication but has not set it up
 *     yet: logged in only to enrol, with no permission and no other tenant (see {@link
 *     #onlyTwoFactorEnrolment})
 */
public record Caller(
    long userId,
    Long tenantId,
    String email,
    Set<String> roles,
    Set<String> permissions,
    Set<Long> readableTenants,
    boolean twoFactorEnrolmentOnly) {

  public Caller {
    roles = Set.copyOf(roles);
    permissions = Set.copyOf(permissions);
    readableTenants = Set.copyOf(readableTenants);
    if (twoFactorEnrolmentOnly && !(permissions.isEmpty() && readableTenants.isEmpty())) {
      // Refused rather than silently dropped: a restricted caller with rights would be a bug.
      throw new IllegalArgumentException("an enrolment-only caller has no permissions");
    }
  }

  /** A caller with full use of their permissions. */
  public Caller(
      long userId,
      Long tenantId,
      String email,
      Set<String> roles,
      Set<String> permissions,
      Set<Long> readableTenants) {
    this(userId, tenantId, email, roles, permissions, readableTenants, false);
  }

  /**
   * This caller reduced to setting up their second factor: roles are kept (they say who the user
   * is), permissions and extra readable tenants are dropped, so every permission check fails until
   * the user has enrolled and logged in again.
   */
  public Caller onlyTwoFactorEnrolment() {
    return new Caller(userId, tenantId, email, roles, Set.of(), Set.of(), true);
  }

  public boolean superAdmin() {
    return tenantId == null;
  }

  public boolean may(String permission) {
    return !twoFactorEnrolmentOnly && permissions.contains(permission);
  }

  /**
   * The tenant scope every repository call of this caller runs under. An enrolment-only caller has
   * none: reaching a repository with one means an authorization check was skipped.
   */
  public TenantScope scope() {
    if (twoFactorEnrolmentOnly) {
      throw new IllegalStateException("an enrolment-only caller reads and writes no tenant data");
    }
    return superAdmin() ? TenantScope.allTenants() : TenantScope.of(tenantId, readableTenants);
  }
}
