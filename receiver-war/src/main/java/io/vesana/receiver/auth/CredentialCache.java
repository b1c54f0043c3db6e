package io.vesana.receiver.auth;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Remembers lookups for a short TTL, positive and negative, so a busy agent costs one query per TTL
 * and a revoked credential stops working within it. Bounded: when full, expired entries are
 * dropped; if that is not enough, negative entries go first (a prober cycling random keys can churn
 * only those), and a positive entry that still finds no room is simply not cached. Thread-safe.
 */
final class CredentialCache {

  private record Entry(Optional<Sender> sender, long expiresAtMs) {}

  private final Clock clock;
  private final long ttlMs;
  private final int maxEntries;
  private final ConcurrentHashMap<String, Entry> positive = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Entry> negative = new ConcurrentHashMap<>();

  CredentialCache(Clock clock, long ttlMs, int maxEntries) {
    this.clock = clock;
    this.ttlMs = ttlMs;
    this.maxEntries = maxEntries;
  }

  /**
   * The cached answer, or the loader's (cached unless it throws). Two concurrent misses may both
   * load: cheaper than a lock, and the answers are the same.
   */
  Optional<Sender> get(String key, Supplier<Optional<Sender>> loader) {
    long now = clock.millis();
    Entry e = positive.get(key);
    if (e == null) {
      e = negative.get(key);
    }
    if (e != null && e.expiresAtMs() > now) {
      return e.sender();
    }
    Optional<Sender> loaded = loader.get();
    put(key, new Entry(loaded, now + ttlMs), now);
    return loaded;
  }

  private void put(String key, Entry entry, long now) {
    ConcurrentHashMap<String, Entry> target = entry.sender().isPresent() ? positive : negative;
    (entry.sender().isPresent() ? negative : positive).remove(key);
    if (target.size() >= maxEntries && !target.containsKey(key)) {
      target.values().removeIf(x -> x.expiresAtMs() <= now);
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
