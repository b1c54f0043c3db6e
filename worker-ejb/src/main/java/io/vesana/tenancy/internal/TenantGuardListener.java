package io.vesana.tenancy.internal;

import io.vesana.tenancy.CurrentTenantScope;
import io.vesana.tenancy.TenantAccessDeniedException;
import io.vesana.tenancy.TenantOwnedEntity;
import io.vesana.tenancy.TenantScope;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreRemove;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;

/**
 * JPA entity listener: the per-row safety net behind the Hibernate filter. It sees every entity the
 * persistence context loads or writes, including those fetched by {@code em.find()}, by id or
 * lazily, which a filter does not cover.
 */
public class TenantGuardListener {

  @PostLoad
  void loaded(Object entity) {
    TenantOwnedEntity owned = (TenantOwnedEntity) entity;
    TenantScope scope = CurrentTenantScope.require("loading " + describe(owned));
    if (!scope.canRead(owned.tenantId())) {
      throw new TenantAccessDeniedException(describe(owned) + " is outside the caller's tenants");
    }
  }

  @PrePersist
  @PreUpdate
  @PreRemove
  void writing(Object entity) {
    TenantOwnedEntity owned = (TenantOwnedEntity) entity;
    TenantScope scope = CurrentTenantScope.require("writing " + describe(owned));
    if (!scope.canWrite(owned.tenantId())) {
      throw new TenantAccessDeniedException(
          "cannot write " + describe(owned) + " outside the caller's home tenant");
    }
    Table table = entity.getClass().getAnnotation(Table.class);
    if (table != null) {
      GuardedWrites.approve(table.name());
    }
  }

  private static String describe(TenantOwnedEntity entity) {
    return entity.getClass().getSimpleName();
  }
}
