package io.vesana.hosts.internal;

import io.vesana.hosts.HostGroup;
import io.vesana.hosts.HostGroups;
import io.vesana.tenancy.JpaTenantRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** {@link HostGroups} on JPA/Hibernate. */
@ApplicationScoped
public class JpaHostGroups extends JpaTenantRepository<HostGroup> implements HostGroups {

  @PersistenceContext(unitName = "vesana")
  private EntityManager em;

  protected JpaHostGroups() {
    super(HostGroup.class);
  }

  /** For use outside a container (integration tests with a resource-local entity manager). */
  public JpaHostGroups(EntityManager em) {
    this();
    this.em = em;
  }

  @Override
  protected EntityManager em() {
    return em;
  }
}
