package io.vesana.redis;

import io.vesana.auth.RateLimiter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * {@link RateLimiter} as a sliding log: one sorted set per bucket and client, {@code
 * <prefix>ratelimit:<bucket>:<sha256-hex of client key>}, holding the times (Redis server clock) of
 * the allowed requests of the last window. One Lua script trims, counts, adds and computes
 * Retry-After atomically, so all API instances share one exact count.
 *
 * <p>Why a sliding log rather than a fixed-window counter: a fixed window allows twice the limit
 * across a window boundary (10 at 0:59, 10 at 1:00), which for login is 20 password guesses in two
 * seconds, and its Retry-After is "until the window ends" rather than "until a slot frees". The
 * log's cost is bounded: refused requests are not added, so a set never holds more than {@code
 * limit} entries, and it expires one window after its last entry.
 *
 * <p>The client key is hashed so that IP addresses are not stored in clear. An unsalted hash of an
 * IPv4 address can be reversed by trying all 2^32 addresses; it keeps addresses out of casual views
 * (key listings, dumps), not out of reach of someone who can read Redis.
 *
 * <p>Redis unreachable: {@link Decision#unavailable()} (fail closed). Failing open would switch off
 * brute-force protection for as long as an attacker can keep Redis busy or the outage lasts, and a
 * per-instance fallback would multiply the limit by the number of instances; login is the wrong
 * place to trade that for availability while Redis, which the whole system needs, is down anyway.
 * Thread-safe.
 */
public final class RedisRateLimiter implements RateLimiter {

  private static final Logger LOG = Logger.getLogger(RedisRateLimiter.class.getName());
  private static final HexFormat HEX = HexFormat.of();

  /**
   * ARGV: limit, window ms, unique member suffix. Returns {allowed (0/1), remaining, ms until a
   * slot frees}. An entry at time t leaves the window at t + window.
   */
  private static final String HIT =
      "local t = redis.call('TIME')\n"
          + "local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)\n"
          + "local limit = tonumber(ARGV[1])\n"
          + "local window = tonumber(ARGV[2])\n"
          + "redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)\n"
          + "local n = redis.call('ZCARD', KEYS[1])\n"
          + "if n < limit then\n"
          + "  redis.call('ZADD', KEYS[1], now, now .. ':' .. ARGV[3])\n"
          + "  redis.call('PEXPIRE', KEYS[1], window)\n"
          + "  return {1, limit - n - 1, 0}\n"
          + "end\n"
          + "local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')\n"
          + "return {0, 0, tonumber(oldest[2]) + window - now}";

  private final UnifiedJedis redis;
  private final String prefix;

  public RedisRateLimiter(UnifiedJedis redis, String prefix) {
    this.redis = redis;
    this.prefix = prefix;
  }

  @Override
  public Decision hit(String bucket, String clientKey, int limit, Duration window) {
    if (limit < 1 || window.toMillis() < 1) {
      throw new IllegalArgumentException("limit and window must be positive");
    }
    String key = prefix + "ratelimit:" + bucket + ":" + sha256Hex(clientKey);
    List<?> r;
    try {
      r =
          (List<?>)
              redis.eval(
                  HIT,
                  List.of(key),
                  List.of(
                      Integer.toString(limit),
                      Long.toString(window.toMillis()),
                      Long.toHexString(ThreadLocalRandom.current().nextLong())));
    } catch (JedisException e) {
      LOG.log(
          Level.WARNING,
          "rate limiter unavailable, refusing {0} ({1})",
          new Object[] {bucket, e.toString()});
      return Decision.unavailable();
    }
    if ((Long) r.get(0) == 1) {
      return Decision.allowed(((Long) r.get(1)).intValue());
    }
    return Decision.limited(Duration.ofMillis((Long) r.get(2)));
  }

  private static String sha256Hex(String s) {
    try {
      return HEX.formatHex(
          MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }
}
