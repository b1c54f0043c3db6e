package io.vesana.api.watchers;

import io.vesana.downtimes.DowntimeExpiry;
import io.vesana.schema.SchemaMigration;
import io.vesana.schema.VesanaDataSource;
import io.vesana.watchers.WatcherRunner;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The downtime watcher ({@link DowntimeExpiry}): ends expired one-off downtimes and keeps the
 * in_downtime flags and alert history in step with the downtimes in effect. Every replica's timer
 * fires every {@code vesana.watchers.downtimes.tick-seconds} (default 30); {@link WatcherRunner}
 * lets one of them run it once per {@code vesana.watchers.downtimes.period-seconds} (default 60)
 * across the deployment. Same pattern as {@link RetentionWatcher}.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
public class DowntimeWatcher {

  private static final Logger LOG = Logger.getLogger(DowntimeWatcher.class.getName());
  static final String NAME = "downtime-expiry";

  @Resource(lookup = VesanaDataSource.JNDI_NAME)
  DataSource dataSource;

  @Resource TimerService timers;

  @Inject SchemaMigration schema;
  @Inject WatcherRunner runner;

  @Inject
  @ConfigProperty(name = "vesana.watchers.downtimes.tick-seconds", defaultValue = "30")
  long tickSeconds;

  @Inject
  @ConfigProperty(name = "vesana.watchers.downtimes.period-seconds", defaultValue = "60")
  long periodSeconds;

  private final DowntimeExpiry expiry = new DowntimeExpiry();

  @PostConstruct
  void schedule() {
    if (tickSeconds < 1 || periodSeconds < 1) {
      throw new IllegalStateException(
          "vesana.watchers.downtimes.tick-seconds and .period-seconds must be at least 1");
    }
    long tickMs = Duration.ofSeconds(tickSeconds).toMillis();
    timers.createIntervalTimer(tickMs, tickMs, new TimerConfig(NAME, false));
  }

  @Timeout
  void tick() {
    if (!schema.ensureMigrated()) {
      return;
    }
    runner.runExclusively(NAME, Duration.ofSeconds(periodSeconds), this::run);
  }

  private void run() {
    try (Connection c = dataSource.getConnection()) {
      DowntimeExpiry.Outcome o = expiry.run(c, Instant.now());
      LOG.fine(() -> "downtime watcher: " + o);
    } catch (SQLException e) {
      LOG.log(Level.WARNING, "downtime watcher failed; the next period retries", e);
    }
  }
}
