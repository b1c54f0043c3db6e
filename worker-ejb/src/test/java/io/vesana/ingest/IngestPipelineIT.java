package io.vesana.ingest;

import static io.vesana.ingest.IngestFixture.await;
import static io.vesana.ingest.IngestFixture.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vesana.alerts.AlertTransition;
import io.vesana.contract.IngestStream;
import jakarta.json.JsonObjectBuilder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XClaimParams;

/** The core pipeline against real PostgreSQL and Redis, one database and key prefix per test. */
class IngestPipelineIT {

  static final Duration WAIT = Duration.ofSeconds(30);

  IngestFixture fx;
  long tenant;
  long web;
  long cpu;
  long disk;
  Instant t0 = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);

  @BeforeEach
  void setUp() throws Exception {
    fx = new IngestFixture();
    tenant = fx.tenant("acme");
    web = fx.host(tenant, "web-1");
    cpu = fx.service(tenant, web, "CPU", 3);
    disk = fx.service(tenant, web, "Disk /", 3);
  }

  @AfterEach
  void tearDown() throws Exception {
    fx.close();
  }

  private Instant t(int seconds) {
    return t0.plusSeconds(seconds);
  }

  /** Three CRITICALs (max attempts 3) then OK for CPU; OKs for the disk, in four entries. */
  private int writeEpisode() {
    fx.collectorEntry(
        tenant, List.of(result("web-1", "CPU", 2, t(60)), result("WEB-1", "disk /", 0, t(60))));
    fx.collectorEntry(
        tenant, List.of(result("web-1", "CPU", 2, t(120)), result("web-1", "Disk /", 0, t(120))));
    fx.collectorEntry(
        tenant, List.of(result("web-1", "CPU", 2, t(180)), result("web-1", "Disk /", 0, t(180))));
    fx.collectorEntry(
        tenant, List.of(result("web-1", "CPU", 0, t(240)), result("web-1", "Disk /", 0, t(240))));
    return 8;
  }

  @Test
  void storesEveryResultOnceAndOpensThenResolvesTheAlert() throws Exception {
    // One result per entry would make a batch per entry; write first, then start: one batch.
    int results = writeEpisode();
    fx.start("c1");
    await("drained", WAIT, fx::drained);

    assertEquals(
        results, fx.count("SELECT count(*) FROM check_results WHERE tenant_id = ?", tenant));
    assertEquals(results, fx.stats.stored.sum());
    // Acknowledged entries leave the stream; otherwise it would grow until Redis refuses writes.
    assertEquals(0, fx.queue.length(), "entries left in the stream after their ack");
    assertEquals(0, fx.count("SELECT state FROM current_status WHERE service_id = ?", cpu));
    assertEquals(
        t(240).toEpochMilli(),
        fx.count(
            "SELECT (extract(epoch FROM last_check_at) * 1000)::bigint FROM current_status"
                + " WHERE service_id = ?",
            cpu));
    // OK→CRITICAL soft, CRITICAL soft→hard, CRITICAL→OK hard.
    assertEquals(3, fx.count("SELECT count(*) FROM state_changes WHERE service_id = ?", cpu));
    assertEquals(0, fx.count("SELECT count(*) FROM state_changes WHERE service_id = ?", disk));
    assertEquals(
        1,
        fx.count(
            "SELECT count(*) FROM alerts WHERE service_id = ? AND resolved_at IS NOT NULL", cpu));
    assertEquals(
        2, fx.count("SELECT count(*) FROM alert_events WHERE kind IN ('opened', 'resolved')"));
    assertEquals(
        List.of(AlertTransition.Kind.OPENED, AlertTransition.Kind.RESOLVED),
        fx.notified.stream().map(AlertTransition::kind).toList());
    assertEquals(
        3,
        fx.count(
            "SELECT attempt FROM check_results WHERE service_id = ? AND state = 2"
                + " ORDER BY checked_at DESC LIMIT 1",
            cpu));
    assertEquals(
        4,
        fx.count(
            "SELECT count(*) FROM check_results WHERE service_id = ? AND perfdata @>"
                + " '{\"metrics\":[{\"label\":\"size\",\"value\":12288,\"uom\":\"B\"}]}'",
            disk));
  }

  @Test
  void openAlertStaysOpenWhileHard() throws Exception {
    writeEpisode();
    fx.start("c1");
    await("drained", WAIT, fx::drained);
    fx.collectorEntry(tenant, List.of(result("web-1", "CPU", 2, t(300))));
    await("drained", WAIT, () -> fx.stats.stored.sum() == 9);
    // A single CRITICAL after OK is soft: no new alert.
    assertEquals(1, fx.count("SELECT count(*) FROM alerts WHERE service_id = ?", cpu));
    assertEquals(0, fx.count("SELECT state_type FROM current_status WHERE service_id = ?", cpu));
  }

  @Test
  void replayAfterCrashBeforeAckChangesNothing() throws Exception {
    int results = writeEpisode();
    CrashBeforeAck crashing = new CrashBeforeAck(fx.queue);
    IngestSettings s = fx.settings();
    fx.queue.ensureGroup();
    List<QueuedEntry> batch = fx.queue.readNew("c1", 100, 100);
    try {
      fx.pipeline(fx.dataSource(), crashing, s).process(batch);
    } catch (IllegalStateException expected) {
      // the "crash": committed, not acknowledged
    }
    assertEquals(results, fx.count("SELECT count(*) FROM check_results"));
    assertEquals(4, fx.pending());
    long changes = fx.count("SELECT count(*) FROM state_changes");
    long events = fx.count("SELECT count(*) FROM alert_events");

    fx.start("c1"); // same consumer name, as after a restart: its pending entries come first
    await("drained", WAIT, fx::drained);

    assertEquals(results, fx.count("SELECT count(*) FROM check_results"));
    assertEquals(changes, fx.count("SELECT count(*) FROM state_changes"));
    assertEquals(events, fx.count("SELECT count(*) FROM alert_events"));
    assertEquals(1, fx.count("SELECT count(*) FROM alerts"));
    assertEquals(0, fx.count("SELECT state FROM current_status WHERE service_id = ?", cpu));
  }

  @Test
  void unknownHostsAndForeignHostsAreDeadLetteredAndTheRestIsStored() throws Exception {
    long db = fx.host(tenant, "db-1");
    fx.service(tenant, db, "CPU", 3);
    long agentToken = fx.agentFor(tenant, web);
    fx.collectorEntry(
        tenant,
        List.of(
            result("web-1", "CPU", 0, t(1)),
            result("nope", "CPU", 0, t(1)),
            result("web-1", "nothing", 0, t(1))));
    fx.xadd(
        fx.fields(
            tenant,
            IngestStream.SOURCE_AGENT,
            agentToken,
            List.of(result("web-1", "Disk /", 0, t(1)), result("db-1", "CPU", 0, t(1)))));
    fx.start("c1");
    await("drained", WAIT, fx::drained);

    assertEquals(2, fx.count("SELECT count(*) FROM check_results"));
    List<DeadLetter> letters = new DeadLetters(fx.deadLetters).list(null, 10);
    assertEquals(
        List.of(
            "unknown host 'nope'",
            "unknown service 'nothing' on host 'web-1'",
            "host not owned by agent"),
        letters.stream().map(DeadLetter::reason).toList());
    assertTrue(letters.get(0).fields().get(IngestStream.F_BODY).contains("\"nope\""));
    assertEquals(3, fx.stats.deadLetters.sum());
    assertEquals(
        1,
        fx.count(
            "SELECT count(*) FROM agent_tokens WHERE id = ? AND last_used_at IS NOT NULL",
            agentToken),
        "the agent token's last use is recorded");
  }

  @Test
  void autoCreatesServicesWhenTheProfileAllows() throws Exception {
    long profile = fx.profile(tenant, "linux", true);
    fx.host(tenant, "app-1", profile);
    fx.collectorEntry(tenant, List.of(result("app-1", "Uptime", 0, t(1))));
    fx.start("c1");
    await("drained", WAIT, fx::drained);
    assertEquals(
        1,
        fx.count("SELECT count(*) FROM host_services WHERE name = 'Uptime' AND kind = 'passive'"));
    assertEquals(1, fx.count("SELECT count(*) FROM check_results"));
  }

  @Test
  void undecodableAndUnpartitionedEntriesAreDeadLetteredAlone() throws Exception {
    fx.collectorEntry(tenant, List.of(result("web-1", "CPU", 0, t(1))));
    Map<String, String> garbage = fx.fields(tenant, "collector", 1, List.of());
    garbage.put(IngestStream.F_BODY, "{\"results\":[{\"host\":");
    fx.xadd(garbage);
    // No partition for 2001: SQLSTATE 23514, a permanent data error.
    fx.collectorEntry(
        tenant, List.of(result("web-1", "Disk /", 0, Instant.parse("2001-01-01T00:00:00Z"))));
    fx.collectorEntry(tenant, List.of(result("web-1", "Disk /", 0, t(2))));
    fx.start("c1");
    await("drained", WAIT, fx::drained);

    assertEquals(2, fx.count("SELECT count(*) FROM check_results"));
    List<DeadLetter> letters = new DeadLetters(fx.deadLetters).list(null, 10);
    assertEquals(2, letters.size());
    assertTrue(letters.get(0).reason().startsWith("undecodable"), letters.get(0).reason());
    assertTrue(letters.get(1).reason().startsWith("SQLSTATE 23514"), letters.get(1).reason());
  }

  @Test
  void entryDeliveredTooOftenIsDeadLetteredUnprocessed() throws Exception {
    fx.queue.ensureGroup();
    String id = fx.collectorEntry(tenant, List.of(result("web-1", "CPU", 2, t(1))));
    fx.queue.readNew("doomed", 10, 100);
    // Five consumers died on it: what a crash-looping poison entry looks like in the group.
    fx.redis.xclaimJustId(
        fx.prefix + IngestStream.STREAM,
        IngestStream.CONSUMER_GROUP,
        "doomed",
        0,
        XClaimParams.xClaimParams().retryCount(5),
        new StreamEntryID(id));
    fx.start("c1", fx.dataSource(), fx.queue, fx.settings().withClaimIdle(Duration.ofMillis(200)));
    await("drained", WAIT, fx::drained);

    assertEquals(0, fx.count("SELECT count(*) FROM check_results"));
    List<DeadLetter> letters = new DeadLetters(fx.deadLetters).list(null, 10);
    assertEquals(1, letters.size());
    assertEquals("delivered 6 times without success", letters.get(0).reason());
    assertEquals(6, letters.get(0).deliveries());
  }

  @Test
  void deadConsumersPendingEntriesAreClaimed() throws Exception {
    fx.queue.ensureGroup();
    int results = writeEpisode();
    assertEquals(4, fx.queue.readNew("dead", 100, 100).size());
    fx.start(
        "alive", fx.dataSource(), fx.queue, fx.settings().withClaimIdle(Duration.ofMillis(300)));
    await("drained", WAIT, fx::drained);
    assertEquals(results, fx.count("SELECT count(*) FROM check_results"));
    assertEquals(1, fx.count("SELECT count(*) FROM alerts"));
  }

  @Test
  void nothingIsAcknowledgedWhilePostgresIsDownAndAllIsStoredAfter() throws Exception {
    SwitchableDataSource ds = new SwitchableDataSource(fx.dataSource(), fx.db.user());
    ds.down();
    int results = writeEpisode();
    fx.start("c1", ds, fx.queue, fx.settings());
    await("retries", WAIT, () -> fx.stats.retries.sum() >= 3);
    assertEquals(4, fx.pending(), "every entry still pending");
    assertEquals(0, fx.stats.processed.sum());
    ds.up();
    await("drained", WAIT, fx::drained);
    assertEquals(results, fx.count("SELECT count(*) FROM check_results"));
    assertEquals(0, fx.stats.deadLetters.sum());
  }

  @Test
  void optimisticStatusUpdateThatLosesARaceRunsAgainLockedAndKeepsTheNewerStatus()
      throws Exception {
    fx.collectorEntry(tenant, List.of(result("web-1", "CPU", 0, t(60))));
    fx.start("c1");
    await("first result stored", WAIT, () -> fx.stats.stored.sum() == 1);
    try (Connection other = fx.dataSource().getConnection()) {
      // "Another worker" stores a newer CPU status and holds the row until it commits.
      other.setAutoCommit(false);
      try (PreparedStatement ps =
          other.prepareStatement(
              "UPDATE current_status SET state = 1, last_check_at = ?, output = 'other worker'"
                  + " WHERE tenant_id = ? AND service_id = ?")) {
        ps.setTimestamp(1, java.sql.Timestamp.from(t(300)));
        ps.setLong(2, tenant);
        ps.setLong(3, cpu);
        assertEquals(1, ps.executeUpdate());
      }
      // An older (t 120) CRITICAL: new for the snapshot the worker reads, stale once it commits.
      fx.collectorEntry(tenant, List.of(result("web-1", "CPU", 2, t(120))));
      await(
          "worker waits for the row lock",
          WAIT,
          () ->
              uncheckedCount(
                      "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                          + " AND wait_event_type = 'Lock'")
                  == 1);
      other.commit();
    }
    await("second result stored", WAIT, () -> fx.stats.stored.sum() == 2);
    assertEquals(1, fx.stats.contended.sum(), "the optimistic attempt lost and ran again");
    assertEquals(
        1,
        fx.count(
            "SELECT count(*) FROM current_status WHERE service_id = ? AND state = 1"
                + " AND output = 'other worker'",
            cpu),
        "the newer status is kept");
    assertEquals(
        2, fx.count("SELECT count(*) FROM check_results WHERE service_id = ?", cpu), "history");
    assertEquals(
        0,
        fx.count("SELECT count(*) FROM state_changes WHERE service_id = ? AND new_state = 2", cpu),
        "the stale CRITICAL changed no state");
  }

  private long uncheckedCount(String sql) {
    try {
      return fx.count(sql);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void backendKilledMidStreamLosesNothing() throws Exception {
    fx.start("c1");
    List<JsonObjectBuilder> some = new ArrayList<>();
    int n = 0;
    for (int round = 0; round < 40; round++) {
      some.clear();
      some.add(result("web-1", "CPU", 0, t(round)));
      some.add(result("web-1", "Disk /", 0, t(round)));
      fx.collectorEntry(tenant, some);
      n += 2;
      if (round % 10 == 5) {
        fx.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                + " WHERE datname = current_database() AND pid <> pg_backend_pid()");
      }
      Thread.sleep(10);
    }
    await("drained", WAIT, fx::drained);
    assertEquals(n, fx.count("SELECT count(*) FROM check_results"));
  }

  /** The real queue, except that acknowledging "crashes" the process. */
  static final class CrashBeforeAck implements IngestQueue {
    private final IngestQueue real;

    CrashBeforeAck(IngestQueue real) {
      this.real = real;
    }

    @Override
    public void ensureGroup() {
      real.ensureGroup();
    }

    @Override
    public String append(Map<String, String> fields) {
      return real.append(fields);
    }

    @Override
    public List<QueuedEntry> readNew(String consumer, int count, int blockMs) {
      return real.readNew(consumer, count, blockMs);
    }

    @Override
    public List<QueuedEntry> readOwnPending(String consumer, String afterId, int count) {
      return real.readOwnPending(consumer, afterId, count);
    }

    @Override
    public List<QueuedEntry> claimIdle(String consumer, long minIdleMs, int count) {
      return real.claimIdle(consumer, minIdleMs, count);
    }

    @Override
    public void touch(String consumer, Collection<String> ids) {
      real.touch(consumer, ids);
    }

    @Override
    public void ack(Collection<String> ids) {
      throw new IllegalStateException("crash before ack");
    }

    @Override
    public void deadLetter(Map<String, String> fields, String reason, long deliveries) {
      real.deadLetter(fields, reason, deliveries);
    }

    @Override
    public long length() {
      return real.length();
    }

    @Override
    public long lag() {
      return real.lag();
    }
  }
}
