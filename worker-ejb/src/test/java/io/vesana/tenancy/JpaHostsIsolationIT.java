package io.vesana.tenancy;

import io.vesana.hosts.Host;
import io.vesana.hosts.internal.JpaHosts;
import jakarta.persistence.EntityManager;

class JpaHostsIsolationIT extends TenantRepositoryContract<Host> {

  @Override
  protected TenantRepository<Host> repository(EntityManager em) {
    return new JpaHosts(em);
  }

  @Override
  protected Host newEntity(long tenantId, String name) {
    return new Host(tenantId, name, "192.0.2.10");
  }

  @Override
  protected String nameOf(Host entity) {
    return entity.name();
  }

  @Override
  protected void rename(Host entity, String name) {
    entity.rename(name);
  }

  @Override
  protected Long idOf(Host entity) {
    return entity.id();
  }

  @Override
  protected Class<Host> type() {
    return Host.class;
  }
}
