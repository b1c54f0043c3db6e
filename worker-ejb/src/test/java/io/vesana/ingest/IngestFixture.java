package io.vesana.ingest;

import io.vesana.contract.IngestStream;
import io.vesana.redis.RedisDeadLetterQueue;
import io.vesana.redis.RedisIngestQueue;
import io.vesana.testing.TestDatabase;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.ScanParams;

/**
 * A migrated database of its own and a Redis key prefix of its own, with helpers to create
 * inventory, write stream entries the way the receiver does, and run the real pipeline.
 */
final class IngestFixture implements AutoCloseable {

  final TestDatabase db = TestDatabase.createMigrated();
  final JedisPooled redis =
      new JedisPooled(
          URI.create(System.getProperty("vesana.test.redis.url", "redis://127.0.0.1:6379")));
  final String prefix = "vesana-it-" + UUID.randomUUID().toString().substring(0, 8) + ":";
  final RedisIngestQueue queue = new RedisIngestQueue(redis, prefix);
  final RedisDeadLetterQueue deadLetters = new RedisDeadLetterQueue(redis, prefix);
  final IngestStats stats = new IngestStats();
  final List<io.vesana.alerts.AlertTransition> notified =
      java.util.Collections.synchronizedList(new ArrayList<>());
  private final List<IngestConsumerLoop> loops = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();

  DataSource dataSource() {
    return db.dataSource();
  }

  IngestSettings settings() {
    return IngestSettings.defaults()
        .withBackoff(Duration.ofMillis(50), Duration.ofMillis(400))
        .withClaimIdle(Duration.ofSeconds(60));
  }

  IngestPipeline pipeline(DataSource ds, IngestQueue q, IngestSettings s) {
    return new IngestPipeline(ds, q, s, stats, notified::add);
  }

  /** Starts a consumer loop on its own thread; stopped by {@link #close()}. */
  IngestConsumerLoop start(String consumer, DataSource ds, IngestQueue q, IngestSettings s) {
    IngestConsumerLoop loop = new IngestConsumerLoop(consumer, q, pipeline(ds, q, s), s, stats);
    Thread t = new Thread(loop, "it-" + consumer);
    loops.add(loop);
    threads.add(t);
    t.start();
    return loop;
  }

  IngestConsumerLoop start(String consumer) {
    return start(consumer, dataSource(), queue, settings());
  }

  void stopAll() throws InterruptedException {
    loops.forEach(IngestConsumerLoop::stop);
    for (Thread t : threads) {
      t.join(10_000);
    }
    loops.clear();
    threads.clear();
  }

  static void await(String what, Duration limit, BooleanSupplier condition)
      throws InterruptedException {
    long until = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - until > 0) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(20);
    }
  }

  /** Nothing undelivered and nothing pending in the group. */
  boolean drained() {
    return queue.lag() == 0 && pending() == 0;
  }

  long pending() {
    return redis.xpending(prefix + IngestStream.STREAM, IngestStream.CONSUMER_GROUP).getTotal();
  }

  // Inventory -----------------------------------------------------------------------------------

  long tenant(String slug) throws SQLException {
    return id("INSERT INTO tenants (slug, name) VALUES (?, ?) RETURNING id", slug, slug);
  }

  long host(long tenant, String name) throws SQLException {
    return id("INSERT INTO hosts (tenant_id, name) VALUES (?, ?) RETURNING id", tenant, name);
  }

  long host(long tenant, String name, long profile) throws SQLException {
    return id(
        "INSERT INTO hosts (tenant_id, name, profile_id) VALUES (?, ?, ?) RETURNING id",
        tenant,
        name,
        profile);
  }

  long profile(long tenant, String name, boolean autoCreate) throws SQLException {
    return id(
        "INSERT INTO profiles (tenant_id, name, auto_create_services) VALUES (?, ?, ?) RETURNING id",
        tenant,
        name,
        autoCreate);
  }

  long service(long tenant, long host, String name, int maxAttempts) throws SQLException {
    return id(
        "INSERT INTO host_services (tenant_id, host_id, name, kind, settings, max_check_attempts)"
            + " VALUES (?, ?, ?, 'passive', '{}', ?) RETURNING id",
        tenant,
        host,
        name,
        (short) maxAttempts);
  }

  /** An agent token linked to {@code host}; returns the token id (the entry's cred). */
  long agentFor(long tenant, long host) throws SQLException, NoSuchAlgorithmException {
    byte[] hash =
        MessageDigest.getInstance("SHA-256")
            .digest(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
    long token =
        id(
            "INSERT INTO agent_tokens (tenant_id, token_hash, display_prefix) VALUES (?, ?, ?)"
                + " RETURNING id",
            tenant,
            hash,
            "vesana_agent_x");
    id(
        "INSERT INTO agents (tenant_id, host_id, token_id) VALUES (?, ?, ?) RETURNING id",
        tenant,
        host,
        token);
    return token;
  }

  long id(String sql, Object... args) throws SQLException {
    try (Connection c = dataSource().getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  long count(String sql, Object... args) throws SQLException {
    return id(sql, args);
  }

  void execute(String sql) throws SQLException {
    try (Connection c = dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  // Stream entries ------------------------------------------------------------------------------

  static JsonObjectBuilder result(String host, String service, int state, Instant checkedAt) {
    return Json.createObjectBuilder()
        .add("host", host)
        .add("service", service)
        .add("state", state)
        .add("output", "state " + state)
        .add("perfdata", "time=0.0123s;1;2;0 size=12KB")
        .add("checked_at", checkedAt.toEpochMilli());
  }

  Map<String, String> fields(
      long tenant, String source, long cred, List<JsonObjectBuilder> results) {
    JsonArrayBuilder array = Json.createArrayBuilder();
    results.forEach(array::add);
    Map<String, String> f = new HashMap<>();
    f.put(IngestStream.F_VERSION, IngestStream.FORMAT_VERSION);
    f.put(IngestStream.F_KIND, IngestStream.KIND_RESULTS);
    f.put(IngestStream.F_TENANT, Long.toString(tenant));
    f.put(IngestStream.F_SOURCE, source);
    f.put(IngestStream.F_CREDENTIAL, Long.toString(cred));
    f.put(IngestStream.F_RECEIVED, Long.toString(System.currentTimeMillis()));
    f.put(IngestStream.F_BODY, Json.createObjectBuilder().add("results", array).build().toString());
    return f;
  }

  String xadd(Map<String, String> fields) {
    return redis.xadd(prefix + IngestStream.STREAM, StreamEntryID.NEW_ENTRY, fields).toString();
  }

  String collectorEntry(long tenant, List<JsonObjectBuilder> results) {
    return xadd(fields(tenant, IngestStream.SOURCE_COLLECTOR, 1, results));
  }

  @Override
  public void close() throws Exception {
    stopAll();
    String cursor = ScanParams.SCAN_POINTER_START;
    do {
      var page = redis.scan(cursor, new ScanParams().match(prefix + "*").count(100));
      page.getResult().forEach(redis::del);
      cursor = page.getCursor();
    } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
    redis.close();
    db.close();
  }
}
