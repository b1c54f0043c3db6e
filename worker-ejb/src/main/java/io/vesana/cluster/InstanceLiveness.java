package io.vesana.cluster;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Live as long as the application answers. Deliberately independent of PostgreSQL and Redis: an
 * outage of those makes the instance unready, not dead, so an orchestrator does not restart it.
 */
@Liveness
@ApplicationScoped
public class InstanceLiveness implements HealthCheck {

  @Inject InstanceHeartbeat heartbeat;

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("instance")
        .up()
        .withData("role", heartbeat.role())
        .withData("instance", heartbeat.instanceId())
        .build();
  }
}
