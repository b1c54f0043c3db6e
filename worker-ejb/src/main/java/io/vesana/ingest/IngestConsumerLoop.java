package io.vesana.ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One consumer of the group, run on its own thread until {@link #stop()}: first its own pending
 * entries (left by a previous run under the same name), then new entries in batches; every quarter
 * of {@code claim-idle} it takes over entries dead peers left pending and re-reads its own
 * leftovers. A batch the database could not take is held in memory and retried with back-off, its
 * entries' idle time refreshed so that no peer claims them meanwhile. Redis failures back off too.
 */
public final class IngestConsumerLoop implements Runnable {

  private static final Logger LOG = Logger.getLogger(IngestConsumerLoop.class.getName());

  private final String consumer;
  private final IngestQueue queue;
  private final IngestPipeline pipeline;
  private final IngestSettings settings;
  private final IngestListener listener;
  private final long claimEveryNanos;
  private volatile boolean running = true;

  public IngestConsumerLoop(
      String consumer,
      IngestQueue queue,
      IngestPipeline pipeline,
      IngestSettings settings,
      IngestListener listener) {
    this.consumer = consumer;
    this.queue = queue;
    this.pipeline = pipeline;
    this.settings = settings;
    this.listener = listener;
    long quarter = settings.claimIdle().toNanos() / 4;
    this.claimEveryNanos =
        Math.max(
            Duration.ofMillis(100).toNanos(), Math.min(quarter, Duration.ofSeconds(15).toNanos()));
  }

  public String consumer() {
    return consumer;
  }

  /** Asks the loop to finish; it does within about one block interval. */
  public void stop() {
    running = false;
  }

  @Override
  public void run() {
    Backoff backoff = new Backoff(settings.backoffMin(), settings.backoffMax());
    List<QueuedEntry> retry = List.of();
    boolean groupReady = false;
    boolean sweep = true;
    String cursor = "0";
    long nextClaim = System.nanoTime() + claimEveryNanos;
    int n = settings.batchEntries();
    while (running) {
      try {
        if (!groupReady) {
          queue.ensureGroup();
          groupReady = true;
        }
        List<QueuedEntry> batch;
        if (!retry.isEmpty()) {
          queue.touch(consumer, retry.stream().map(QueuedEntry::id).toList());
          batch = retry;
        } else if (sweep) {
          batch = queue.readOwnPending(consumer, cursor, n);
          if (batch.isEmpty()) {
            sweep = false;
            cursor = "0";
            continue;
          }
          cursor = batch.get(batch.size() - 1).id();
        } else if (System.nanoTime() - nextClaim >= 0) {
          batch = queue.claimIdle(consumer, settings.claimIdle().toMillis(), n);
          // A full claim means a dead peer left more: claim again right away.
          nextClaim = System.nanoTime() + (batch.size() >= n ? 0 : claimEveryNanos);
          sweep = batch.size() < n;
        } else {
          batch = fill(queue.readNew(consumer, n, settings.blockMs()), n);
        }
        if (batch.isEmpty()) {
          continue;
        }
        retry = pipeline.process(batch);
        if (retry.isEmpty()) {
          backoff.reset();
        } else {
          backoff.pause(() -> running);
        }
      } catch (RuntimeException e) {
        // Redis unavailable (or a bug): nothing was acknowledged that should not be.
        listener.error(e);
        listener.retry();
        LOG.log(Level.WARNING, "consumer " + consumer + " failed, backing off: " + e, e);
        sweep = true;
        cursor = "0";
        backoff.pause(() -> running);
      }
    }
    LOG.fine(() -> "consumer " + consumer + " stopped");
  }

  /**
   * Under a steady load a read returns one or two entries (a batch of ~50 results each), and one
   * transaction per entry costs PostgreSQL about twice as much per result as one of thousands
   * (measured: 57 rows per statement, 1.1 ms; 5,000 rows, 47 ms), and a commit (a WAL flush) each.
   * So a short read waits up to {@code linger} for more before it is written: a batch stays one
   * transaction, and the wait bounds the latency it adds.
   */
  private List<QueuedEntry> fill(List<QueuedEntry> first, int n) {
    long lingerMs = settings.linger().toMillis();
    if (first.isEmpty() || first.size() >= n || lingerMs <= 0) {
      return first;
    }
    List<QueuedEntry> batch = new ArrayList<>(first);
    long until = System.nanoTime() + settings.linger().toNanos();
    while (batch.size() < n && running) {
      long leftMs = (until - System.nanoTime()) / 1_000_000;
      if (leftMs <= 0) {
        break;
      }
      List<QueuedEntry> more = queue.readNew(consumer, n - batch.size(), (int) leftMs);
      if (more.isEmpty()) {
        break;
      }
      batch.addAll(more);
    }
    return batch;
  }
}
