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
}
