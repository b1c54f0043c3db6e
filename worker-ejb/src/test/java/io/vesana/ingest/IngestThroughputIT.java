package io.vesana.ingest;

import static io.vesana.ingest.IngestFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Sanity numbers, not a benchmark: 100k results (200 hosts × 50 services × 10 rounds, one entry per
 * host and round, as an agent sends them) through the core with 1 and then 2 consumer threads.
 * Prints rows/s; asserts only that every result was stored exactly once.
 */
class IngestThroughputIT {

  static final int HOSTS = 200;
  static final int SERVICES = 50;
  static final int ROUNDS = 10;

  @Test
  void printsRowsPerSecond() throws Exception {
    Logger.getLogger("io.vesana.ingest").setLevel(Level.SEVERE);
    try (IngestFixture fx = new IngestFixture()) {
      long tenant = fx.tenant("bench");
      fx.execute(
          "INSERT INTO hosts (tenant_id, name) SELECT "
              + tenant
              + ", 'host-' || h"
              + " FROM generate_series(1, "
              + HOSTS
              + ") h");
      fx.execute(
          "INSERT INTO host_services (tenant_id, host_id, name, kind, settings)"
              + " SELECT h.tenant_id, h.id, 'svc-' || s, 'passive', '{}'"
              + " FROM hosts h, generate_series(1, "
              + SERVICES
              + ") s");
      Instant base = Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
      run(fx, tenant, base, 1);
      run(fx, tenant, base.plus(1, ChronoUnit.HOURS), 2);
      assertEquals(2L * HOSTS * SERVICES * ROUNDS, fx.count("SELECT count(*) FROM check_results"));
    }
  }

  private void run(IngestFixture fx, long tenant, Instant base, int threads) throws Exception {
    long before = fx.stats.stored.sum();
    for (int round = 0; round < ROUNDS; round++) {
      for (int h = 1; h <= HOSTS; h++) {
        List<JsonObjectBuilder> results = new ArrayList<>(SERVICES);
        for (int s = 1; s <= SERVICES; s++) {
          results.add(
              Json.createObjectBuilder()
                  .add("host", "host-" + h)
                  .add("service", "svc-" + s)
                  .add("state", (h + s + round) % 17 == 0 ? 2 : 0)
                  .add("output", "OK - load average: 0.15, 0.10, 0.05")
                  .add("perfdata", "load1=0.150;5.000;10.000;0; load5=0.100;4.000;6.000;0;")
                  .add("checked_at", base.plusSeconds(60L * round).toEpochMilli())
                  .add("execution_ms", 12));
        }
        fx.collectorEntry(tenant, results);
      }
    }
    long total = (long) HOSTS * SERVICES * ROUNDS;
    ReusingDataSource pool = new ReusingDataSource(fx.dataSource());
    CpuMeter cpu = new CpuMeter(pool);
    cpu.start();
    long start = System.nanoTime();
    for (int i = 0; i < threads; i++) {
      fx.start("bench-" + threads + "-" + i, pool, fx.queue, fx.settings());
    }
    await("stored", Duration.ofMinutes(5), () -> fx.stats.stored.sum() - before == total);
    double seconds = (System.nanoTime() - start) / 1e9;
    long[] used = cpu.elapsed();
    fx.stopAll();
    pool.close();
    // Printed, never asserted (a test does not assert on wall-clock speed).
    String line =
        String.format(
            Locale.ROOT,
            "ingest throughput: %d results, %d thread(s): %.1f s, %.0f rows/s;"
                + " CPU per result: worker JVM %.1f us, PostgreSQL backends %.1f us",
            total,
            threads,
            seconds,
            total / seconds,
            used[0] / 1e3 / total,
            used[1] / 1e3 / total);
    Logger.getLogger("vesana.bench").info(line);
  }
}
