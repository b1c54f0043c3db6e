package io.vesana.tenancy;

import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * JPA implementation of {@link TenantRepository} for one entity type. Every operation runs through
 * {@link TenantGuard}, so the tenant filter and the row guards apply to all of them. Reads by id
 * use a query, not {@code em.find()}: an out-of-scope id is then simply absent.
 */
public abstract class JpaTenantRepository<E extends TenantOwnedEntity>
    implements TenantRepository<E> {

  private final Class<E> type;

  protected JpaTenantRepository(Class<E> type) {
    this.type = type;
  }

  /** The entity manager of the current transaction. */
  protected abstract EntityManager em();

  @Override
  public E add(TenantScope scope, E entity) {
    return TenantGuard.call(
        em(),
        scope,
        () -> {
          if (!scope.canWrite(entity.tenantId())) {
            throw new TenantAccessDeniedException("cannot create rows in another tenant");
          }
          em().persist(entity);
          em().flush();
          return entity;
        });
  }

  @Override
  public Optional<E> find(TenantScope scope, long id) {
    return TenantGuard.call(em(), scope, () -> byId(id));
  }

  @Override
  public List<E> list(TenantScope scope, int offset, int limit) {
    if (offset < 0 || limit < 1 || limit > MAX_PAGE) {
      throw new IllegalArgumentException("page must have offset >= 0 and 1..500 rows");
    }
    return TenantGuard.call(
        em(),
        scope,
        () ->
            em().createQuery("select e from " + entityName() + " e order by e.id", type)
                .setFirstResult(offset)
                .setMaxResults(limit)
                .getResultList());
  }

  @Override
  public long count(TenantScope scope) {
    return TenantGuard.call(
        em(),
        scope,
        () ->
            em().createQuery("select count(e) from " + entityName() + " e", Long.class)
                .getSingleResult());
  }

  @Override
  public boolean update(TenantScope scope, long id, Consumer<E> change) {
    return TenantGuard.call(
        em(),
        scope,
        () -> {
          Optional<E> found = byId(id);
          found.ifPresent(
              e -> {
                change.accept(e);
                em().flush();
              });
          return found.isPresent();
        });
  }

  @Override
  public boolean delete(TenantScope scope, long id) {
    return TenantGuard.call(
        em(),
        scope,
        () -> {
          Optional<E> found = byId(id);
          found.ifPresent(
              e -> {
                em().remove(e);
                em().flush();
              });
          return found.isPresent();
        });
  }

  /** A JPQL query for this entity type, for subclasses' own finders; call inside TenantGuard. */
  protected Optional<E> byId(long id) {
    return em().createQuery("select e from " + entityName() + " e where e.id = :id", type)
        .setParameter("id", id)
        .getResultStream()
        .findFirst();
  }

  protected String entityName() {
    return type.getSimpleName();
  }
}
