package io.vesana.redis;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only when Redis answers PING. The reason is named; no connection details are shown. */
@Readiness
@ApplicationScoped
public class RedisReadiness implements HealthCheck {

  @Inject RedisConnection redis;

  @Override
  public HealthCheckResponse call() {
    try {
      String pong = redis.client().ping();
      return HealthCheckResponse.named("redis").status("PONG".equals(pong)).build();
    } catch (RuntimeException e) {
      return HealthCheckResponse.named("redis")
          .down()
          .withData("error", e.getClass().getSimpleName())
          .build();
    }
  }
}
