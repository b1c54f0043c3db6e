package io.vesana.tenancy;

import java.util.Optional;

/**
 * The tenant scope bound to the current thread while tenant data is touched. The ORM-level guards
 * ({@code TenantStatementInspector}, {@code TenantGuardListener}) read it; nothing else should.
 *
 * <p>Thread-safety: one binding per thread; {@link #bind} returns a handle that restores the
 * previous binding, so bindings nest and never leak past a try-with-resources block.
 */
public final class CurrentTenantScope {

  private static final ThreadLocal<TenantScope> BOUND = new ThreadLocal<>();

  private CurrentTenantScope() {}

  public static Binding bind(TenantScope scope) {
    if (scope == null) {
      throw new IllegalArgumentException("scope must not be null");
    }
    TenantScope previous = BOUND.get();
    BOUND.set(scope);
    return new Binding(previous);
  }

  public static Optional<TenantScope> get() {
    return Optional.ofNullable(BOUND.get());
  }

  /** The bound scope, or an {@link UnscopedTenantAccessException} naming what was attempted. */
  public static TenantScope require(String attempted) {
    TenantScope scope = BOUND.get();
    if (scope == null) {
      throw new UnscopedTenantAccessException("no tenant scope bound for " + attempted);
    }
    return scope;
  }

  /** Restores the binding that was in place before {@link #bind}. */
  public static final class Binding implements AutoCloseable {
    private final TenantScope previous;

    private Binding(TenantScope previous) {
      this.previous = previous;
    }

    @Override
    public void close() {
      if (previous == null) {
        BOUND.remove();
      } else {
        BOUND.set(previous);
      }
    }
  }
}
