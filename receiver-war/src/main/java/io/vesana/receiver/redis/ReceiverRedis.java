package io.vesana.receiver.redis;

import io.vesana.contract.IngestStream;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.JedisPooled;

/**
 * The receiver's Redis pool: the only package of the receiver that touches Jedis. Same keys as the
 * server side ({@code vesana.redis.url}, {@code vesana.redis.pool.max}, {@code
 * vesana.redis.timeout-ms}, {@code vesana.redis.prefix}); the receiver is deliberately independent
 * of the worker module. The ingest stream is capped by {@code vesana.receiver.stream.max-length}.
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

  @Inject
  @ConfigProperty(name = "vesana.redis.prefix", defaultValue = "vesana:")
  String prefix;

  @Inject
  @ConfigProperty(name = "vesana.receiver.stream.max-length", defaultValue = "1000000")
  long streamMaxLength;

  private volatile JedisPooled client;
  private volatile CappedStream stream;

  public boolean ping() {
    return "PONG".equals(client().ping());
  }

  /**
   * Adds one entry to the ingest stream, unless it is at its cap.
   *
   * @param fields field, value, field, value, ... (see {@code io.vesana.contract.IngestStream})
   * @return the entry id
   * @throws StreamRefusedException nothing was added (after a timeout: possibly was, see
   *     docs/ingest-api.md on idempotency keys)
   */
  public String addToIngestStream(List<String> fields) {
    return stream().add(fields);
  }

  /** XLEN of the ingest stream. */
  public long ingestStreamLength() {
    try {
      return stream().length();
    } catch (redis.clients.jedis.exceptions.JedisException e) {
      throw new StreamRefusedException(StreamRefusedException.Reason.UNAVAILABLE, e);
    }
  }

  private CappedStream stream() {
    CappedStream s = stream;
    if (s == null) {
      s = new CappedStream(client(), prefix + IngestStream.STREAM, streamMaxLength);
      stream = s;
    }
    return s;
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
