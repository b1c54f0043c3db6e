package io.vesana.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vesana.launcher.backing.DatabaseEndpoint;
import io.vesana.launcher.backing.EmbeddedPostgresServer;
import io.vesana.launcher.backing.EmbeddedRedisServer;
import io.vesana.launcher.components.InstanceSpec;
import io.vesana.launcher.components.PayaraInstance;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole push pipeline as deployed — receiver and worker Payara Micro instances, a private
 * embedded PostgreSQL and Redis — under load, with faults injected: the worker killed with SIGKILL
 * and started again; PostgreSQL stopped and started again; Redis at its memory limit. In every case
 * every result the receiver accepted (202) must end up stored exactly once, and nothing it refused.
 */
class PipelineFaultsIT {

  private static final Path ROOT =
      Path.of(System.getProperty("vesana.root", "..")).toAbsolutePath();
  private static final Duration READY = Duration.ofSeconds(240);
  private static final int HOSTS = 20;
  private static final int SERVICES = 10;

  private Path home;
  private int pgPort;
  private EmbeddedPostgresServer postgres;
  private EmbeddedRedisServer redis;
  private int redisPort;
  private Map<String, String> env;
  private PayaraInstance receiver;
  private PayaraInstance worker;
  private int receiverPort;
  private int workerPort;
  private final List<String> tokens = new ArrayList<>();
  private final AtomicLong accepted = new AtomicLong();
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void system() throws Exception {
    home = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "faults");
    pgPort = TestPorts.free();
    redisPort = TestPorts.free();
    postgres = EmbeddedPostgresServer.start(home, pgPort);
    redis = EmbeddedRedisServer.start(home, redisPort);
    DatabaseEndpoint db = postgres.endpoint();
    env =
        Map.of(
            "VESANA_DB_URL",
            db.jdbcUrl(),
            "VESANA_DB_USER",
            db.user(),
            "VESANA_DB_PASSWORD",
            db.password(),
            "VESANA_REDIS_URL",
            "redis://127.0.0.1:" + redisPort,
            "VESANA_INGEST_CLAIM_IDLE_MS",
            "5000",
            "VESANA_RECEIVER_AUTH_CACHE_TTL_MS",
            "1000");
    receiverPort = TestPorts.free();
    workerPort = TestPorts.free();
    worker = startWorker();
    awaitReady(worker, "worker");
    receiver =
        instance("receiver", receiverPort, "receiver-war/target/vesana-receiver.war", "/ingest");
    receiver.start(env);
    awaitReady(receiver, "receiver");
    createSenders(db);
  }

  @AfterEach
  void stop() throws IOException {
    for (PayaraInstance i : new PayaraInstance[] {receiver, worker}) {
      if (i != null) {
        i.stop(Duration.ofSeconds(20));
      }
    }
    if (redis != null) {
      redis.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void workerKilledUnderLoadLosesNothingAndDuplicatesNothing() throws Exception {
    Thread load = loadThread(300);
    load.start();
    await(() -> accepted.get() >= 100L * SERVICES, Duration.ofSeconds(120), "first third accepted");
    worker.process().orElseThrow().destroyForcibly();
    worker = startWorker();
    awaitReady(worker, "restarted worker");
    load.join(Duration.ofMinutes(5).toMillis());
    assertEveryAcceptedResultStoredOnce();
  }

  @Test
  void postgresRestartUnderLoadLosesNothing() throws Exception {
    Thread load = loadThread(300);
    load.start();
    await(() -> accepted.get() >= 100L * SERVICES, Duration.ofSeconds(120), "first third accepted");
    postgres.close();
    Thread.sleep(5000);
    postgres = EmbeddedPostgresServer.start(home, pgPort);
    load.join(Duration.ofMinutes(5).toMillis());
    assertEveryAcceptedResultStoredOnce();
  }

  /**
   * The worker is stopped, so nothing drains the stream, and Redis may use only a little more
   * memory than it holds: the receiver must refuse whole batches with 503 + Retry-After once Redis
   * says OOM (never part of a batch), and accept again when the restarted worker has drained the
   * stream (acknowledged entries are deleted, which frees the memory).
   */
  @Test
  void redisAtItsMemoryLimitRefusesWholeBatchesAndRecoversWhenDrained() throws Exception {
    worker.stop(Duration.ofSeconds(20));
    long used = Long.parseLong(redisInfoField("used_memory"));
    redisCommand("CONFIG", "SET", "maxmemory-policy", "noeviction");
    redisCommand("CONFIG", "SET", "maxmemory", Long.toString(used + 512 * 1024));
    long base = System.currentTimeMillis();
    HttpResponse<String> refused = null;
    int sent = 0;
    while (refused == null && sent < 5_000) {
      int host = sent % HOSTS;
      HttpResponse<String> r = send(host, batch(host, base + sent));
      sent++;
      if (r.statusCode() == 202) {
        accepted.addAndGet(SERVICES);
      } else {
        refused = r;
      }
    }
    assertThat(refused).as("a refusal before 5,000 batches (512 KiB of room)").isNotNull();
    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(refused.headers().firstValue("Retry-After")).isPresent();
    assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    long acceptedWhileFull = accepted.get();
    // Still full: refused again, nothing more accepted.
    assertThat(send(0, batch(0, base + sent++)).statusCode()).isEqualTo(503);
    worker = startWorker();
    awaitReady(worker, "restarted worker");
    long[] next = {sent};
    await(
        () -> {
          int host = (int) (next[0] % HOSTS);
          boolean ok = post(host, batch(host, base + next[0]++));
          if (ok) {
            accepted.addAndGet(SERVICES);
          }
          return ok;
        },
        Duration.ofSeconds(180),
        "an accepted batch after the worker drained the stream");
    assertThat(accepted.get()).isEqualTo(acceptedWhileFull + SERVICES);
    assertEveryAcceptedResultStoredOnce();
  }

  private HttpResponse<String> send(int host, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + receiverPort + "/ingest/v1/results"))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/json")
            .header("X-Agent-Token", tokens.get(host))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** One command to this test's own Redis over RESP (the system tests carry no Redis client). */
  private String redisCommand(String... args) throws IOException {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", redisPort)) {
      socket.setSoTimeout(10_000);
      StringBuilder cmd = new StringBuilder("*").append(args.length).append("\r\n");
      for (String a : args) {
        cmd.append('$')
            .append(a.getBytes(StandardCharsets.UTF_8).length)
            .append("\r\n")
            .append(a)
            .append("\r\n");
      }
      socket.getOutputStream().write(cmd.toString().getBytes(StandardCharsets.UTF_8));
      socket.getOutputStream().flush();
      java.io.InputStream in = socket.getInputStream();
      String first = readLine(in);
      if (first.startsWith("-")) {
        throw new IOException("redis: " + first);
      }
      if (first.startsWith("$")) {
        int length = Integer.parseInt(first.substring(1));
        byte[] data = in.readNBytes(length + 2);
        return new String(data, 0, length, StandardCharsets.UTF_8);
      }
      return first;
    }
  }

  private String redisInfoField(String field) throws IOException {
    for (String line : redisCommand("INFO", "memory").split("\r\n")) {
      if (line.startsWith(field + ":")) {
        return line.substring(field.length() + 1).trim();
      }
    }
    throw new IOException("no " + field + " in INFO memory");
  }

  private static String readLine(java.io.InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
      if (b != '\r') {
        line.append((char) b);
      }
    }
    return line.toString();
  }

  private void assertEveryAcceptedResultStoredOnce() throws Exception {
    long expected = accepted.get();
    assertThat(expected).as("results accepted by the receiver").isGreaterThan(0);
    await(() -> storedRows()[0] >= expected, Duration.ofSeconds(180), expected + " rows stored");
    long[] rows = storedRows();
    assertThat(rows[1]).as("distinct results stored").isEqualTo(expected);
    assertThat(rows[0]).as("rows stored (duplicates would exceed distinct)").isEqualTo(rows[1]);
  }

  /** Sends {@code batches} batches round-robin over the hosts, counting the accepted results. */
  private Thread loadThread(int batches) {
    return new Thread(
        () -> {
          long base = System.currentTimeMillis();
          for (int b = 0; b < batches; b++) {
            int host = b % HOSTS;
            String body = batch(host, base + b);
            for (int attempt = 0; attempt < 50; attempt++) {
              if (post(host, body)) {
                accepted.addAndGet(SERVICES);
                break;
              }
              sleep(200);
            }
          }
        },
        "load");
  }

  private boolean post(int host, String body) {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + receiverPort + "/ingest/v1/results"))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/json")
            .header("X-Agent-Token", tokens.get(host))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 202;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static String batch(int host, long checkedAtMs) {
    StringBuilder json = new StringBuilder("{\"v\":1,\"results\":[");
    for (int s = 0; s < SERVICES; s++) {
      json.append(s == 0 ? "" : ",")
          .append(
              String.format(
                  Locale.ROOT,
                  "{\"host\":\"host-%02d\",\"service\":\"svc-%02d\",\"state\":%d,\"output\":\"out\","
                      + "\"perfdata\":\"time=0.%03ds;1;2\",\"checked_at\":%d}",
                  host,
                  s,
                  s == 0 ? 2 : 0,
                  s,
                  checkedAtMs));
    }
    return json.append("]}").toString();
  }

  private long[] storedRows() {
    DatabaseEndpoint db = postgres.endpoint();
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT count(*), count(DISTINCT (service_id, checked_at)) FROM check_results");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return new long[] {rs.getLong(1), rs.getLong(2)};
    } catch (SQLException e) {
      return new long[] {-1, -1};
    }
  }

  private void createSenders(DatabaseEndpoint db) throws Exception {
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
      long tenant =
          id(c, "INSERT INTO tenants (slug, name) VALUES ('faults', 'Faults') RETURNING id");
      for (int h = 0; h < HOSTS; h++) {
        String name = String.format(Locale.ROOT, "host-%02d", h);
        long host =
            id(
                c,
                "INSERT INTO hosts (tenant_id, name) VALUES ("
                    + tenant
                    + ", '"
                    + name
                    + "') RETURNING id");
        String token = String.format(Locale.ROOT, "vesana_agent_%032d", h).replace('0', 'A');
        tokens.add(token);
        try (PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO agent_tokens (tenant_id, token_hash, display_prefix) VALUES (?, ?, ?) RETURNING id")) {
          ps.setLong(1, tenant);
          ps.setBytes(
              2,
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
          ps.setString(3, token.substring(0, 17));
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            c.createStatement()
                .execute(
                    "INSERT INTO agents (tenant_id, host_id, token_id) VALUES ("
                        + tenant
                        + ", "
                        + host
                        + ", "
                        + rs.getLong(1)
                        + ")");
          }
        }
        c.createStatement()
            .execute(
                "INSERT INTO host_services (tenant_id, host_id, name, kind, settings) SELECT "
                    + tenant
                    + ", "
                    + host
                    + ", format('svc-%s', lpad(g::text, 2, '0')), 'passive', '{}'"
                    + " FROM generate_series(0, "
                    + (SERVICES - 1)
                    + ") g");
      }
    }
  }

  private static long id(Connection c, String sql) throws SQLException {
    try (ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private PayaraInstance startWorker() throws IOException {
    PayaraInstance w =
        instance("worker", workerPort, "ear/worker-war/target/vesana-worker.war", "/worker");
    w.start(env);
    return w;
  }

  private PayaraInstance instance(String name, int port, String war, String contextRoot) {
    Path file = ROOT.resolve(war);
    assertThat(file).as("built WAR (run the reactor build first)").exists();
    InstanceSpec spec =
        new InstanceSpec(
            name,
            port,
            List.of(new InstanceSpec.Application(file, contextRoot)),
            Optional.empty(),
            Map.of());
    return new PayaraInstance(
        spec,
        ROOT.resolve("server-config/target/payara/payara-micro.jar"),
        home,
        List.of("-Xmx384m", "-XX:+UseSerialGC"),
        Optional.empty());
  }

  private static void awaitReady(PayaraInstance instance, String what) throws InterruptedException {
    await(instance::isReady, READY, what + " ready");
  }

  private static void await(BooleanSupplier condition, Duration timeout, String what)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("timed out waiting for: " + what);
      }
      Thread.sleep(250);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
