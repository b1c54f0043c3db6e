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
 * and started again; PostgreSQL stopped and started again. In both cases every result the receiver
 * accepted (202) must end up stored exactly once.
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
