package io.vesana.receiver.redis;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.JedisPooled;

/**
 * The receiver's Redis pool: the only class of the receiver that touches Jedis. Same keys as the
 * server side ({@code vesana.redis.url}, {@code vesana.redis.pool.max}, {@code
 * vesana.redis.timeout-ms}); the receiver is deliberately independent of the worker module.
 */
@ApplicationScoped
public class ReceiverRedis {

  @Inject
  @ConfigProperty(name = "vesana.redis.url", defaultValue = "redis://127.0.0.1:6379")
  String url;

  @Inject
  @ConfigProperty(name = "vesana.redis.pool.max", defaultValue = "64")
  int poolMax;

  @Inject
  @ConfigProperty(name = "vesana.redis.timeout-ms", defaultValue = "2000")
  int timeoutMs;

  private volatile JedisPooled client;

  public boolean ping() {
    return "PONG".equals(client().ping());
  }

  private JedisPooled client() {
    JedisPooled c = client;
    if (c == null) {
      synchronized (this) {
        if (client == null) {
          // Jedis reads user, password, database and TLS (rediss://) from the URI itself.
          ConnectionPoolConfig pool = new ConnectionPoolConfig();
          pool.setMaxTotal(poolMax);
          pool.setMaxIdle(poolMax);
          client = new JedisPooled(pool, URI.create(url), timeoutMs, timeoutMs);
        }
        c = client;
      }
    }
    return c;
  }

  @PreDestroy
  void close() {
    if (client != null) {
      client.close();
    }
  }
}
