package io.vesana.ingest.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A bounded LRU map whose entries carry a tag (the tenant's cache generation when they were loaded)
 * and the time they were put. A lookup names the tag it expects and the oldest age it accepts; an
 * entry with another tag or older than that is a miss and is dropped. Absent values are cached too
 * (as {@code null} wrapped in a hit), so a sender that keeps naming an unknown host costs one query
 * per generation, not one per result. Thread-safe (one lock; lookups are short).
 */
public final class ExpiringCache<K, V> {

  /** A cache hit; {@code value} may be null for a remembered absence. */
  public record Hit<V>(V value) {}

  private record Slot<V>(V value, long tag, long putAtNanos) {}

  private final LongSupplier nanoClock;
  private final Map<K, Slot<V>> map;

  public ExpiringCache(int maxEntries, LongSupplier nanoClock) {
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

  /**
   * The entry if it was put with {@code tag} at most {@code maxAgeNanos} ago ({@code
   * absenceMaxAgeNanos} for a remembered absence), else null.
   */
  public synchronized Hit<V> get(K key, long tag, long maxAgeNanos, long absenceMaxAgeNanos) {
    Slot<V> slot = map.get(key);
    if (slot == null) {
      return null;
    }
    long maxAge = slot.value() == null ? absenceMaxAgeNanos : maxAgeNanos;
    if (slot.tag() != tag || nanoClock.getAsLong() - slot.putAtNanos() > maxAge) {
      map.remove(key);
      return null;
    }
    return new Hit<>(slot.value());
  }

  public synchronized void put(K key, V value, long tag) {
    map.put(key, new Slot<>(value, tag, nanoClock.getAsLong()));
  }

  public synchronized void clear() {
    map.clear();
  }
}
