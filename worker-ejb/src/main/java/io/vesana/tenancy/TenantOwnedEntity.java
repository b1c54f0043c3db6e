package io.vesana.tenancy;

import io.vesana.tenancy.internal.TenantGuardListener;
import jakarta.persistence.Column;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.MappedSuperclass;
import org.hibernate.annotations.Filter;
import org.hibernate.annotations.FilterDef;
import org.hibernate.annotations.ParamDef;

/**
 * Base of every entity that holds customer data. Two guards, one at each level of the ORM:
 *
 * <ul>
 *   <li>the Hibernate filter {@value #FILTER} restricts every query to the readable tenants of the
 *       bound {@link TenantScope} (enabled by {@link TenantGuard});
 *   <li>the entity listener checks every loaded, persisted, updated and removed instance against
 *       the bound scope, which also covers {@code em.find()} and lazy loads the filter misses.
 * </ul>
 *
 * The tenant is set at construction and never changes.
 */
@MappedSuperclass
@FilterDef(
    name = TenantOwnedEntity.FILTER,
    parameters = @ParamDef(name = TenantOwnedEntity.FILTER_PARAM, type = Long.class),
    defaultCondition = "tenant_id in (:" + TenantOwnedEntity.FILTER_PARAM + ")",
    applyToLoadByKey = true)
@Filter(name = TenantOwnedEntity.FILTER)
@EntityListeners(TenantGuardListener.class)
public abstract class TenantOwnedEntity {

  public static final String FILTER = "tenantScope";
  public static final String FILTER_PARAM = "tenantIds";

  @Column(name = "tenant_id", nullable = false, updatable = false)
  private Long tenantId;

  protected TenantOwnedEntity() {}

  protected TenantOwnedEntity(long tenantId) {
    this.tenantId = tenantId;
  }

  public long tenantId() {
    return tenantId;
  }
}
