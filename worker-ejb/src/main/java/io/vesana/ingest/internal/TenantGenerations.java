package io.vesana.ingest.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * Every tenant's {@code cache_generation} (migration V12: bumped by triggers whenever something the
 * context cache holds changes), as last read. Re-read at most every {@link #REFRESH_NANOS} by the
 * first batch that finds it due, on that batch's connection; other batches go on with what is known
 * meanwhile. Thread-safe.
 *
 * <p>A cached entry is used only under the generation its tenant had when it was loaded, so a
 * change is seen within about one refresh. If reading fails for longer than {@link #STALE_NANOS},
 * {@link #current()} turns false and the cache falls back to a short TTL.
 */
final class TenantGenerations {

  static final long REFRESH_NANOS = 2_000_000_000L;
  static final long STALE_NANOS = 10_000_000_000L;

  /** The generation of a tenant this instance has not read yet; no entry is ever tagged with it. */
  static final long UNKNOWN = -1;

  private final LongSupplier nanoClock;
  private final AtomicBoolean reading = new AtomicBoolean();
  private volatile Map<Long, Long> known = Map.of();
  private volatile boolean everRead;
  private volatile long readAtNanos;

  TenantGenerations(LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
  }

  /** Reads the generations again if due and no other caller is reading them. */
  void refreshIfDue(Connection c) throws SQLException {
    if (everRead && nanoClock.getAsLong() - readAtNanos < REFRESH_NANOS) {
      return;
    }
    if (!reading.compareAndSet(false, true)) {
      return;
    }
    try {
      long started = nanoClock.getAsLong();
      Map<Long, Long> read = new HashMap<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT id, cache_generation FROM tenants");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          read.put(rs.getLong(1), rs.getLong(2));
        }
      }
      known = Map.copyOf(read);
      readAtNanos = started;
      everRead = true;
    } finally {
      reading.set(false);
    }
  }

  /** What is known now; a batch takes this once and tags both lookups and loads with it. */
  Map<Long, Long> snapshot() {
    return known;
  }

  /** True while the generations were read successfully within {@link #STALE_NANOS}. */
  boolean current() {
    return everRead && nanoClock.getAsLong() - readAtNanos < STALE_NANOS;
  }

  static long of(Map<Long, Long> snapshot, long tenantId) {
    return snapshot.getOrDefault(tenantId, UNKNOWN);
  }
}
