package io.vesana.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The push-pipeline benchmark, against a running system (start it with {@code
 * server-config/bin/vesana start}): simulated agents push check results to the receiver, the
 * workers store them, and this program counts what reached PostgreSQL. In the same run it measures
 * the ceiling, a raw COPY of the same rows into the same table. Prints numbers; asserts nothing.
 *
 * <p>{@code bench/run [--mode quick|soak] [--hosts 2000] [--services 50] [--interval-ms 2000]
 * [--senders 48] [--receiver URL] [--db JDBC-URL] [--db-user U] [--db-password P]}
 */
@SuppressForbidden
public final class PipelineBench {

  private PipelineBench() {}

  public static void main(String[] args) throws Exception {
    BenchOptions options;
    try {
      options = BenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("bench: " + e.getMessage());
      System.exit(2);
      return;
    }
    try (Connection c =
        DriverManager.getConnection(options.dbUrl(), options.dbUser(), options.dbPassword())) {
      run(options, c);
    } catch (SQLException e) {
      System.err.println("bench: database " + options.dbUrl() + ": " + e.getMessage());
      System.exit(1);
    }
  }

  private static void run(BenchOptions o, Connection c) throws Exception {
    System.out.printf(
        Locale.ROOT,
        "mode %s: %d hosts x %d services, one batch per host every %d ms (offered %,d results/s),"
            + " %d s of load, %d senders%n",
        o.mode(),
        o.hosts(),
        o.servicesPerHost(),
        o.interval().toMillis(),
        o.offeredResultsPerSecond(),
        o.duration().toSeconds(),
        o.senders());
    BenchFixture fixture = BenchFixture.create(c, o.hosts(), o.servicesPerHost());
    System.out.printf(Locale.ROOT, "fixture: tenant %s (id %d)%n", fixture.slug, fixture.tenantId);
    try {
      long ceilingRows =
          Math.min(2_000_000L, o.offeredResultsPerSecond() * o.duration().toSeconds());
      CopyCeiling.Result ceiling = CopyCeiling.measure(c, fixture.tenantId, ceilingRows);
      System.out.printf(
          Locale.ROOT,
          "ceiling: COPY %,d rows in %.1f s = %,.0f rows/s%n",
          ceiling.rows(),
          ceiling.seconds(),
          ceiling.rowsPerSecond());

      long start = System.currentTimeMillis() + 1000;
      StoredCounter stored = new StoredCounter(o);
      stored.start();
      LoadGenerator load = new LoadGenerator(o, fixture);
      long end = load.run(start);
      long accepted = load.acceptedResults.get();
      stored.stop();
      long drained = stored.awaitDrain(fixture.tenantId, accepted, o.drainTimeout());
      if (drained < accepted) {
        System.out.printf(
            Locale.ROOT,
            "WARNING: drain stopped with %,d results not yet stored (timeout or 30 s without"
                + " progress); they count as lost below%n",
            accepted - drained);
      }
      report(o, c, fixture, load, stored, ceiling, start, end);
    } finally {
      fixture.drop(o.dbUrl(), o.dbUser(), o.dbPassword());
    }
  }

  private static void report(
      BenchOptions o,
      Connection c,
      BenchFixture f,
      LoadGenerator load,
      StoredCounter stored,
      CopyCeiling.Result ceiling,
      long start,
      long end)
      throws SQLException {
    // The primary key (tenant_id, service_id, checked_at) makes a duplicate row impossible: the
    // exact count is the number of distinct results stored.
    long distinct = storedRows(c, f.tenantId);
    long accepted = load.acceptedResults.get();
    double loadSeconds = (end - start) / 1000.0;
    double storedPerSecond = stored.steadyRate();
    double[] status = statusLatency(c, f.tenantId, start);
    System.out.printf(Locale.ROOT, "sent        %,d results%n", load.sentResults.get());
    System.out.printf(Locale.ROOT, "accepted    %,d%n", accepted);
    System.out.printf(
        Locale.ROOT,
        "refused     %,d (by HTTP status: %s)%n",
        load.refusedResults.get(),
        load.refusedByStatus);
    System.out.printf(
        Locale.ROOT, "failed      %,d (connection errors)%n", load.failedResults.get());
    System.out.printf(Locale.ROOT, "stored      %,d results%n", distinct);
    System.out.printf(
        Locale.ROOT,
        "lost        %,d (accepted but not stored)%n",
        Math.max(0, accepted - distinct));
    System.out.printf(
        Locale.ROOT, "duplicated  0 (impossible by the primary key; replays are ignored)%n");
    System.out.printf(
        Locale.ROOT,
        "unexpected  %,d (stored but never accepted)%n",
        Math.max(0, distinct - accepted));
    System.out.printf(Locale.ROOT, "accepted/s  %,.0f%n", accepted / loadSeconds);
    System.out.printf(
        Locale.ROOT,
        "stored/s    %,.0f (steady state, from insert counters); %,.0f end to end"
            + " (all stored rows / load start to last row)%n",
        storedPerSecond,
        distinct * 1000.0 / Math.max(1, stored.drainedAtMs() - start));
    System.out.printf(
        Locale.ROOT,
        "accept latency  p50 %.1f ms  p95 %.1f ms  p99 %.1f ms (%,d requests)%n",
        load.acceptLatency.percentileMs(50),
        load.acceptLatency.percentileMs(95),
        load.acceptLatency.percentileMs(99),
        load.acceptLatency.count());
    System.out.printf(
        Locale.ROOT,
        "receive->current_status  p50 %.0f ms  p95 %.0f ms  p99 %.0f ms%n",
        status[0],
        status[1],
        status[2]);
    System.out.printf(Locale.ROOT, "sender schedule lag max %,d ms%n", load.maxScheduleLagMs.get());
    System.out.printf(
        Locale.ROOT,
        "ceiling %,.0f rows/s; stored/s is %.0f%% of it (target >= 50%%)%n",
        ceiling.rowsPerSecond(),
        100 * storedPerSecond / ceiling.rowsPerSecond());
  }

  private static long storedRows(Connection c, long tenant) throws SQLException {
    // The ceiling's rows were deleted before the load: every row of the tenant is from the load.
    try (PreparedStatement ps =
        c.prepareStatement("SELECT count(*) FROM check_results WHERE tenant_id = ?")) {
      ps.setLong(1, tenant);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /**
   * p50/p95/p99 in ms of current_status.updated_at - received_at of the newest result, over one
   * service per host (primary-key lookups: a join over every row of the run can take minutes on
   * this machine while the worker is still busy).
   */
  private static double[] statusLatency(Connection c, long tenant, long start) throws SQLException {
    List<Long> services = CopyCeiling.serviceIds(c, tenant);
    int step = Math.max(1, services.size() / 2000);
    List<Long> sample = new ArrayList<>();
    for (int k = 0; k < services.size(); k += step) {
      sample.add(services.get(k));
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT percentile_cont(ARRAY[0.5, 0.95, 0.99]) WITHIN GROUP (ORDER BY"
                + " extract(epoch FROM cs.updated_at - cr.received_at) * 1000)"
                + " FROM current_status cs JOIN LATERAL (SELECT r.received_at FROM check_results r"
                + " WHERE r.tenant_id = cs.tenant_id AND r.service_id = cs.service_id"
                + " AND r.checked_at = cs.last_check_at) cr ON true"
                + " WHERE cs.tenant_id = ? AND cs.service_id = ANY (?) AND cs.last_check_at >= ?")) {
      ps.setLong(1, tenant);
      ps.setArray(2, c.createArrayOf("bigint", sample.toArray()));
      ps.setTimestamp(3, new Timestamp(start - 1000));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        java.sql.Array a = rs.getArray(1);
        if (a == null) {
          return new double[] {Double.NaN, Double.NaN, Double.NaN};
        }
        Double[] v = (Double[]) a.getArray();
        return new double[] {v[0], v[1], v[2]};
      }
    }
  }
}
