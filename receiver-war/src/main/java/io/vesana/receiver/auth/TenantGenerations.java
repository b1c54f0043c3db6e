package io.vesana.receiver.auth;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Every tenant's {@code cache_generation} (migration V12: bumped by triggers when a credential of
 * the tenant is created, revoked, expires early or is deleted, or the tenant is suspended), as last
 * read. Re-read at most every {@link #REFRESH_MS} by the first request that finds it due; other
 * requests go on with what is known meanwhile. Thread-safe.
 *
 * <p>(The worker keeps the same record of generations for its context cache; the receiver has its
 * own because it does not carry the worker's code.)
 */
final class TenantGenerations {

  static final long REFRESH_MS = 2_000;
  static final long STALE_MS = 10_000;

  /** The generation of a tenant not read yet; no cached entry is ever tagged with it. */
  static final long UNKNOWN = -1;

  private final LongSupplier clockMs;
  private final AtomicBoolean reading = new AtomicBoolean();
  private volatile Map<Long, Long> known = Map.of();
  private volatile boolean everRead;
  private volatile long readAtMs;

  TenantGenerations(LongSupplier clockMs) {
    this.clockMs = clockMs;
  }

  /**
   * Reads the generations again if due and no other request is reading them.
   *
   * @throws CredentialStoreUnavailableException the database did not answer
   */
  void refreshIfDue(Supplier<Map<Long, Long>> reader) {
    if (everRead && clockMs.getAsLong() - readAtMs < REFRESH_MS) {
      return;
    }
    if (!reading.compareAndSet(false, true)) {
      return;
    }
    try {
      long started = clockMs.getAsLong();
      known = Map.copyOf(reader.get());
      readAtMs = started;
      everRead = true;
    } finally {
      reading.set(false);
    }
  }

  Map<Long, Long> snapshot() {
    return known;
  }

  /** True while the generations were read successfully within {@link #STALE_MS}. */
  boolean current() {
    return everRead && clockMs.getAsLong() - readAtMs < STALE_MS;
  }

  static long of(Map<Long, Long> snapshot, long tenantId) {
    return snapshot.getOrDefault(tenantId, UNKNOWN);
  }
}
