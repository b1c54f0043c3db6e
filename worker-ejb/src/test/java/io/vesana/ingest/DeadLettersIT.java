package io.vesana.ingest;

import static io.vesana.ingest.IngestFixture.await;
import static io.vesana.ingest.IngestFixture.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The admin service on a real dead-letter stream, filled by the real pipeline. */
class DeadLettersIT {

  IngestFixture fx;
  DeadLetters deadLetters;
  long tenant;
  Instant t0 = Instant.now().minus(5, ChronoUnit.MINUTES);

  @BeforeEach
  void setUp() throws Exception {
    fx = new IngestFixture();
    deadLetters = new DeadLetters(fx.deadLetters);
    tenant = fx.tenant("acme");
    for (int i = 0; i < 5; i++) {
      fx.collectorEntry(tenant, List.of(result("late-" + i, "Ping", 0, t0.plusSeconds(i))));
    }
    // Unknown hosts are remembered for a fifth of the context TTL; keep that short here.
    fx.start("c1", fx.dataSource(), fx.queue, fx.settings().withContextTtl(Duration.ofMillis(500)));
    await("dead-lettered", Duration.ofSeconds(30), () -> deadLetters.count() == 5);
  }

  @AfterEach
  void tearDown() throws Exception {
    fx.close();
  }

  @Test
  void pagesOldestFirst() {
    List<DeadLetter> first = deadLetters.list(null, 2);
    List<DeadLetter> second = deadLetters.list(first.get(1).id(), 2);
    List<DeadLetter> third = deadLetters.list(second.get(1).id(), 2);
    assertEquals(2, first.size());
    assertEquals(2, second.size());
    assertEquals(1, third.size());
    assertEquals("unknown host 'late-0'", first.get(0).reason());
    assertEquals("unknown host 'late-4'", third.get(0).reason());
    assertEquals(1, first.get(0).deliveries());
    assertFalse(first.get(0).fields().containsKey("reason"), "fields are the replayable entry");
  }

  @Test
  void replayStoresOnceTheHostExists() throws Exception {
    long host = fx.host(tenant, "late-0");
    fx.service(tenant, host, "Ping", 3);
    String id = deadLetters.list(null, 1).get(0).id();
    Thread.sleep(200);

    assertTrue(deadLetters.replay(id).isPresent());
    await("stored", Duration.ofSeconds(30), () -> fx.stats.stored.sum() == 1);
    assertEquals(1, fx.count("SELECT count(*) FROM check_results WHERE service_id IS NOT NULL"));
    assertEquals(4, deadLetters.count());
    assertTrue(deadLetters.replay(id).isEmpty(), "gone after replay");
  }

  @Test
  void deleteRemovesOne() {
    String id = deadLetters.list(null, 1).get(0).id();
    assertTrue(deadLetters.delete(id));
    assertFalse(deadLetters.delete(id));
    assertEquals(4, deadLetters.count());
  }
}
