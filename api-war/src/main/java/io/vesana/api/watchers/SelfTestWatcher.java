package io.vesana.api.watchers;

import io.vesana.admin.PipelineSelfTest;
import io.vesana.schema.SchemaMigration;
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
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The pipeline self-test watcher ({@link PipelineSelfTest}): every API replica's timer fires every
 * {@code vesana.watchers.self-test.tick-seconds} (default 15), and {@link WatcherRunner} lets one
 * of them run it once per {@code vesana.watchers.self-test.period-seconds} (default 60) across the
 * deployment, like {@link RetentionWatcher}. A failing run (Redis or PostgreSQL down) is logged and
 * retried at the next tick; health reports it meanwhile.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
public class SelfTestWatcher {

  private static final Logger LOG = Logger.getLogger(SelfTestWatcher.class.getName());
  static final String NAME = "pipeline-self-test";

  @Resource TimerService timers;

  @Inject SchemaMigration schema;
  @Inject WatcherRunner runner;
  @Inject PipelineSelfTest selfTest;

  @Inject
  @ConfigProperty(name = "vesana.watchers.self-test.tick-seconds", defaultValue = "15")
  long tickSeconds;

  @Inject
  @ConfigProperty(name = "vesana.watchers.self-test.period-seconds", defaultValue = "60")
  long periodSeconds;

  @PostConstruct
  void schedule() {
    if (tickSeconds < 1 || periodSeconds < 1) {
      throw new IllegalStateException(
          "vesana.watchers.self-test.tick-seconds and .period-seconds must be at least 1");
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
    try {
      runner.runExclusively(NAME, Duration.ofSeconds(periodSeconds), selfTest::run);
    } catch (RuntimeException e) {
      // Not recorded as a run, so the next tick of any replica retries it.
      LOG.log(Level.WARNING, "pipeline self-test run failed: " + e);
    }
  }
}
