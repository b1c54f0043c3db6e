package io.vesana.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vesana.launcher.backing.DatabaseEndpoint;
import io.vesana.launcher.backing.EmbeddedPostgresServer;
import io.vesana.launcher.backing.EmbeddedRedisServer;
import io.vesana.launcher.components.InstanceSpec;
import io.vesana.launcher.components.PayaraInstance;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Several API replicas as deployed — three Payara Micro JVMs with the API WAR on one private
 * embedded PostgreSQL and Redis (same key prefix), as the launcher would run them — checking what
 * only holds across JVMs: the login rate limit is one count for all replicas, and a watcher runs
 * once per period in total, not once per replica.
 *
 * <p>The three instances are started once, in parallel, for the class (a JVM start costs 20-40 s on
 * a small machine); the rate-limit test uses two of them. The retention watcher is configured to
 * tick every {@value #TICK_SECONDS} s with a period of {@value #PERIOD_SECONDS} s instead of every
 * 10 minutes and hourly.
 */
class ApiReplicasIT {

  private static final Logger LOG = Logger.getLogger(ApiReplicasIT.class.getName());
  private static final Path ROOT =
      Path.of(System.getProperty("vesana.root", "..")).toAbsolutePath();
  private static final Duration READY = Duration.ofSeconds(240);
  private static final int INSTANCES = 3;
  private static final String REDIS_PREFIX = "replicas:";
  private static final String ADMIN_EMAIL = "admin@vesana.local";
  private static final long TICK_SECONDS = 2;
  private static final long PERIOD_SECONDS = 6;
  private static final String WATCHER = "retention-purge";
  private static final Pattern PROBLEM_TYPE = Pattern.compile("\"type\"\\s*:\\s*\"([^\"]*)\"");

  private static Path home;
  private static EmbeddedPostgresServer postgres;
  private static EmbeddedRedisServer redis;
  private static int redisPort;
  private static Path adminPasswordFile;
  private static final List<PayaraInstance> apis = new ArrayList<>();
  private static final List<Integer> ports = new ArrayList<>();
  private static final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private static final Thread cleanup = new Thread(ApiReplicasIT::stopAll, "api-replicas-stop");
  private static volatile boolean keepLogs = true;

  /** Keeps the data directory (instance logs) when a test fails. */
  @RegisterExtension
  static final TestWatcher FAILURES =
      new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
          keepLogs = true;
          LOG.warning(() -> "instance logs kept in " + home.resolve("logs"));
        }
      };

  @BeforeAll
  static void system() throws Exception {
    // Should the test JVM be killed, its Payara JVMs must not outlive it.
    Runtime.getRuntime().addShutdownHook(cleanup);
    home = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "replicas");
    redisPort = TestPorts.free();
    postgres = EmbeddedPostgresServer.start(home, TestPorts.free());
    redis = EmbeddedRedisServer.start(home, redisPort);
    DatabaseEndpoint db = postgres.endpoint();
    Path keys = Files.createDirectories(home.resolve("keys"));
    adminPasswordFile = Files.createDirectories(home.resolve("secrets")).resolve("admin-password");
    writeSigningKeys(keys);
    Map<String, String> env = new HashMap<>();
    env.put("VESANA_DB_URL", db.jdbcUrl());
    env.put("VESANA_DB_USER", db.user());
    env.put("VESANA_DB_PASSWORD", db.password());
    env.put("VESANA_REDIS_URL", "redis://127.0.0.1:" + redisPort);
    env.put("VESANA_REDIS_PREFIX", REDIS_PREFIX);
    env.put("VESANA_JWT_PRIVATE_KEY_LOCATION", keys.resolve("private.pem").toString());
    env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", keys.resolve("public.pem").toUri().toString());
    env.put("FIELD_ENCRYPTION_KEY_FILE", writeFieldKey(keys).toString());
    env.put("VESANA_BOOTSTRAP_ADMIN_PASSWORD_FILE", adminPasswordFile.toString());
    env.put("VESANA_WATCHERS_RETENTION_TICK_SECONDS", Long.toString(TICK_SECONDS));
    env.put("VESANA_WATCHERS_RETENTION_PERIOD_SECONDS", Long.toString(PERIOD_SECONDS));
    for (int i = 1; i <= INSTANCES; i++) {
      int port = TestPorts.free();
      PayaraInstance api = instance("api-" + i, port);
      apis.add(api);
      ports.add(port);
      api.start(env);
    }
    // All three migrate the empty schema together (Flyway serialises them) and race for the
    // first admin (one wins); waiting for all of them costs the slowest start, not the sum.
    await(
        () -> {
          for (PayaraInstance api : apis) {
            if (!api.process().map(ProcessHandle::isAlive).orElse(false)) {
              throw new AssertionError(api.name() + " exited during start:\n" + tail(api));
            }
          }
          return apis.stream().allMatch(PayaraInstance::isReady);
        },
        READY,
        INSTANCES + " API instances ready");
    keepLogs = false;
  }

  @AfterAll
  static void stop() throws IOException {
    stopAll();
    Runtime.getRuntime().removeShutdownHook(cleanup);
    if (keepLogs) {
      LOG.warning(() -> "data directory kept: " + home);
    } else {
      deleteTree(home);
    }
  }

  /** Stops everything that was started, whatever fails on the way; idempotent. */
  private static synchronized void stopAll() {
    // In parallel: each takes a few seconds to shut down after SIGTERM.
    List<Thread> stopping = new ArrayList<>();
    for (PayaraInstance api : apis) {
      Thread t = new Thread(() -> api.stop(Duration.ofSeconds(20)), "stop-" + api.name());
      t.start();
      stopping.add(t);
    }
    for (Thread t : stopping) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    IOException failure = null;
    try {
      if (redis != null) {
        redis.close();
      }
    } catch (IOException e) {
      failure = e;
    } finally {
      redis = null;
    }
    try {
      if (postgres != null) {
        postgres.close();
      }
    } catch (IOException e) {
      failure = failure == null ? e : failure;
    } finally {
      postgres = null;
    }
    if (failure != null) {
      throw new java.io.UncheckedIOException(failure);
    }
  }

  @Test
  void loginRateLimitHoldsAcrossTwoApiInstances() throws Exception {
    // A made-up account: ten wrong passwords on a real one would lock it, and the lockout (also
    // 429) is not what is measured here.
    String nobody = "nobody-" + UUID.randomUUID() + "@example.invalid";
    for (int attempt = 1; attempt <= 10; attempt++) {
      int instance = (attempt - 1) % 2;
      HttpResponse<String> r = login(ports.get(instance), nobody, "wrong-" + attempt);
      assertThat(r.statusCode())
          .as("attempt %d, on instance %d: %s", attempt, instance + 1, r.body())
          .isEqualTo(401);
      assertThat(problemType(r)).isEqualTo("urn:vesana:problem:invalid-credentials");
    }

    // Each instance has seen five attempts; a per-instance limit would still let these through.
    HttpResponse<String> eleventh = login(ports.get(0), nobody, "wrong-11");
    assertRateLimited(eleventh, "11th attempt, on instance 1");
    // The limit is per client address, checked before the credentials: the admin's right
    // password from the same address is refused too, on the other instance.
    String adminPassword = Files.readString(adminPasswordFile, StandardCharsets.UTF_8).strip();
    HttpResponse<String> twelfth = login(ports.get(1), ADMIN_EMAIL, adminPassword);
    assertRateLimited(twelfth, "12th attempt (right password), on instance 2");

    // Another client address (the TCP peer 127.0.0.2) is not limited, and the password was right.
    assertThat(loginFrom("127.0.0.2", ports.get(1), ADMIN_EMAIL, adminPassword))
        .as("login from another address")
        .isEqualTo(200);
  }

  @Test
  void watcherRunsOncePerPeriodWithThreeApiInstances() throws Exception {
    String runsKey = REDIS_PREFIX + "watcher:" + WATCHER + ":runs";
    String lastRunKey = REDIS_PREFIX + "watcher:" + WATCHER + ":last-run";
    await(
        () -> counter(runsKey) >= 1,
        Duration.ofSeconds(PERIOD_SECONDS * 3),
        "a first retention run");

    Duration window = Duration.ofSeconds(27);
    long before = counter(runsKey);
    long t0 = System.nanoTime();
    TreeSet<Long> starts = new TreeSet<>();
    while (System.nanoTime() - t0 < window.toNanos()) {
      Optional.ofNullable(redisGet(lastRunKey)).map(Long::parseLong).ifPresent(starts::add);
      Thread.sleep(200);
    }
    long runs = counter(runsKey) - before;
    long elapsedMs = (System.nanoTime() - t0) / 1_000_000;
    for (PayaraInstance api : apis) {
      assertThat(api.process().map(ProcessHandle::isAlive).orElse(false))
          .as(api.name() + " still running")
          .isTrue();
    }

    // WatcherRunner starts a run only when the last recorded start is at least period - slack
    // old (slack = a tenth of the period, at most 5 s), and some replica's timer fires at most one
    // tick after that. So consecutive starts are [P - slack, P + tick] apart, give or take timer
    // jitter; completions (which the counter counts) also move by the runs' durations (< 1 s).
    long periodMs = PERIOD_SECONDS * 1000;
    long minGapMs = periodMs - Math.min(periodMs / 10, 5000);
    long maxGapMs = periodMs + TICK_SECONDS * 1000;
    long atLeast = (elapsedMs - 1000) / maxGapMs;
    long atMost = (elapsedMs + 1000) / minGapMs + 1;
    Map<String, Long> perInstance = runsPerInstance();
    LOG.info(
        String.format(
            Locale.ROOT,
            "%d retention runs in %d ms (period %d s, tick %d s, %d instances; allowed [%d, %d]);"
                + " starts seen %s; runs logged per instance since start %s",
            runs,
            elapsedMs,
            PERIOD_SECONDS,
            TICK_SECONDS,
            INSTANCES,
            atLeast,
            atMost,
            gaps(starts),
            perInstance));
    assertThat(runs)
        .as(
            "runs in %d ms: once per %d s period in total, not once per instance (%s)",
            elapsedMs, PERIOD_SECONDS, perInstance)
        .isBetween(atLeast, atMost);
    // The recorded starts (Redis server clock) of the runs seen: never two in one period.
    Long previous = null;
    for (long start : starts) {
      if (previous != null) {
        assertThat(start - previous)
            .as("ms between consecutive run starts %s", gaps(starts))
            .isGreaterThanOrEqualTo(minGapMs);
      }
      previous = start;
    }
    assertThat((long) starts.size()).as("distinct run starts seen").isGreaterThanOrEqualTo(atLeast);
  }

  private static void assertRateLimited(HttpResponse<String> r, String what) {
    assertThat(r.statusCode()).as("%s: %s", what, r.body()).isEqualTo(429);
    assertThat(problemType(r)).as(what).isEqualTo("urn:vesana:problem:rate-limited");
    long retryAfter =
        Long.parseLong(
            r.headers().firstValue("Retry-After").orElseThrow(() -> new AssertionError(what)));
    assertThat(retryAfter).as("%s: Retry-After", what).isBetween(1L, 60L);
  }

  private static String problemType(HttpResponse<String> r) {
    Matcher m = PROBLEM_TYPE.matcher(r.body());
    return m.find() ? m.group(1) : "(no type in " + r.body() + ")";
  }

  private static HttpResponse<String> login(int port, String email, String password)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/auth/login"))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(loginBody(email, password)))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /**
   * A login over a socket bound to {@code source}, a loopback address other than the HTTP client's
   * (whose local address Java 17 cannot choose); returns the status code.
   */
  private static int loginFrom(String source, int port, String email, String password)
      throws IOException {
    byte[] body = loginBody(email, password).getBytes(StandardCharsets.UTF_8);
    try (Socket s = new Socket()) {
      s.bind(new InetSocketAddress(InetAddress.getByName(source), 0));
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
      s.setSoTimeout(30_000);
      OutputStream out = s.getOutputStream();
      out.write(
          ("POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1:"
                  + port
                  + "\r\nContent-Type: application/json\r\nContent-Length: "
                  + body.length
                  + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      String status = readLine(s.getInputStream());
      // "HTTP/1.1 200 OK"
      return Integer.parseInt(status.split(" ", 3)[1]);
    }
  }

  private static String loginBody(String email, String password) {
    // Test values only: an e-mail address and a base64url password need no JSON escaping.
    return "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}";
  }

  /** Starts of the runs seen, as milliseconds since the first, e.g. [0, 5412, 11230]. */
  private static List<Long> gaps(TreeSet<Long> starts) {
    List<Long> out = new ArrayList<>();
    if (!starts.isEmpty()) {
      starts.forEach(s -> out.add(s - starts.first()));
    }
    return out;
  }

  /** Purge lines ("retention purge: ..." or "retention purge failed") in each instance's log. */
  private static Map<String, Long> runsPerInstance() throws IOException {
    Map<String, Long> counts = new java.util.TreeMap<>();
    for (PayaraInstance api : apis) {
      long n;
      try (Stream<String> lines = Files.lines(api.log(), StandardCharsets.UTF_8)) {
        n = lines.filter(l -> l.contains("retention purge")).count();
      }
      counts.put(api.name(), n);
    }
    return counts;
  }

  private static long counter(String key) {
    try {
      String v = redisGet(key);
      return v == null ? 0 : Long.parseLong(v);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** GET over the Redis protocol (this module has no Redis client); null for a missing key. */
  private static String redisGet(String key) throws IOException {
    byte[] k = key.getBytes(StandardCharsets.UTF_8);
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), redisPort)) {
      s.setSoTimeout(5_000);
      OutputStream out = s.getOutputStream();
      out.write(("*2\r\n$3\r\nGET\r\n$" + k.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(k);
      out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      String header = readLine(in);
      if (!header.startsWith("$")) {
        throw new IOException("unexpected Redis reply " + header);
      }
      int length = Integer.parseInt(header.substring(1));
      if (length < 0) {
        return null;
      }
      byte[] value = in.readNBytes(length);
      return new String(value, StandardCharsets.UTF_8);
    }
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("connection closed mid-line");
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.US_ASCII);
  }

  private static void writeSigningKeys(Path dir) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    KeyPair pair = g.generateKeyPair();
    Files.writeString(
        dir.resolve("private.pem"),
        pem("PRIVATE KEY", pair.getPrivate().getEncoded()),
        StandardCharsets.US_ASCII);
    Files.writeString(
        dir.resolve("public.pem"),
        pem("PUBLIC KEY", pair.getPublic().getEncoded()),
        StandardCharsets.US_ASCII);
  }

  private static Path writeFieldKey(Path dir) throws IOException {
    byte[] raw = new byte[32];
    new SecureRandom().nextBytes(raw);
    Path file = dir.resolve("field-encryption-key");
    Files.writeString(
        file,
        Base64.getUrlEncoder().withoutPadding().encodeToString(raw),
        StandardCharsets.US_ASCII);
    return file;
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  private static PayaraInstance instance(String name, int port) {
    Path war = ROOT.resolve("api-war/target/vesana-api.war");
    assertThat(war).as("built WAR (run the reactor build first)").exists();
    Path postBoot = ROOT.resolve("server-config/src/main/payara/api.asadmin");
    InstanceSpec spec =
        new InstanceSpec(
            name,
            port,
            List.of(new InstanceSpec.Application(war, "/api")),
            Files.isRegularFile(postBoot) ? Optional.of(postBoot) : Optional.empty(),
            Map.of());
    return new PayaraInstance(
        spec,
        ROOT.resolve("server-config/target/payara/payara-micro.jar"),
        home,
        List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError"),
        Optional.empty());
  }

  private static String tail(PayaraInstance api) {
    try {
      List<String> lines = Files.readAllLines(api.log(), StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
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

  private static void deleteTree(Path dir) throws IOException {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
