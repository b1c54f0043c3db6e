package io.vesana.redis;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.JedisPooled;

/**
 * The application's Redis connection pool; the only place a Jedis client is created.
 *
 * <p>Config: {@code vesana.redis.url} (default {@code redis://127.0.0.1:6379}; a password may be
 * given as {@code redis://:secret@host:port}), {@code vesana.redis.pool.max} (default 32), {@code
 * vesana.redis.timeout-ms} (default 2000), {@code vesana.redis.prefix} (default {@code vesana:})
 * for every key this instance writes.
 */
@ApplicationScoped
public class RedisConnection {

  @Inject
  @ConfigProperty(name = "vesana.redis.url", defaultValue = "redis://127.0.0.1:6379")
  String url;

  @Inject
  @ConfigProperty(name = "vesana.redis.pool.max", defaultValue = "32")
  int poolMax;

  @Inject
  @ConfigProperty(name = "vesana.redis.timeout-ms", defaultValue = "2000")
  int timeoutMs;

  @Inject
  @ConfigProperty(name = "vesana.redis.prefix", defaultValue = "vesana:")
  String prefix;

  private volatile JedisPooled client;

  /** A pooled client; created on first use so that deployment never waits for Redis. */
  public JedisPooled client() {
    JedisPooled c = client;
    if (c == null) {
      synchronized (this) {
        c = client;
        if (c == null) {
          c = open(URI.create(url), poolMax, timeoutMs);
          client = c;
        }
      }
    }
    return c;
  }

  public String key(String suffix) {
    return prefix + suffix;
  }

  /**
   * Jedis reads user, password, database number and TLS ({@code rediss://}) from the URI itself;
   * only the pool size and timeouts are ours.
   */
  static JedisPooled open(URI uri, int poolMax, int timeoutMs) {
    ConnectionPoolConfig pool = new ConnectionPoolConfig();
    pool.setMaxTotal(poolMax);
    pool.setMaxIdle(poolMax);
    pool.setMinIdle(0);
    return new JedisPooled(pool, uri, timeoutMs, timeoutMs);
  }

  @PreDestroy
  void close() {
    JedisPooled c = client;
    if (c != null) {
      c.close();
    }
  }
}
