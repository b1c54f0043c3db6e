package io.vesana.tenancy;

import io.vesana.hosts.HostGroup;
import io.vesana.hosts.internal.JpaHostGroups;
import jakarta.persistence.EntityManager;

class JpaHostGroupsIsolationIT extends TenantRepositoryContract<HostGroup> {

  @Override
  protected TenantRepository<HostGroup> repository(EntityManager em) {
    return new JpaHostGroups(em);
  }

  @Override
  protected HostGroup newEntity(long tenantId, String name) {
    return new HostGroup(tenantId, name, null);
  }

  @Override
  protected String nameOf(HostGroup entity) {
    return entity.name();
  }

  @Override
  protected void rename(HostGroup entity, String name) {
    entity.rename(name);
  }

  @Override
  protected Long idOf(HostGroup entity) {
    return entity.id();
  }

  @Override
  protected Class<HostGroup> type() {
    return HostGroup.class;
  }
}
