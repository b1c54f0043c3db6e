package io.vesana.cluster;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Announces this instance every 10 s (non-persistent EJB timer) with a 30 s expiry, so system
 * health can list live receivers, workers and API instances, and the ingest consumer can tell a
 * dead peer's pending entries from a slow one's. Role from {@code vesana.instance.role}.
 */
@Singleton
@Startup
// Bean-managed: the fields never change after construction and beat() is safe to run
// concurrently, so health checks reading role/instance id must not queue behind a slow beat.
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class InstanceHeartbeat {

  private static final Logger LOG = Logger.getLogger(InstanceHeartbeat.class.getName());
  static final Duration TTL = Duration.ofSeconds(30);

  @Inject
  @ConfigProperty(name = "vesana.instance.role", defaultValue = "worker")
  String role;

  @Inject InstanceRegistry registry;

  private final String instanceId =
      ManagementFactory.getRuntimeMXBean().getName()
          + "-"
          + UUID.randomUUID().toString().substring(0, 8);
  private final Instant startedAt = Instant.now();

  @PostConstruct
  void announce() {
    beat();
  }

  @Schedule(second = "*/10", minute = "*", hour = "*", persistent = false)
  void beat() {
    try {
      registry.beat(role, instanceId, startedAt, TTL);
    } catch (RuntimeException e) {
      // Redis may be down; readiness reports that. The next beat retries.
      LOG.log(Level.FINE, "heartbeat not written", e);
    }
  }

  public String instanceId() {
    return instanceId;
  }

  public String role() {
    return role;
  }
}
