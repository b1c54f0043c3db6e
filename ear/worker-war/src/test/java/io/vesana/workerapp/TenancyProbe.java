package io.vesana.workerapp;

import io.vesana.hosts.Host;
import io.vesana.hosts.Hosts;
import io.vesana.tenancy.TenantScope;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/**
 * Test-only bean deployed with the worker: each method is one container (JTA) transaction, as a
 * real use case would be.
 */
@Stateless
public class TenancyProbe {

  @Inject Hosts hosts;

  @PersistenceContext(unitName = "vesana")
  EntityManager em;

  public long addHost(TenantScope scope, long tenantId, String name) {
    return hosts.add(scope, new Host(tenantId, name, "192.0.2.50")).id();
  }

  public List<String> hostNames(TenantScope scope) {
    return hosts.list(scope, 0, 100).stream().map(Host::name).toList();
  }

  public boolean findHost(TenantScope scope, long id) {
    return hosts.find(scope, id).isPresent();
  }

  public int unscopedHostCount() {
    return em.createQuery("select h from Host h", Host.class).getResultList().size();
  }

  public long createTenant(String slug) {
    Object id =
        em.createNativeQuery("insert into tenants (slug, name) values (?1, ?2) returning id")
            .setParameter(1, slug)
            .setParameter(2, "Tenant " + slug)
            .getSingleResult();
    return ((Number) id).longValue();
  }
}
