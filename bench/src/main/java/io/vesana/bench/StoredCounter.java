package io.vesana.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;

/**
 * Counts the benchmark's rows in check_results once a second from its own connection, and derives
 * the steady stored rate: rows stored between the first and the last second in which the count
 * grew, over that time.
 */
final class StoredCounter {

  private final BenchOptions options;
  private final long tenant;
  private final long since;
  private volatile long count;
  private volatile long firstGrowthMs;
  private volatile long firstGrowthCount;
  private volatile long lastGrowthMs;
  private volatile boolean running = true;
  private Thread thread;

  StoredCounter(BenchOptions options, long tenant, long since) {
    this.options = options;
    this.tenant = tenant;
    this.since = since;
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
                "SELECT count(*) FROM check_results WHERE tenant_id = ? AND checked_at >= ?")) {
      ps.setLong(1, tenant);
      ps.setTimestamp(2, new Timestamp(since - 1000));
      while (running) {
        long now = System.currentTimeMillis();
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          long n = rs.getLong(1);
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

  /** Waits until {@code expected} rows are stored, or nothing new arrived for 15 s, or timeout. */
  void awaitDrain(long expected, Duration timeout) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeout.toMillis();
    while (count < expected && System.currentTimeMillis() < deadline) {
      if (lastGrowthMs > 0 && System.currentTimeMillis() - lastGrowthMs > 15_000) {
        return;
      }
      Thread.sleep(500);
    }
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
