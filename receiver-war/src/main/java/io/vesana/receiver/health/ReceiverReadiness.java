package io.vesana.receiver.health;

import io.vesana.receiver.redis.ReceiverRedis;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * The receiver is ready when Redis (where it enqueues) and PostgreSQL (where it reads token hashes)
 * both answer. Reasons are named, connection details never shown.
 */
public final class ReceiverReadiness {

  private ReceiverReadiness() {}

  @Readiness
  @ApplicationScoped
  public static class Redis implements HealthCheck {
    @Inject ReceiverRedis redis;

    @Override
    public HealthCheckResponse call() {
      try {
        return HealthCheckResponse.named("redis").status(redis.ping()).build();
      } catch (RuntimeException e) {
        return HealthCheckResponse.named("redis")
            .down()
            .withData("error", e.getClass().getSimpleName())
            .build();
      }
    }
  }

  @Readiness
  @ApplicationScoped
  public static class Database implements HealthCheck {
    @Resource(lookup = ReceiverDataSource.JNDI_NAME)
    DataSource dataSource;

    @Override
    public HealthCheckResponse call() {
      try (Connection c = dataSource.getConnection()) {
        return HealthCheckResponse.named("postgresql").status(c.isValid(2)).build();
      } catch (SQLException e) {
        return HealthCheckResponse.named("postgresql")
            .down()
            .withData("reason", "unreachable: " + e.getSQLState())
            .build();
      }
    }
  }

  @Liveness
  @ApplicationScoped
  public static class Live implements HealthCheck {
    @Override
    public HealthCheckResponse call() {
      return HealthCheckResponse.named("instance").up().withData("role", "receiver").build();
    }
  }
}
