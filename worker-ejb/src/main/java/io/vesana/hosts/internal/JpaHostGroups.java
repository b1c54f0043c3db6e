package io.vesana.hosts.internal;

import io.vesana.hosts.HostGroup;
import io.vesana.hosts.HostGroups;
import io.vesana.tenancy.JpaTenantRepository;
import io.vesana.tenancy.TenantGuard;
import io.vesana.tenancy.TenantScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

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

  @Override
  public List<HostGroup> search(
      TenantScope scope, String text, Long parentId, boolean topLevel, long afterId, int limit) {
    if (limit < 1 || limit > MAX_PAGE) {
      throw new IllegalArgumentException("limit must be 1..500");
    }
    String pattern = LikePattern.containing(text);
    StringBuilder jpql = new StringBuilder("select g from HostGroup g where g.id > :after");
    if (parentId != null) {
      jpql.append(" and g.parentId = :parent");
    } else if (topLevel) {
      jpql.append(" and g.parentId is null");
    }
    if (pattern != null) {
      jpql.append(" and lower(g.name) like :p escape '\\'");
    }
    jpql.append(" order by g.id");
    return TenantGuard.call(
        em,
        scope,
        () -> {
          var q = em.createQuery(jpql.toString(), HostGroup.class).setParameter("after", afterId);
          if (parentId != null) {
            q.setParameter("parent", parentId);
          }
          if (pattern != null) {
            q.setParameter("p", pattern);
          }
          return q.setMaxResults(limit).getResultList();
        });
  }
}
