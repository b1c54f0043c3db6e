package io.vesana.hosts.internal;

import io.vesana.hosts.Host;
import io.vesana.hosts.Hosts;
import io.vesana.tenancy.JpaTenantRepository;
import io.vesana.tenancy.TenantGuard;
import io.vesana.tenancy.TenantScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Locale;

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

  @Override
  public List<Host> search(TenantScope scope, String text, long afterId, int limit) {
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
                  "select h from Host h where h.id > :after"
                      + (pattern == null
                          ? ""
                          : " and (lower(h.name) like :p escape '\\'"
                              + " or lower(h.displayName) like :p escape '\\')")
                      + " order by h.id",
                  Host.class);
          q.setParameter("after", afterId);
          if (pattern != null) {
            q.setParameter("p", pattern);
          }
          return q.setMaxResults(limit).getResultList();
        });
  }
}
