package io.vesana.launcher.backing;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import redis.embedded.RedisServer;
import redis.embedded.core.ExecutableProvider;

/**
 * A Redis server run from the binary bundled in codemonstur's embedded-redis, bound to 127.0.0.1.
 *
 * <p>Durable on purpose: the receiver acknowledges a result once it is in Redis, so the append-only
 * file is on and eviction is off ({@code noeviction} makes a full Redis refuse writes, which the
 * receiver reports to the agent, instead of silently dropping queued results).
 *
 * <p>Lifecycle: {@link #start} once, {@link #close} once. The library also stops the server from a
 * JVM shutdown hook; {@link #close} is idempotent with it.
 */
public final class EmbeddedRedisServer implements AutoCloseable {
  private final RedisServer server;
  private final BufferedWriter log;
  private final int port;

  private EmbeddedRedisServer(RedisServer server, BufferedWriter log, int port) {
    this.server = server;
    this.log = log;
    this.port = port;
  }

  /**
   * Starts Redis on 127.0.0.1:{@code port} with its append-only file in {@code home/redis} and its
   * output in {@code home/logs/redis.log}.
   */
  public static EmbeddedRedisServer start(Path home, int port) throws IOException {
    Path data = Files.createDirectories(home.resolve("redis"));
    Path binary = Files.createDirectories(home.resolve("bin").resolve("redis"));
    Path logFile = home.resolve("logs").resolve("redis.log");
    Files.createDirectories(logFile.getParent());
    BufferedWriter log =
        Files.newBufferedWriter(
            logFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    RedisServer server =
        RedisServer.newRedisServer()
            .executableProvider(ExecutableProvider.newJarResourceProvider(binary.toFile()))
            .bind("127.0.0.1")
            .port(port)
            .setting("dir " + data.toAbsolutePath())
            .setting("appendonly yes")
            .setting("appendfsync everysec")
            .setting("save \"\"")
            .setting("maxmemory 256mb")
            .setting("maxmemory-policy noeviction")
            .onShutdownForceStop(false)
            .soutListener(line -> append(log, line))
            .serrListener(line -> append(log, line))
            .build();
    try {
      server.start();
    } catch (IOException | RuntimeException e) {
      log.close();
      throw new IOException("embedded Redis did not start on port " + port + "; see " + logFile, e);
    }
    return new EmbeddedRedisServer(server, log, port);
  }

  public RedisEndpoint endpoint() {
    return new RedisEndpoint("redis://127.0.0.1:" + port, true);
  }

  private static void append(BufferedWriter log, String line) {
    synchronized (log) {
      try {
        log.write(line);
        log.newLine();
        log.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Stops Redis with SIGTERM, on which it flushes the append-only file before exiting. */
  @Override
  public void close() throws IOException {
    try {
      if (server.isActive()) {
        server.stop();
      }
    } finally {
      synchronized (log) {
        log.close();
      }
    }
  }
}
