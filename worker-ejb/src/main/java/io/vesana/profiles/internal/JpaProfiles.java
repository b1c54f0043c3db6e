package io.vesana.profiles.internal;

import io.vesana.profiles.Profile;
import io.vesana.profiles.Profiles;
import io.vesana.tenancy.JpaTenantRepository;
import io.vesana.tenancy.TenantGuard;
import io.vesana.tenancy.TenantScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Locale;

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

  @Override
  public List<Profile> search(TenantScope scope, String text, long afterId, int limit) {
    if (limit < 1 || limit > MAX_PAGE) {
      throw new IllegalArgumentException("limit must be 1..500");
    }
    String pattern =
        text == null || text.isBlank()
            ? null
            : "%"
                + text.strip()
                    .toLowerCase(Locale.ROOT)
                    .replace("\\", "\\\\")
                    .replace("%", "\\%")
                    .replace("_", "\\_")
                + "%";
    return TenantGuard.call(
        em,
        scope,
        () -> {
          var q =
              em.createQuery(
                  "select p from Profile p where p.id > :after"
                      + (pattern == null ? "" : " and lower(p.name) like :p escape '\\'")
                      + " order by p.id",
                  Profile.class);
          q.setParameter("after", afterId);
          if (pattern != null) {
            q.setParameter("p", pattern);
          }
          return q.setMaxResults(limit).getResultList();
        });
  }
}
