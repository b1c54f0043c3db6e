package io.vesana.hosts.internal;

import io.vesana.hosts.Host;
import io.vesana.hosts.Hosts;
import io.vesana.tenancy.JpaTenantRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** {@link Hosts} on JPA/Hibernate. */
@ApplicationScoped
public class JpaHosts extends JpaTenantRepository<Host> implements Hosts {

  @PersistenceContext(unitName = "vesana")
  private EntityManager em;

  protected JpaHosts() {
    super(Host.class);
  }

  /** For use outside a container (integration tests with a resource-local entity manager). */
  public JpaHosts(EntityManager em) {
    this();
    this.em = em;
  }

  @Override
  protected EntityManager em() {
    return em;
  }
}
