package io.vesana.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.params.ScanParams;

/**
 * A key prefix of its own on the real Redis the test command provides (system property {@code
 * vesana.test.redis.url}, default 127.0.0.1:6379), and clients for it. Each client stands for one
 * instance of the deployment. {@link #close()} deletes every key under the prefix and closes the
 * clients.
 */
public final class TestRedis implements AutoCloseable {

  private final URI uri =
      URI.create(System.getProperty("vesana.test.redis.url", "redis://127.0.0.1:6379"));
  private final String prefix = "vesana-it-" + UUID.randomUUID().toString().substring(0, 8) + ":";
  private final List<JedisPooled> clients = new ArrayList<>();

  public String prefix() {
    return prefix;
  }

  /** A new client with its own connection pool, as another instance would have. */
  public synchronized JedisPooled client() {
    JedisPooled c = new JedisPooled(new ConnectionPoolConfig(), uri, 5_000, 5_000);
    clients.add(c);
    return c;
  }

  /** A client for a port nobody listens on: every command fails with a connection error. */
  public synchronized JedisPooled unreachableClient() {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    JedisPooled c =
        new JedisPooled(
            new ConnectionPoolConfig(), URI.create("redis://127.0.0.1:" + port), 500, 500);
    clients.add(c);
    return c;
  }

  @Override
  public synchronized void close() {
    try (JedisPooled admin = new JedisPooled(uri)) {
      String cursor = ScanParams.SCAN_POINTER_START;
      do {
        var page = admin.scan(cursor, new ScanParams().match(prefix + "*").count(100));
        page.getResult().forEach(admin::del);
        cursor = page.getCursor();
      } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
    } finally {
      clients.forEach(JedisPooled::close);
      clients.clear();
    }
  }
}
