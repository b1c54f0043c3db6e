package io.vesana.api.watchers;

import io.vesana.schema.SchemaMigration;
import io.vesana.schema.VesanaDataSource;
import io.vesana.watchers.RetentionPurge;
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
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The auto-purge watcher: every API replica's timer fires every {@code
 * vesana.watchers.retention.tick-seconds} (default 600, i.e. every 10 minutes), and {@link
 * WatcherRunner} lets exactly one of them run the purge once per {@code
 * vesana.watchers.retention.period-seconds} (default 3600, hourly) across the deployment (Redis
 * lock, renewed while it works, plus a last-run record). The purge runs at the first tick of any
 * replica once a period has passed since the last run, so the tick should be well below the period.
 *
 * <p>The timer is programmatic (non-persistent, created when the application starts) rather than
 * {@code @Schedule}, so that both intervals are configuration: the multi-replica system test runs
 * it every few seconds.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
public class RetentionWatcher {

  private static final Logger LOG = Logger.getLogger(RetentionWatcher.class.getName());
  static final String NAME = "retention-purge";

  @Resource(lookup = VesanaDataSource.JNDI_NAME)
  DataSource dataSource;

  @Resource TimerService timers;

  @Inject SchemaMigration schema;
  @Inject WatcherRunner runner;

  @Inject
  @ConfigProperty(name = "vesana.watchers.retention.tick-seconds", defaultValue = "600")
  long tickSeconds;

  @Inject
  @ConfigProperty(name = "vesana.watchers.retention.period-seconds", defaultValue = "3600")
  long periodSeconds;

  private final RetentionPurge purge = new RetentionPurge();

  @PostConstruct
  void schedule() {
    if (tickSeconds < 1 || periodSeconds < 1) {
      throw new IllegalStateException(
          "vesana.watchers.retention.tick-seconds and .period-seconds must be at least 1");
    }
    long tickMs = Duration.ofSeconds(tickSeconds).toMillis();
    // Non-persistent: every replica schedules its own on start; nothing to clean up after it.
    timers.createIntervalTimer(tickMs, tickMs, new TimerConfig(NAME, false));
  }

  @Timeout
  void tick() {
    if (!schema.ensureMigrated()) {
      return;
    }
    runner.runExclusively(NAME, Duration.ofSeconds(periodSeconds), this::purge);
  }

  private void purge() {
    try (Connection c = dataSource.getConnection()) {
      Map<String, Long> removed = purge.run(c);
      LOG.info(() -> "retention purge: " + removed);
    } catch (SQLException e) {
      LOG.log(Level.WARNING, "retention purge failed; the next period retries", e);
    }
  }
}
