package io.vesana.tenancy;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What every repository of tenant data offers, each method taking the caller's scope explicitly.
 * Rows outside the scope behave as absent: {@code find} is empty, {@code update} and {@code delete}
 * return false. The same contract test runs against every implementation.
 *
 * <p>Methods must run inside a transaction (a container transaction in the server).
 */
public interface TenantRepository<E extends TenantOwnedEntity> {

  /** Largest page a list call returns; nothing loads a whole table. */
  int MAX_PAGE = 500;

  E add(TenantScope scope, E entity);

  Optional<E> find(TenantScope scope, long id);

  List<E> list(TenantScope scope, int offset, int limit);

  long count(TenantScope scope);

  /**
   * Applies {@code change} to the row if it is visible and writable; false if it is not visible.
   */
  boolean update(TenantScope scope, long id, Consumer<E> change);

  /** Deletes the row if visible and writable; false if it is not visible. */
  boolean delete(TenantScope scope, long id);
}
