package io.vesana.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The push-pipeline benchmark, against a running system (start it with {@code
 * server-config/bin/vesana start}): simulated agents push check results to the receiver, the
 * workers store them, and this program counts what reached PostgreSQL. In the same run it measures
 * the ceiling, a raw COPY of the same rows into the same table. Prints numbers; asserts nothing.
 *
 * <p>{@code bench/run [--mode quick|soak] [--hosts 2000] [--services 50] [--interval-ms 2000]
 * [--senders 48] [--warmup-rounds 1] [--receiver URL] [--db JDBC-URL] [--db-user U] [--db-password
 * P]}
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

      long warmedUp = warmUp(o, c, fixture);
      long start = System.currentTimeMillis() + 1000;
      StoredCounter stored = new StoredCounter(o);
      stored.start();
      StatusSampler sampler = new StatusSampler(o, fixture);
      sampler.start();
      LoadGenerator load = new LoadGenerator(o, fixture, sampler);
      long end = load.run(start);
      long accepted = load.acceptedResults.get();
      long counted = stored.awaitDrain(accepted, o.drainTimeout());
      stored.stop();
      sampler.stop();
      if (counted < accepted) {
        System.out.printf(
            Locale.ROOT,
            "WARNING: drain stopped with %,d results not yet counted (timeout or 60 s without"
                + " progress); the exact count below decides what is lost%n",
            accepted - counted);
      }
      report(o, c, fixture, load, stored, sampler, ceiling, start, end, warmedUp);
    } finally {
      fixture.drop(o.dbUrl(), o.dbUser(), o.dbPassword());
    }
  }

  /**
   * The unmeasured warm-up rounds: sent, then waited for until every accepted result is stored.
   * Returns how many results it stored (taken off the stored count of the measured run).
   */
  private static long warmUp(BenchOptions o, Connection c, BenchFixture fixture) throws Exception {
    if (o.warmupRounds() == 0) {
      return 0;
    }
    long began = System.currentTimeMillis();
    LoadGenerator warm = new LoadGenerator(o, fixture, new StatusSampler(o, fixture));
    warm.runRounds(began + 1000, o.warmupRounds());
    long accepted = warm.acceptedResults.get();
    long deadline = System.currentTimeMillis() + o.drainTimeout().toMillis();
    long stored = storedRows(c, fixture.tenantId);
    while (stored < accepted && System.currentTimeMillis() < deadline) {
      Thread.sleep(500);
      stored = storedRows(c, fixture.tenantId);
    }
    System.out.printf(
        Locale.ROOT,
        "warm-up: %d round(s), %,d results accepted, %,d stored in %.1f s (first results create"
            + " every service's status row and fill the caches); not in the numbers below%n",
        o.warmupRounds(),
        accepted,
        stored,
        (System.currentTimeMillis() - began) / 1000.0);
    return stored;
  }

  private static void report(
      BenchOptions o,
      Connection c,
      BenchFixture f,
      LoadGenerator load,
      StoredCounter stored,
      StatusSampler sampler,
      CopyCeiling.Result ceiling,
      long start,
      long end,
      long warmedUp)
      throws SQLException {
    // The primary key (tenant_id, service_id, checked_at) makes a duplicate row impossible: the
    // exact count is the number of distinct results stored.
    long distinct = storedRows(c, f.tenantId) - warmedUp;
    long accepted = load.acceptedResults.get();
    double loadSeconds = (end - start) / 1000.0;
    double storedPerSecond = stored.steadyRate();
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
        "receive->current_status  p50 %.0f ms  p95 %.0f ms  p99 %.0f ms (%,d results of every"
            + " %dth host, polled every 250 ms; %,d superseded before seen)%n",
        sampler.latency.percentileMs(50),
        sampler.latency.percentileMs(95),
        sampler.latency.percentileMs(99),
        sampler.latency.count(),
        StatusSampler.HOST_STRIDE,
        sampler.unseen());
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
}
