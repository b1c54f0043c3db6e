package io.vesana.tenancy;

import io.vesana.tenancy.internal.GuardedWrites;
import jakarta.persistence.EntityManager;
import java.util.function.Supplier;
import org.hibernate.Filter;
import org.hibernate.Session;

/**
 * Runs a unit of persistence work under a tenant scope: binds the scope to the thread for the
 * ORM-level guards and enables the tenant filter on the entity manager's session with the scope's
 * readable tenants (or disables it for the all-tenants scope). Restores the previous state after,
 * so scopes nest.
 *
 * <p>Every repository method that touches tenant data goes through here; the scope is an explicit
 * argument of every repository signature.
 */
public final class TenantGuard {

  private TenantGuard() {}

  public static <T> T call(EntityManager em, TenantScope scope, Supplier<T> work) {
    Session session = em.unwrap(Session.class);
    TenantScope previous = CurrentTenantScope.get().orElse(null);
    try (CurrentTenantScope.Binding ignored = CurrentTenantScope.bind(scope)) {
      apply(session, scope);
      return work.get();
    } finally {
      if (previous == null) {
        GuardedWrites.clear();
        session.disableFilter(TenantOwnedEntity.FILTER);
      } else {
        apply(session, previous);
      }
    }
  }

  public static void run(EntityManager em, TenantScope scope, Runnable work) {
    call(
        em,
        scope,
        () -> {
          work.run();
          return null;
        });
  }

  private static void apply(Session session, TenantScope scope) {
    if (scope.isAllTenants()) {
      session.disableFilter(TenantOwnedEntity.FILTER);
    } else {
      Filter filter = session.enableFilter(TenantOwnedEntity.FILTER);
      filter.setParameterList(TenantOwnedEntity.FILTER_PARAM, scope.readableTenants());
    }
  }
}
