package io.vesana.ingest.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A bounded LRU map whose entries expire a fixed time after they were put. Absent values are cached
 * too (as {@code null} wrapped in a hit), so a sender that keeps naming an unknown host costs one
 * query per TTL, not one per result. Thread-safe (one lock; lookups are short).
 */
public final class ExpiringCache<K, V> {

  /** A cache hit; {@code value} may be null for a remembered absence. */
  public record Hit<V>(V value) {}

  private record Slot<V>(V value, long expiresAtNanos) {}

  private final long ttlNanos;
  private final LongSupplier nanoClock;
  private final Map<K, Slot<V>> map;

  public ExpiringCache(int maxEntries, long ttlNanos, LongSupplier nanoClock) {
    this.ttlNanos = ttlNanos;
    this.nanoClock = nanoClock;
    this.map =
        new LinkedHashMap<>(256, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<K, Slot<V>> eldest) {
            return size() > maxEntries;
          }
        };
  }

  public synchronized Hit<V> get(K key) {
    Slot<V> slot = map.get(key);
    if (slot == null) {
      return null;
    }
    if (nanoClock.getAsLong() - slot.expiresAtNanos() > 0) {
      map.remove(key);
      return null;
    }
    return new Hit<>(slot.value());
  }

  /** Caches {@code value}; a remembered absence (null) lives a fifth of the TTL. */
  public synchronized void put(K key, V value) {
    long ttl = value == null ? ttlNanos / 5 : ttlNanos;
    map.put(key, new Slot<>(value, nanoClock.getAsLong() + ttl));
  }

  public synchronized void clear() {
    map.clear();
  }
}
