package io.vesana.profiles.internal;

import io.vesana.profiles.ProfileCheck;
import io.vesana.profiles.ProfileChecks;
import io.vesana.tenancy.JpaTenantRepository;
import io.vesana.tenancy.TenantGuard;
import io.vesana.tenancy.TenantScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

/** {@link ProfileChecks} on JPA/Hibernate. */
@ApplicationScoped
public class JpaProfileChecks extends JpaTenantRepository<ProfileCheck> implements ProfileChecks {

  @PersistenceContext(unitName = "vesana")
  private EntityManager em;

  protected JpaProfileChecks() {
    super(ProfileCheck.class);
  }

  /** For use outside a container (integration tests with a resource-local entity manager). */
  public JpaProfileChecks(EntityManager em) {
    this();
    this.em = em;
  }

  @Override
  protected EntityManager em() {
    return em;
  }

  @Override
  public List<ProfileCheck> ofProfile(TenantScope scope, long profileId, long afterId, int limit) {
    if (limit < 1 || limit > MAX_PAGE) {
      throw new IllegalArgumentException("limit must be 1..500");
    }
    return TenantGuard.call(
        em,
        scope,
        () ->
            em.createQuery(
                    "select c from ProfileCheck c where c.profileId = :profile and c.id > :after"
                        + " order by c.id",
                    ProfileCheck.class)
                .setParameter("profile", profileId)
                .setParameter("after", afterId)
                .setMaxResults(limit)
                .getResultList());
  }

  @Override
  public Optional<String> credentialKind(TenantScope scope, long tenantId, long credentialId) {
    if (!scope.canRead(tenantId)) {
      return Optional.empty();
    }
    // credentials is read with plain SQL (it holds ciphertext and has no entity); the tenant is
    // named explicitly, as the statement inspector requires.
    return TenantGuard.call(
        em,
        scope,
        () ->
            em.createNativeQuery(
                    "SELECT kind FROM credentials WHERE tenant_id = ? AND id = ?", String.class)
                .setParameter(1, tenantId)
                .setParameter(2, credentialId)
                .getResultStream()
                .map(String.class::cast)
                .findFirst());
  }
}
