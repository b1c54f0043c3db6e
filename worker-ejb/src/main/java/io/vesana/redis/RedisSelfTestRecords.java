package io.vesana.redis;

import io.vesana.admin.SelfTestRecords;
import io.vesana.admin.SelfTestState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.UnifiedJedis;

/**
 * {@link SelfTestRecords} in one Redis hash, {@code <prefix>selftest}: absent fields are nulls.
 * Instants are ISO-8601 (the database's microseconds are kept).
 */
public final class RedisSelfTestRecords implements SelfTestRecords {

  private static final String OUTSTANDING = "outstanding";
  private static final String LAG = "last_lag_ms";
  private static final String SEEN = "last_seen_at";
  private static final String FAILING = "failing_since";

  private final UnifiedJedis redis;
  private final String key;

  public RedisSelfTestRecords(UnifiedJedis redis, String prefix) {
    this.redis = redis;
    this.key = prefix + "selftest";
  }

  @Override
  public SelfTestState read() {
    Map<String, String> h = redis.hgetAll(key);
    return new SelfTestState(
        instant(h.get(OUTSTANDING)),
        h.get(LAG) == null ? null : Long.valueOf(h.get(LAG)),
        instant(h.get(SEEN)),
        instant(h.get(FAILING)));
  }

  @Override
  public void write(SelfTestState s) {
    Map<String, String> set = new HashMap<>();
    put(set, OUTSTANDING, s.outstanding());
    put(set, LAG, s.lastLagMs());
    put(set, SEEN, s.lastSeenAt());
    put(set, FAILING, s.failingSince());
    List<String> unset =
        List.of(OUTSTANDING, LAG, SEEN, FAILING).stream().filter(f -> !set.containsKey(f)).toList();
    if (!unset.isEmpty()) {
      redis.hdel(key, unset.toArray(String[]::new));
    }
    if (!set.isEmpty()) {
      redis.hset(key, set);
    }
  }

  private static void put(Map<String, String> m, String field, Object v) {
    if (v != null) {
      m.put(field, v.toString());
    }
  }

  private static Instant instant(String s) {
    return s == null ? null : Instant.parse(s);
  }

  /** Makes the container's instance from the application's Redis pool. */
  @ApplicationScoped
  public static class Producer {

    @Inject RedisConnection redis;

    @Produces
    @ApplicationScoped
    SelfTestRecords selfTestRecords() {
      return new RedisSelfTestRecords(redis.client(), redis.key(""));
    }
  }
}
