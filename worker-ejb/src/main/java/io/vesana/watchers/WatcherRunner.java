package io.vesana.watchers;

import io.vesana.cluster.DistributedLocks;
import io.vesana.cluster.DistributedLocks.Lease;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs a watcher's work on at most one instance at a time and at most once per period across the
 * deployment, whichever instance's timer fires first.
 *
 * <p>Per call: take the lock {@code watcher:<name>} (default TTL 55 s) or skip; under the lock,
 * skip if a run recorded in {@link WatcherRuns} started less than {@code period - slack} ago
 * (slack: a tenth of the period, at most 5 s, absorbing timer jitter); otherwise run the work on
 * the calling thread while the lock is renewed every 20 s (default) on the scheduler, record the
 * run's start (which also counts the run, so the number of runs across the deployment is
 * observable), release the lock. The lock alone is not enough: a short run releases it long before
 * another instance's unsynchronised timer fires in the same period.
 *
 * <p>Losing the lock while working (a renewal refused, e.g. after a pause longer than the TTL) is
 * logged at WARNING and counted in {@link #lostLeases()}, but the work is not interrupted: stopping
 * it half-way (in the middle of a transaction or a notification) is worse than the possible
 * duplicate, and watchers are written to tolerate one. Work that throws is not recorded, so another
 * instance may retry it in the same period; the exception propagates after the lock is released.
 *
 * <p>If the lock store is unreachable nothing runs (WARNING): without the lock every instance would
 * run the watcher.
 *
 * <p>Thread-safe. The scheduler is the caller's (a ManagedScheduledExecutorService in the
 * container, a plain one in tests) and is not shut down here.
 */
public final class WatcherRunner {

  public static final Duration DEFAULT_LOCK_TTL = Duration.ofSeconds(55);
  public static final Duration DEFAULT_RENEW_EVERY = Duration.ofSeconds(20);
  private static final Duration MAX_SLACK = Duration.ofSeconds(5);
  private static final Logger LOG = Logger.getLogger(WatcherRunner.class.getName());

  private final DistributedLocks locks;
  private final WatcherRuns runs;
  private final ScheduledExecutorService scheduler;
  private final Duration lockTtl;
  private final Duration renewEvery;
  private final AtomicLong lostLeases = new AtomicLong();

  public WatcherRunner(
      DistributedLocks locks, WatcherRuns runs, ScheduledExecutorService scheduler) {
    this(locks, runs, scheduler, DEFAULT_LOCK_TTL, DEFAULT_RENEW_EVERY);
  }

  public WatcherRunner(
      DistributedLocks locks,
      WatcherRuns runs,
      ScheduledExecutorService scheduler,
      Duration lockTtl,
      Duration renewEvery) {
    this.locks = Objects.requireNonNull(locks, "locks");
    this.runs = Objects.requireNonNull(runs, "runs");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    if (renewEvery.toMillis() < 1 || renewEvery.compareTo(lockTtl) >= 0) {
      throw new IllegalArgumentException(
          "renewal interval must be positive and shorter than the lock TTL");
    }
    this.lockTtl = lockTtl;
    this.renewEvery = renewEvery;
  }

  /**
   * Runs {@code work} here unless another instance is running it or ran it in this period.
   *
   * @return whether this call ran the work
   */
  public boolean runExclusively(String watcher, Duration period, Runnable work) {
    if (watcher == null || watcher.isBlank() || period.toMillis() < 1) {
      throw new IllegalArgumentException("watcher name and a positive period are required");
    }
    Optional<Lease> lease;
    try {
      lease = locks.tryAcquire("watcher:" + watcher, lockTtl);
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "watcher {0} not run: lock store unavailable ({1})",
          new Object[] {watcher, e.toString()});
      return false;
    }
    if (lease.isEmpty()) {
      LOG.log(Level.FINE, "watcher {0} skipped: running on another instance", watcher);
      return false;
    }
    try {
      return runHolding(watcher, period, work, lease.get());
    } finally {
      release(watcher, lease.get());
    }
  }

  private boolean runHolding(String watcher, Duration period, Runnable work, Lease lease) {
    Optional<Instant> start;
    try {
      start = runs.dueNow(watcher, period.minus(slack(period)));
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "watcher {0} not run: run record unavailable ({1})",
          new Object[] {watcher, e.toString()});
      return false;
    }
    if (start.isEmpty()) {
      LOG.log(Level.FINE, "watcher {0} skipped: already ran in this period", watcher);
      return false;
    }
    LeaseRenewal renewal = LeaseRenewal.start(scheduler, lease, lockTtl, renewEvery, watcher);
    try {
      work.run();
    } finally {
      renewal.stop();
    }
    if (renewal.lost()) {
      lostLeases.incrementAndGet();
      LOG.log(Level.WARNING, "watcher {0} completed without holding its lock", watcher);
    }
    try {
      // Recorded even after a lost lock: the work did run; the record never moves backwards.
      runs.recordRun(watcher, start.get(), period.multipliedBy(2));
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "watcher {0} ran but its run was not recorded ({1}); it may run again this period",
          new Object[] {watcher, e.toString()});
    }
    return true;
  }

  private static void release(String watcher, Lease lease) {
    try {
      lease.release();
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "watcher {0}: lock not released ({1}); it expires by its TTL",
          new Object[] {watcher, e.toString()});
    }
  }

  static Duration slack(Duration period) {
    Duration tenth = period.dividedBy(10);
    return tenth.compareTo(MAX_SLACK) > 0 ? MAX_SLACK : tenth;
  }

  /** Runs that finished after their lock had been lost (since this runner was made). */
  public long lostLeases() {
    return lostLeases.get();
  }
}
