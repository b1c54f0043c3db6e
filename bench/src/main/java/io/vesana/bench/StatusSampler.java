package io.vesana.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Receive → current_status latency, measured while the load runs: one service of every tenth host
 * is watched by polling its current_status row every 250 ms (primary-key lookups, no snapshot held
 * between polls). When a row shows a new last_check_at, the latency is the time from the start of
 * the HTTP request that carried that result to the poll that first saw it committed: an upper
 * bound, by at most the poll interval. (Reading check_results.received_at afterwards would need a
 * join over millions of fresh rows, and a long query holding its snapshot stops PostgreSQL from
 * pruning current_status, which is exactly what is being measured.)
 */
final class StatusSampler {

  static final int HOST_STRIDE = 10;
  private static final long POLL_MS = 250;

  final LatencyRecorder latency = new LatencyRecorder();
  private final BenchOptions options;
  private final BenchFixture fixture;

  /** Send start (epoch ms) by watched host index and checked_at (epoch ms). */
  private final Map<Long, Long> sentAt = new ConcurrentHashMap<>();

  private volatile boolean running = true;
  private Thread thread;

  StatusSampler(BenchOptions options, BenchFixture fixture) {
    this.options = options;
    this.fixture = fixture;
  }

  static boolean watched(int host) {
    return host % HOST_STRIDE == 0;
  }

  /** Called by a sender just before it sends a watched host's batch. */
  void sending(int host, long checkedAtMs, long startEpochMs) {
    sentAt.put(key(host, checkedAtMs), startEpochMs);
  }

  /** The batch was refused (or failed): its results will never show, and must not count. */
  void refused(int host, long checkedAtMs) {
    sentAt.remove(key(host, checkedAtMs));
  }

  private static long key(int host, long checkedAtMs) {
    return checkedAtMs * 100_000L + host;
  }

  void start() throws SQLException {
    Map<Long, Integer> hostOfService = watchedServices();
    thread = new Thread(() -> poll(hostOfService), "status-sampler");
    thread.setDaemon(true);
    thread.start();
  }

  /** The watched service (index host % services) of every watched host, by service id. */
  private Map<Long, Integer> watchedServices() throws SQLException {
    Map<String, Integer> hostIndex = new HashMap<>();
    for (int h = 0; h < fixture.hostNames.size(); h += HOST_STRIDE) {
      hostIndex.put(fixture.hostNames.get(h), h);
    }
    Map<Long, Integer> out = new HashMap<>();
    try (Connection c = connect();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT hs.id, h.name, hs.name FROM host_services hs JOIN hosts h"
                    + " ON h.tenant_id = hs.tenant_id AND h.id = hs.host_id"
                    + " WHERE hs.tenant_id = ?")) {
      ps.setLong(1, fixture.tenantId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Integer h = hostIndex.get(rs.getString(2));
          if (h != null
              && rs.getString(3)
                  .equals(fixture.serviceNames.get(h % fixture.serviceNames.size()))) {
            out.put(rs.getLong(1), h);
          }
        }
      }
    }
    return out;
  }

  private void poll(Map<Long, Integer> hostOfService) {
    Map<Long, Long> lastSeen = new HashMap<>();
    List<Long> ids = new ArrayList<>(hostOfService.keySet());
    try (Connection c = connect();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT service_id, last_check_at FROM current_status"
                    + " WHERE tenant_id = ? AND service_id = ANY (?)")) {
      ps.setLong(1, fixture.tenantId);
      ps.setArray(2, c.createArrayOf("bigint", ids.toArray()));
      while (running) {
        try (ResultSet rs = ps.executeQuery()) {
          long now = System.currentTimeMillis();
          while (rs.next()) {
            Timestamp t = rs.getTimestamp(2);
            if (t == null) {
              continue;
            }
            long service = rs.getLong(1);
            long checked = t.getTime();
            Long previous = lastSeen.put(service, checked);
            if (previous == null || previous != checked) {
              Long sent = sentAt.remove(key(hostOfService.get(service), checked));
              if (sent != null) {
                latency.record((now - sent) * 1000);
              }
            }
          }
        }
        Thread.sleep(POLL_MS);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("sampling current_status failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(options.dbUrl(), options.dbUser(), options.dbPassword());
  }

  /**
   * Accepted results of watched hosts never seen in current_status: superseded by a newer result of
   * the same service before a poll saw them (when the worker runs more than an interval behind).
   */
  int unseen() {
    return sentAt.size();
  }

  void stop() throws InterruptedException {
    running = false;
    if (thread != null) {
      thread.join(5000);
    }
  }
}
