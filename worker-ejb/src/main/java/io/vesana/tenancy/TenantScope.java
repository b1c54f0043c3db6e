package io.vesana.tenancy;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which tenants a caller may see and change. A value, immutable and thread-safe.
 *
 * <ul>
 *   <li>{@link #allTenants()}: super admins and system jobs (null tenant scope) see and change
 *       every tenant.
 *   <li>{@link #of(long)}: a regular user, bound to one home tenant: read and write there only.
 *   <li>{@link #of(long, Set)}: a regular user whose custom role also grants <em>read</em> on other
 *       named tenants; writes stay limited to the home tenant.
 * </ul>
 */
public final class TenantScope {

  private static final TenantScope ALL = new TenantScope(null, Set.of());

  private final Long homeTenant;
  private final Set<Long> readable;

  private TenantScope(Long homeTenant, Set<Long> readable) {
    this.homeTenant = homeTenant;
    this.readable = readable;
  }

  public static TenantScope allTenants() {
    return ALL;
  }

  public static TenantScope of(long homeTenant) {
    return new TenantScope(homeTenant, Set.of(homeTenant));
  }

  public static TenantScope of(long homeTenant, Set<Long> alsoReadable) {
    Set<Long> ids = new TreeSet<>(alsoReadable);
    ids.add(homeTenant);
    return new TenantScope(homeTenant, Set.copyOf(ids));
  }

  public boolean isAllTenants() {
    return homeTenant == null;
  }

  /** The tenant new rows belong to; empty for the all-tenants scope. */
  public Optional<Long> homeTenant() {
    return Optional.ofNullable(homeTenant);
  }

  /** The readable tenant ids; empty (meaning: no restriction) for the all-tenants scope. */
  public Set<Long> readableTenants() {
    return readable;
  }

  public boolean canRead(long tenantId) {
    return isAllTenants() || readable.contains(tenantId);
  }

  public boolean canWrite(long tenantId) {
    return isAllTenants() || homeTenant == tenantId;
  }

  /**
   * The tenant a new row is created in: the home tenant, or for the all-tenants scope the tenant
   * the caller names explicitly.
   */
  public long tenantForNewRow(Long requested) {
    if (isAllTenants()) {
      if (requested == null) {
        throw new TenantAccessDeniedException("a tenant must be named when acting for all tenants");
      }
      return requested;
    }
    if (requested != null && requested.longValue() != homeTenant) {
      throw new TenantAccessDeniedException("cannot create rows in another tenant");
    }
    return homeTenant;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TenantScope other
        && Objects.equals(homeTenant, other.homeTenant)
        && readable.equals(other.readable);
  }

  @Override
  public int hashCode() {
    return Objects.hash(homeTenant, readable);
  }

  @Override
  public String toString() {
    return isAllTenants()
        ? "TenantScope[all]"
        : "TenantScope[home=" + homeTenant + ", read=" + readable + "]";
  }
}
