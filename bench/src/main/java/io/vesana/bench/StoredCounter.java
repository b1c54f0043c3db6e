package io.vesana.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Follows how many rows reach check_results, once a second, from PostgreSQL's own insert counters
 * (pg_stat_user_tables over the partitions, relative to a baseline taken at start) — a count(*)
 * every second would itself eat a large share of the 2 cores being measured. Derives the steady
 * stored rate: rows stored between the first and the last second in which the count grew, over that
 * time. The exact count at the end is the caller's, with count(*).
 */
final class StoredCounter {

  private final BenchOptions options;
  private volatile long count;
  private volatile long firstGrowthMs;
  private volatile long firstGrowthCount;
  private volatile long lastGrowthMs;
  private volatile boolean running = true;
  private volatile long drainedAtMs;
  private Thread thread;

  StoredCounter(BenchOptions options) {
    this.options = options;
  }

  void start() {
    thread = new Thread(this::poll, "stored-counter");
    thread.setDaemon(true);
    thread.start();
  }

  private void poll() {
    try (Connection c =
            DriverManager.getConnection(options.dbUrl(), options.dbUser(), options.dbPassword());
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT coalesce(sum(n_tup_ins), 0) FROM pg_stat_user_tables"
                    + " WHERE relname LIKE 'check_results_p%'")) {
      long baseline = -1;
      while (running) {
        long now = System.currentTimeMillis();
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          if (baseline < 0) {
            baseline = rs.getLong(1);
          }
          long n = rs.getLong(1) - baseline;
          if (n > count) {
            if (firstGrowthMs == 0) {
              firstGrowthMs = now;
              firstGrowthCount = n;
            }
            lastGrowthMs = now;
            count = n;
          }
        }
        Thread.sleep(1000);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("counting stored rows failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * After the load: waits until the insert counters reach {@code expected}, or stop growing for 60
   * s, or the timeout passes; returns the count reached. Polls the counters, not count(*): a count
   * over millions of fresh rows every second would compete with the workers being measured. The
   * caller takes the exact count(*) once, afterwards.
   */
  long awaitDrain(long expected, Duration timeout) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeout.toMillis();
    while (true) {
      long n = count;
      long now = System.currentTimeMillis();
      if (n >= expected || now > deadline || (lastGrowthMs > 0 && now - lastGrowthMs > 60_000)) {
        drainedAtMs = lastGrowthMs;
        return n;
      }
      Thread.sleep(500);
    }
  }

  /** When the stored count last grew (epoch ms). */
  long drainedAtMs() {
    return drainedAtMs;
  }

  void stop() throws InterruptedException {
    running = false;
    thread.join(5000);
  }

  long count() {
    return count;
  }

  double steadyRate() {
    long millis = lastGrowthMs - firstGrowthMs;
    return millis <= 0 ? Double.NaN : (count - firstGrowthCount) * 1000.0 / millis;
  }
}
