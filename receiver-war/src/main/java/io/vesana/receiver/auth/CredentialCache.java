package io.vesana.receiver.auth;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Remembers lookups, so a busy agent costs one query per change of its tenant's credentials rather
 * than one per request. A found credential is used while its tenant's cache generation ({@link
 * TenantGenerations}) is the one it was found under, for at most {@code ttlMs}, and never past the
 * credential's own expiry: a revocation is seen at the next generation read (~2 s). Should the
 * generations stop being readable, found credentials live only {@code fallbackTtlMs}. Absences
 * (unknown or revoked keys) have no tenant to follow and always live {@code fallbackTtlMs}.
 *
 * <p>Bounded: when full, expired entries are dropped; if that is not enough, negative entries go
 * first (a prober cycling random keys can churn only those), and a positive entry that still finds
 * no room is simply not cached. Thread-safe.
 */
final class CredentialCache {

  private record Entry(Optional<Found> found, long tag, long loadedAtMs) {}

  private final Clock clock;
  private final long ttlMs;
  private final long fallbackTtlMs;
  private final int maxEntries;
  private final TenantGenerations generations;
  private final ConcurrentHashMap<String, Entry> positive = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Entry> negative = new ConcurrentHashMap<>();

  CredentialCache(
      Clock clock, long ttlMs, long fallbackTtlMs, int maxEntries, TenantGenerations generations) {
    this.clock = clock;
    this.ttlMs = ttlMs;
    this.fallbackTtlMs = Math.min(ttlMs, fallbackTtlMs);
    this.maxEntries = maxEntries;
    this.generations = generations;
  }

  /**
   * The cached answer, or the loader's (cached unless it throws). Two concurrent misses may both
   * load: cheaper than a lock, and the answers are the same.
   */
  Optional<Sender> get(String key, Supplier<Optional<Found>> loader) {
    long now = clock.millis();
    // Taken before a load, so a load is tagged with a generation no newer than what it read.
    Map<Long, Long> seen = generations.snapshot();
    boolean current = generations.current();
    Entry e = positive.get(key);
    if (e == null) {
      e = negative.get(key);
    }
    if (e != null && usable(e, now, seen, current)) {
      return e.found().map(Found::sender);
    }
    Optional<Found> loaded = loader.get();
    long tag =
        loaded
            .map(f -> TenantGenerations.of(seen, f.sender().tenantId()))
            .orElse(TenantGenerations.UNKNOWN);
    put(key, new Entry(loaded, tag, now), now);
    return loaded.map(Found::sender);
  }

  private boolean usable(Entry e, long now, Map<Long, Long> seen, boolean current) {
    long age = now - e.loadedAtMs();
    if (e.found().isEmpty()) {
      return age < fallbackTtlMs;
    }
    Found f = e.found().get();
    if (f.expiresAtMs() <= now) {
      return false;
    }
    if (!current) {
      return age < fallbackTtlMs;
    }
    return age < ttlMs && e.tag() == TenantGenerations.of(seen, f.sender().tenantId());
  }

  private void put(String key, Entry entry, long now) {
    boolean found = entry.found().isPresent();
    ConcurrentHashMap<String, Entry> target = found ? positive : negative;
    (found ? negative : positive).remove(key);
    if (target.size() >= maxEntries && !target.containsKey(key)) {
      target.values().removeIf(x -> now - x.loadedAtMs() >= ttlMs);
      if (target.size() >= maxEntries) {
        if (target == negative) {
          negative.clear();
        } else {
          return;
        }
      }
    }
    target.put(key, entry);
  }

  int size() {
    return positive.size() + negative.size();
  }
}
