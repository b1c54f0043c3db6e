package io.vesana.api.watchers;

import io.vesana.schema.SchemaMigration;
import io.vesana.watchers.WatcherRunner;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What every watcher shares: each replica's timer fires every {@link #tickSeconds()}, and {@link
 * WatcherRunner} lets exactly one replica do the work once per {@link #periodSeconds()} across the
 * deployment (Redis lock, renewed while it works, plus a last-run record). The work runs at the
 * first tick of any replica once a period has passed since the last run, so the tick should be well
 * below the period. A failed run is not recorded as a run: the next tick of any replica retries.
 *
 * <p>Subclasses are {@code @Singleton @Startup} beans with bean-managed concurrency and
 * transactions; they read their intervals from {@code vesana.watchers.<name>.tick-seconds} and
 * {@code .period-seconds} and do the work in {@link #work()}. The timer is programmatic
 * (non-persistent, created when the application starts) rather than {@code @Schedule}, so both
 * intervals are configuration: the system tests run watchers every few seconds.
 */
abstract class ExclusiveWatcher {

  private static final Logger LOG = Logger.getLogger(ExclusiveWatcher.class.getName());

  @Resource TimerService timers;
  @Inject SchemaMigration schema;
  @Inject WatcherRunner runner;

  /** The watcher's name: its lock, its run record and its timer. */
  abstract String name();

  abstract long tickSeconds();

  abstract long periodSeconds();

  /** Checks and prepares the watcher's own settings once; throws when they are wrong. */
  void prepare() {}

  /** One run, on one replica at a time. */
  abstract void work();

  @PostConstruct
  void schedule() {
    if (tickSeconds() < 1 || periodSeconds() < 1) {
      throw new IllegalStateException(
          name() + " watcher: its tick-seconds and period-seconds must be at least 1");
    }
    prepare();
    long tickMs = Duration.ofSeconds(tickSeconds()).toMillis();
    // Non-persistent: every replica schedules its own on start; nothing to clean up after it.
    timers.createIntervalTimer(tickMs, tickMs, new TimerConfig(name(), false));
  }

  @Timeout
  void tick() {
    if (!schema.ensureMigrated()) {
      return;
    }
    try {
      runner.runExclusively(name(), Duration.ofSeconds(periodSeconds()), this::work);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, name() + " failed; the next tick retries", e);
    }
  }
}
