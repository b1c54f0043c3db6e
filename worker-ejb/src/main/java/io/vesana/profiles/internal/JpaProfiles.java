package io.vesana.profiles.internal;

import io.vesana.profiles.Profile;
import io.vesana.profiles.Profiles;
import io.vesana.tenancy.JpaTenantRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** {@link Profiles} on JPA/Hibernate. */
@ApplicationScoped
public class JpaProfiles extends JpaTenantRepository<Profile> implements Profiles {

  @PersistenceContext(unitName = "vesana")
  private EntityManager em;

  protected JpaProfiles() {
    super(Profile.class);
  }

  /** For use outside a container (integration tests with a resource-local entity manager). */
  public JpaProfiles(EntityManager em) {
    this();
    this.em = em;
  }

  @Override
  protected EntityManager em() {
    return em;
  }
}
