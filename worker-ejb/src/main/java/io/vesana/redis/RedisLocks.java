package io.vesana.redis;

import io.vesana.cluster.DistributedLocks;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * {@link DistributedLocks} on single Redis keys {@code <prefix>lock:<name>} holding the owner
 * token: {@code SET NX PX} to acquire, Lua compare-and-PEXPIRE to renew, compare-and-DEL to release
 * (each atomic, so no other owner's lock is touched between the compare and the write). Single
 * Redis node semantics: with a replicated Redis, a failover may lose a just-acquired lock; the
 * watchers tolerate a rare duplicate run. Thread-safe.
 */
public final class RedisLocks implements DistributedLocks {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final HexFormat HEX = HexFormat.of();

  private static final String RENEW =
      "if redis.call('GET', KEYS[1]) == ARGV[1] then\n"
          + "  return redis.call('PEXPIRE', KEYS[1], ARGV[2])\n"
          + "end\n"
          + "return 0";

  private static final String RELEASE =
      "if redis.call('GET', KEYS[1]) == ARGV[1] then\n"
          + "  return redis.call('DEL', KEYS[1])\n"
          + "end\n"
          + "return 0";

  private final UnifiedJedis redis;
  private final String prefix;

  public RedisLocks(UnifiedJedis redis, String prefix) {
    this.redis = redis;
    this.prefix = prefix;
  }

  @Override
  public Optional<Lease> tryAcquire(String name, Duration ttl) {
    long ms = positiveMillis(ttl);
    String key = prefix + "lock:" + name;
    byte[] raw = new byte[16];
    RANDOM.nextBytes(raw);
    String token = HEX.formatHex(raw);
    String ok = redis.set(key, token, SetParams.setParams().nx().px(ms));
    return "OK".equals(ok) ? Optional.of(new RedisLease(name, key, token)) : Optional.empty();
  }

  private static long positiveMillis(Duration ttl) {
    long ms = ttl.toMillis();
    if (ms < 1) {
      throw new IllegalArgumentException("lock TTL must be at least 1 ms: " + ttl);
    }
    return ms;
  }

  private final class RedisLease implements Lease {

    private final String name;
    private final String key;
    private final String token;
    // Only saves a round trip after release; ownership itself is decided by Redis.
    private volatile boolean released;

    RedisLease(String name, String key, String token) {
      this.name = name;
      this.key = key;
      this.token = token;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public boolean renew(Duration ttl) {
      long ms = positiveMillis(ttl);
      if (released) {
        return false;
      }
      Object n = redis.eval(RENEW, List.of(key), List.of(token, Long.toString(ms)));
      return Long.valueOf(1).equals(n);
    }

    @Override
    public void release() {
      if (released) {
        return;
      }
      redis.eval(RELEASE, List.of(key), List.of(token));
      // Set only after the call succeeded: a failed release may be retried.
      released = true;
    }
  }
}
