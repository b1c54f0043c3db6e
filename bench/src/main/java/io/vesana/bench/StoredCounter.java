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
   * After the load: waits until the exact count of the tenant's rows reaches {@code expected}, or
   * stops growing for 30 s, or the timeout passes. Returns the exact count and records when the
   * last row arrived. (The insert counters can lag while a backend stays busy, so the drain is
   * judged on count(*), which no longer competes with a running load.)
   */
  long awaitDrain(long tenantId, long expected, Duration timeout)
      throws InterruptedException, SQLException {
    long deadline = System.currentTimeMillis() + timeout.toMillis();
    try (Connection c =
            DriverManager.getConnection(options.dbUrl(), options.dbUser(), options.dbPassword());
        PreparedStatement ps =
            c.prepareStatement("SELECT count(*) FROM check_results WHERE tenant_id = ?")) {
      ps.setLong(1, tenantId);
      long last = -1;
      long lastChange = System.currentTimeMillis();
      while (true) {
        long n;
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          n = rs.getLong(1);
        }
        long now = System.currentTimeMillis();
        if (n != last) {
          last = n;
          lastChange = now;
          drainedAtMs = now;
        }
        if (n >= expected || now > deadline || now - lastChange > 30_000) {
          return n;
        }
        Thread.sleep(1000);
      }
    }
  }

  /** When the exact count last grew during the drain (epoch ms). */
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
