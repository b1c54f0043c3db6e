package io.vesana.launcher.backing;

import io.vesana.launcher.LaunchSettings;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * PostgreSQL and Redis for one launch: the external ones the settings name, or embedded ones this
 * class starts and stops. Stops Redis before PostgreSQL, the reverse of start order.
 */
public final class BackingServices implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(BackingServices.class.getName());

  private final DatabaseEndpoint database;
  private final RedisEndpoint redis;
  private final Optional<EmbeddedPostgresServer> embeddedPostgres;
  private final Optional<EmbeddedRedisServer> embeddedRedis;

  private BackingServices(
      Optional<EmbeddedPostgresServer> embeddedPostgres,
      DatabaseEndpoint database,
      Optional<EmbeddedRedisServer> embeddedRedis,
      RedisEndpoint redis) {
    this.embeddedPostgres = embeddedPostgres;
    this.database = database;
    this.embeddedRedis = embeddedRedis;
    this.redis = redis;
  }

  /** Starts whatever the settings leave to the launcher; returns when both answer. */
  public static BackingServices start(LaunchSettings settings) throws IOException {
    Optional<EmbeddedPostgresServer> postgres = Optional.empty();
    DatabaseEndpoint database;
    if (settings.dbUrl().isPresent()) {
      database =
          new DatabaseEndpoint(
              settings.dbUrl().get(), settings.dbUser(), settings.dbPassword(), false);
    } else {
      postgres =
          Optional.of(
              EmbeddedPostgresServer.start(settings.home(), settings.embeddedPostgresPort()));
      database = postgres.get().endpoint();
    }
    try {
      if (settings.redisUrl().isPresent()) {
        return new BackingServices(
            postgres,
            database,
            Optional.empty(),
            new RedisEndpoint(settings.redisUrl().get(), false));
      }
      var redis = EmbeddedRedisServer.start(settings.home(), settings.embeddedRedisPort());
      return new BackingServices(postgres, database, Optional.of(redis), redis.endpoint());
    } catch (IOException | RuntimeException e) {
      if (postgres.isPresent()) {
        postgres.get().close();
      }
      throw e;
    }
  }

  public DatabaseEndpoint database() {
    return database;
  }

  public RedisEndpoint redis() {
    return redis;
  }

  /** The variables every application instance needs to reach the stores. */
  public Map<String, String> instanceEnvironment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("VESANA_DB_URL", database.jdbcUrl());
    env.put("VESANA_DB_USER", database.user());
    env.put("VESANA_DB_PASSWORD", database.password());
    env.put("VESANA_REDIS_URL", redis.url());
    return env;
  }

  /** Stops the embedded stores, Redis first; an external store is left alone. */
  @Override
  public void close() {
    embeddedRedis.ifPresent(redisServer -> stopQuietly("Redis", redisServer));
    embeddedPostgres.ifPresent(postgresServer -> stopQuietly("PostgreSQL", postgresServer));
  }

  private static void stopQuietly(String what, AutoCloseable service) {
    try {
      service.close();
    } catch (Exception e) {
      // Shutting down: report and carry on so the other store is still stopped.
      LOG.log(Level.WARNING, "embedded " + what + " did not stop cleanly", e);
    }
  }
}
