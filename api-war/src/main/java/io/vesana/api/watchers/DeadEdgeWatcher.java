package io.vesana.api.watchers;

import io.vesana.alerts.AlertTransition;
import io.vesana.heartbeats.EdgeLiveness;
import io.vesana.schema.VesanaDataSource;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The dead agent/collector watcher ({@link EdgeLiveness}): an agent or collector without a
 * heartbeat for {@code vesana.heartbeats.dead-after-seconds} (default three heartbeat intervals,
 * {@code vesana.heartbeats.interval-seconds}, default 60) goes offline, its hosts UNREACHABLE, and
 * a host alert opens (announced through the alert hook). Recovery happens when the next heartbeat
 * is ingested. Ticks every {@code vesana.watchers.dead-edge.tick-seconds} (default 30), runs once
 * per {@code vesana.watchers.dead-edge.period-seconds} (default 60) across replicas ({@link
 * ExclusiveWatcher}).
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
public class DeadEdgeWatcher extends ExclusiveWatcher {

  private static final Logger LOG = Logger.getLogger(DeadEdgeWatcher.class.getName());
  static final String NAME = "dead-edge";

  @Resource(lookup = VesanaDataSource.JNDI_NAME)
  DataSource dataSource;

  @Inject Event<AlertTransition> alerts;

  @Inject
  @ConfigProperty(name = "vesana.watchers.dead-edge.tick-seconds", defaultValue = "30")
  long tickSeconds;

  @Inject
  @ConfigProperty(name = "vesana.watchers.dead-edge.period-seconds", defaultValue = "60")
  long periodSeconds;

  @Inject
  @ConfigProperty(name = "vesana.heartbeats.interval-seconds", defaultValue = "60")
  long intervalSeconds;

  @Inject
  @ConfigProperty(name = "vesana.heartbeats.dead-after-seconds")
  Optional<Long> deadAfterSeconds;

  private final EdgeLiveness liveness = new EdgeLiveness();

  @Override
  String name() {
    return NAME;
  }

  @Override
  long tickSeconds() {
    return tickSeconds;
  }

  @Override
  long periodSeconds() {
    return periodSeconds;
  }

  @Override
  void prepare() {
    if (intervalSeconds < 1 || deadAfter().isZero()) {
      throw new IllegalStateException("vesana.heartbeats.*-seconds must be at least 1");
    }
  }

  Duration deadAfter() {
    return Duration.ofSeconds(Math.max(0, deadAfterSeconds.orElse(3 * intervalSeconds)));
  }

  @Override
  void work() {
    List<AlertTransition> opened;
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        opened = liveness.markDead(c, Instant.now(), deadAfter());
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      LOG.log(Level.WARNING, "dead agent/collector watcher failed; the next period retries", e);
      return;
    }
    // After the commit: observers (the notification hook) see committed alerts only.
    opened.forEach(alerts::fire);
  }
}
