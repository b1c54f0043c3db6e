package io.vesana.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vesana.contract.IngestStream;
import io.vesana.ingest.internal.JdbcServiceContexts;
import jakarta.json.JsonValue;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Host and service resolution against a real database, with a cache clock the test drives. */
class ServiceContextsIT {

  private static final long TTL = 1_000_000L;

  @Test
  void cacheEntriesExpiringMidBatchNeverTurnKnownHostsOrServicesIntoRejections() throws Exception {
    try (IngestFixture fx = new IngestFixture()) {
      long tenant = fx.tenant("acme");
      long web = fx.host(tenant, "web-1");
      List<IncomingResult> results = new ArrayList<>();
      for (int s = 0; s < 20; s++) {
        fx.service(tenant, web, "svc-" + s, 3);
        results.add(
            new IncomingResult(
                "web-1",
                "svc-" + s,
                0,
                "OK",
                null,
                null,
                Instant.now(),
                null,
                JsonValue.EMPTY_JSON_OBJECT));
      }
      DecodedEntry entry =
          new DecodedEntry(
              new QueuedEntry("1-0", Map.of(), 1),
              tenant,
              IngestStream.SOURCE_COLLECTOR,
              1,
              Instant.now(),
              results);
      // Every cache read moves time on by a third of the TTL: entries keep expiring between any
      // two reads of the same key within one batch.
      AtomicLong clock = new AtomicLong();
      JdbcServiceContexts contexts =
          new JdbcServiceContexts(1000, TTL, () -> clock.addAndGet(TTL / 3));
      try (Connection c = fx.dataSource().getConnection()) {
        for (int batch = 0; batch < 12; batch++) {
          List<ResolvedResult> resolved = new ArrayList<>();
          List<RejectedResult> rejected = new ArrayList<>();
          contexts.resolve(c, List.of(entry), resolved, rejected);
          assertThat(rejected).as("rejections in batch " + batch).isEmpty();
          assertThat(resolved).hasSize(20);
        }
      }
    }
  }

  /**
   * Entries live across batches while nothing changes, and a change is seen once the generations
   * are read again (every ~2 s), not after a TTL: the test's clock stands still except where it
   * jumps past the generation refresh.
   */
  @Test
  void aChangeIsSeenAfterTheNextGenerationReadAndNothingElseExpiresTheCache() throws Exception {
    try (IngestFixture fx = new IngestFixture()) {
      long tenant = fx.tenant("acme");
      long web = fx.host(tenant, "web-1");
      fx.service(tenant, web, "disk", 3);
      AtomicLong clock = new AtomicLong();
      long tenMinutes = 600_000_000_000L;
      JdbcServiceContexts contexts = new JdbcServiceContexts(1000, tenMinutes, clock::get);
      DecodedEntry entry = entry(tenant, "web-1", "disk");
      try (Connection c = fx.dataSource().getConnection()) {
        assertThat(maxAttempts(contexts, c, entry)).isEqualTo(3);

        // A change the triggers do not see (trigger disabled) stays invisible: the cache answers.
        fx.execute("ALTER TABLE host_services DISABLE TRIGGER host_services_cache_generation_upd");
        fx.execute("UPDATE host_services SET max_check_attempts = 7");
        clock.addAndGet(60_000_000_000L);
        assertThat(maxAttempts(contexts, c, entry)).as("cached for minutes").isEqualTo(3);

        // The same change with the trigger on: seen after the generations are read again.
        fx.execute("ALTER TABLE host_services ENABLE TRIGGER host_services_cache_generation_upd");
        fx.execute("UPDATE host_services SET max_check_attempts = 5");
        assertThat(maxAttempts(contexts, c, entry)).as("before the refresh").isEqualTo(3);
        clock.addAndGet(2_000_000_001L);
        assertThat(maxAttempts(contexts, c, entry)).as("after the refresh").isEqualTo(5);

        // A deleted host: its results are rejected after the next refresh.
        fx.execute("DELETE FROM hosts WHERE id = " + web);
        clock.addAndGet(2_000_000_001L);
        List<ResolvedResult> resolved = new ArrayList<>();
        List<RejectedResult> rejected = new ArrayList<>();
        contexts.resolve(c, List.of(entry), resolved, rejected);
        assertThat(resolved).isEmpty();
        assertThat(rejected)
            .extracting(RejectedResult::reason)
            .containsExactly("unknown host 'web-1'");
      }
    }
  }

  private static int maxAttempts(JdbcServiceContexts contexts, Connection c, DecodedEntry entry)
      throws java.sql.SQLException {
    List<ResolvedResult> resolved = new ArrayList<>();
    List<RejectedResult> rejected = new ArrayList<>();
    contexts.resolve(c, List.of(entry), resolved, rejected);
    assertThat(rejected).isEmpty();
    return resolved.get(0).config().maxCheckAttempts();
  }

  private static DecodedEntry entry(long tenant, String host, String service) {
    return new DecodedEntry(
        new QueuedEntry("1-0", Map.of(), 1),
        tenant,
        IngestStream.SOURCE_COLLECTOR,
        1,
        Instant.now(),
        List.of(
            new IncomingResult(
                host,
                service,
                0,
                "OK",
                null,
                null,
                Instant.now(),
                null,
                JsonValue.EMPTY_JSON_OBJECT)));
  }
}
