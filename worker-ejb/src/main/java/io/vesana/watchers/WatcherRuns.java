package io.vesana.watchers;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When each watcher last ran, shared by all instances. Times are the store's clock, so instances
 * with skewed clocks compare against one clock. Thread-safe; store failures surface as unchecked
 * exceptions.
 */
public interface WatcherRuns {

  /**
   * The store's current time if {@code watcher} has no recorded run that started less than {@code
   * minInterval} ago; empty if it has. Reads only.
   */
  Optional<Instant> dueNow(String watcher, Duration minInterval);

  /**
   * Records a completed run that started at {@code startedAt} (a value from {@link #dueNow}) and
   * adds one to the watcher's count of completed runs. Never moves the record backwards (a late
   * writer's run is still counted). The record is forgotten after {@code keep}, which should exceed
   * the period: a forgotten record reads as "never ran", i.e. due. The count is kept.
   */
  void recordRun(String watcher, Instant startedAt, Duration keep);

  /**
   * When the last recorded run of {@code watcher} started; empty if none is remembered. For
   * operators (system health), never for deciding whether to run.
   */
  default Optional<Instant> lastRun(String watcher) {
    return Optional.empty();
  }
}
