package io.vesana.tenancy.internal;

import io.vesana.tenancy.TenantOwnedEntity;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.spi.BootstrapContext;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.integrator.spi.Integrator;
import org.hibernate.mapping.PersistentClass;
import org.hibernate.service.spi.SessionFactoryServiceRegistry;

/** Registers the table of every {@link TenantOwnedEntity} subclass in {@link TenantTables}. */
public class TenantTablesIntegrator implements Integrator {

  @Override
  public void integrate(
      Metadata metadata,
      BootstrapContext bootstrapContext,
      SessionFactoryImplementor sessionFactory) {
    for (PersistentClass entity : metadata.getEntityBindings()) {
      Class<?> mapped = entity.getMappedClass();
      if (mapped != null && TenantOwnedEntity.class.isAssignableFrom(mapped)) {
        TenantTables.register(entity.getTable().getName());
      }
    }
  }

  @Override
  public void disintegrate(
      SessionFactoryImplementor sessionFactory, SessionFactoryServiceRegistry serviceRegistry) {
    // Table names stay registered: they are the same for every session factory of this loader.
  }
}
