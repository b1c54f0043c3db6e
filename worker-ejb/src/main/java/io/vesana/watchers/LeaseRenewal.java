package io.vesana.watchers;

import io.vesana.cluster.DistributedLocks.Lease;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Renews one lease every {@code every} until {@link #stop()}. A renewal the store refuses means the
 * lease is gone for good (expired or taken over): renewal stops and {@link #lost()} turns true. A
 * renewal that fails with an exception (store unreachable) may be transient, so it is retried at
 * the next interval while the TTL still covers us. Thread-safe: the task runs on the scheduler,
 * {@code stop} and {@code lost} on the work's thread.
 */
final class LeaseRenewal {

  private static final Logger LOG = Logger.getLogger(LeaseRenewal.class.getName());

  private final Lease lease;
  private final Duration ttl;
  private final String watcher;
  private volatile boolean stopped;
  private volatile boolean lost;
  // Assigned after scheduling, so the task may (in theory) run before it is set.
  private volatile ScheduledFuture<?> task;

  private LeaseRenewal(Lease lease, Duration ttl, String watcher) {
    this.lease = lease;
    this.ttl = ttl;
    this.watcher = watcher;
  }

  static LeaseRenewal start(
      ScheduledExecutorService scheduler,
      Lease lease,
      Duration ttl,
      Duration every,
      String watcher) {
    LeaseRenewal r = new LeaseRenewal(lease, ttl, watcher);
    long ms = every.toMillis();
    r.task = scheduler.scheduleWithFixedDelay(r::renew, ms, ms, TimeUnit.MILLISECONDS);
    return r;
  }

  private void renew() {
    if (stopped || lost) {
      return;
    }
    boolean renewed;
    try {
      renewed = lease.renew(ttl);
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "watcher {0}: lock renewal failed ({1}); retrying while the TTL lasts",
          new Object[] {watcher, e.toString()});
      return;
    }
    // After stop() the lease is being released; a refusal then is expected, not a loss.
    if (!renewed && !stopped) {
      lost = true;
      cancel();
      LOG.log(
          Level.WARNING,
          "watcher {0}: lock lost while working; the work continues, another instance may run"
              + " it concurrently",
          watcher);
    }
  }

  /** Stops renewing. Does not wait for a renewal in flight; its outcome is ignored. */
  void stop() {
    stopped = true;
    cancel();
  }

  private void cancel() {
    ScheduledFuture<?> t = task;
    if (t != null) {
      t.cancel(false);
    }
  }

  boolean lost() {
    return lost;
  }
}
