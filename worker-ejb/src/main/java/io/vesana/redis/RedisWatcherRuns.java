package io.vesana.redis;

import io.vesana.watchers.WatcherRuns;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;

/**
 * {@link WatcherRuns} as {@code <prefix>watcher:<name>:last-run} = start of the last completed run
 * in epoch ms of the Redis server's clock ({@code TIME} inside the scripts, so instances with
 * skewed clocks agree; needs Redis 5+, where scripts replicate their effects), and {@code
 * <prefix>watcher:<name>:runs} = number of completed runs recorded since the key was created (no
 * expiry; one small key per watcher), for operators and tests to see how often a watcher really ran
 * across all instances. Thread-safe.
 */
public final class RedisWatcherRuns implements WatcherRuns {

  /** Returns {due (0/1), server time in ms}. */
  private static final String DUE =
      "local t = redis.call('TIME')\n"
          + "local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)\n"
          + "local last = redis.call('GET', KEYS[1])\n"
          + "if last and now - tonumber(last) < tonumber(ARGV[1]) then\n"
          + "  return {0, now}\n"
          + "end\n"
          + "return {1, now}";

  /**
   * Counts the run (KEYS[2]), then keeps the later of the stored and the given start (KEYS[1]; a
   * late writer must not move it back, but its run did happen and is counted).
   */
  private static final String RECORD =
      "redis.call('INCR', KEYS[2])\n"
          + "local last = redis.call('GET', KEYS[1])\n"
          + "if last and tonumber(last) >= tonumber(ARGV[1]) then\n"
          + "  return 0\n"
          + "end\n"
          + "redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])\n"
          + "return 1";

  private final UnifiedJedis redis;
  private final String prefix;

  public RedisWatcherRuns(UnifiedJedis redis, String prefix) {
    this.redis = redis;
    this.prefix = prefix;
  }

  @Override
  public Optional<Instant> dueNow(String watcher, Duration minInterval) {
    List<?> r =
        (List<?>)
            redis.eval(DUE, List.of(key(watcher)), List.of(Long.toString(minInterval.toMillis())));
    long due = (Long) r.get(0);
    return due == 1 ? Optional.of(Instant.ofEpochMilli((Long) r.get(1))) : Optional.empty();
  }

  @Override
  public void recordRun(String watcher, Instant startedAt, Duration keep) {
    redis.eval(
        RECORD,
        List.of(key(watcher), runsKey(watcher)),
        List.of(
            Long.toString(startedAt.toEpochMilli()), Long.toString(Math.max(1, keep.toMillis()))));
  }

  @Override
  public Optional<Instant> lastRun(String watcher) {
    String last = redis.get(key(watcher));
    return last == null
        ? Optional.empty()
        : Optional.of(Instant.ofEpochMilli(Long.parseLong(last)));
  }

  private String key(String watcher) {
    return prefix + "watcher:" + watcher + ":last-run";
  }

  private String runsKey(String watcher) {
    return prefix + "watcher:" + watcher + ":runs";
  }
}
