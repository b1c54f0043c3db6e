package io.vesana.ear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The EAR as built, deployed on a real full Payara Server 6 in a throw-away domain of its own
 * (created inside target/, on a free port block, Hazelcast off): the worker migrates a fresh
 * database with Flyway, and server-level MicroProfile Health reports PostgreSQL and Redis UP for
 * both the worker and the receiver.
 *
 * <p>Runs with failsafe; {@code -DskipITs} skips it. Without the system properties failsafe passes
 * it fails instead of passing silently.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EnterpriseEarIT {

  private static final Logger LOG = Logger.getLogger(EnterpriseEarIT.class.getName());

  /**
   * Each run has its own database, Redis prefix and domain directory: builds of the same tree (or
   * of two trees) may run this IT at the same time and must not drop each other's database.
   */
  static final String RUN =
      Long.toString(ProcessHandle.current().pid(), 36)
          + Long.toString(System.currentTimeMillis() % 1_000_000L, 36);

  static final String DOMAIN = "vesana-ear-it";
  static final String DATABASE = "vesana_ear_it_" + RUN;
  static final String REDIS_PREFIX = "vesana-ear-it:" + RUN + ":";
  static final String APP = "vesana";

  /**
   * Offsets of create-domain's --portbase: admin, HTTP, HTTPS, JMS, IIOP x3, JMX, OSGi, debug,
   * Hazelcast DAS and start.
   */
  static final int[] PORT_OFFSETS = {48, 80, 81, 76, 37, 38, 39, 86, 66, 9, 49, 59};

  static final Duration ASADMIN_TIMEOUT = Duration.ofMinutes(4);
  static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

  static Path payara;
  static Path asadmin;
  static Path domainDir;
  static Path ear;
  static Path tmpDir;
  static Path logDir;
  static int portBase;
  static int adminPort;
  static int httpPort;
  static String adminDbUrl;
  static String dbUser;
  static String redisUrl;
  static boolean domainCreated;
  static int asadminRuns;

  /** Measurements, printed and written to target/enterprise-ear-it.properties; never asserted. */
  static final Map<String, String> METRICS = Collections.synchronizedMap(new LinkedHashMap<>());

  static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void deployOnAFreshDomain() throws Exception {
    payara = Path.of(required("vesana.ear.it.payara"));
    asadmin = payara.resolve("bin/asadmin");
    domainDir = Path.of(required("vesana.ear.it.domaindir")).resolve(RUN);
    ear = Path.of(required("vesana.ear.it.ear"));
    tmpDir = Path.of(required("vesana.ear.it.tmpdir"));
    adminDbUrl = required("vesana.test.db.url");
    dbUser = required("vesana.test.db.user");
    redisUrl = required("vesana.test.redis.url");
    logDir = domainDir.resolve("asadmin-logs");
    assertTrue(Files.isExecutable(asadmin), "Payara Server not unpacked at " + payara);
    assertTrue(Files.isRegularFile(ear), "EAR not built: " + ear);
    Files.createDirectories(tmpDir);

    recreateDatabase();

    deleteStaleRunDirectories(domainDir.getParent());
    Files.createDirectories(logDir);
    // Should the test JVM be ended before @AfterAll (Ctrl-C, a build timeout), the domain goes too.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () ->
                    domainPid()
                        .flatMap(ProcessHandle::of)
                        .ifPresent(EnterpriseEarIT::killIfAlive)));
    portBase = freePortBase(Integer.getInteger("vesana.ear.it.portbase", 28000));
    adminPort = portBase + 48;
    httpPort = portBase + 80;
    LOG.info("run " + RUN + ": database " + DATABASE + ", domain " + domainDir);
    LOG.info(
        "IT domain on port base " + portBase + " (admin " + adminPort + ", HTTP " + httpPort + ")");

    long t0 = System.nanoTime();
    asadminOk(
        "create-domain",
        "--nopassword=true",
        "--checkports=true",
        "--portbase",
        Integer.toString(portBase),
        "--domaindir",
        domainDir.toString(),
        DOMAIN);
    domainCreated = true;
    METRICS.put("create_domain_ms", Long.toString(millisSince(t0)));

    t0 = System.nanoTime();
    asadminOk("start-domain", "--domaindir", domainDir.toString(), DOMAIN);
    METRICS.put("start_domain_ms", Long.toString(millisSince(t0)));

    // Payara Server 6 still accepts --enabled=false: the Domain Data Grid shuts down and stays
    // off after a restart. (Its default discovery mode, "domain", is TCP to the DAS only and never
    // multicasts, so not even the first start sends multicast traffic.)
    asadminOk("set-hazelcast-configuration", "--enabled=false", "--dynamic=true");

    // The application's configuration as JVM system properties, which MicroProfile Config reads
    // (and with it Payara's ${MPCONFIG=...} in @DataSourceDefinition). Colons are escaped for
    // asadmin, which separates options with ':'.
    String dbUrl = databaseUrl();
    List<String> jvmOptions =
        List.of(
            "-Dvesana.db.url=" + dbUrl,
            "-Dvesana.db.user=" + dbUser,
            // PostgreSQL here trusts local connections; a non-empty value keeps MicroProfile
            // Config from reporting the key as missing (it treats "" as unset).
            "-Dvesana.db.password=unused-with-trust-auth",
            "-Dvesana.redis.url=" + redisUrl,
            "-Dvesana.redis.prefix=" + REDIS_PREFIX,
            "-Dvesana.bootstrap.admin-password-file="
                + domainDir.resolve(DOMAIN).resolve("first-admin-password"),
            "-Djava.io.tmpdir=" + tmpDir);
    asadminOk(
        "create-jvm-options",
        String.join(":", jvmOptions.stream().map(o -> o.replace(":", "\\:")).toList()));

    t0 = System.nanoTime();
    asadminOk("restart-domain", "--domaindir", domainDir.toString(), DOMAIN);
    METRICS.put("restart_domain_ms", Long.toString(millisSince(t0)));

    t0 = System.nanoTime();
    asadminOk("deploy", "--name", APP, "--force=true", ear.toString());
    METRICS.put("deploy_ms", Long.toString(millisSince(t0)));
    METRICS.put("domain_rss_after_deploy_kb", Long.toString(domainRssKb()));
  }

  @AfterAll
  static void stopDomainAndDropDatabase() throws Exception {
    try {
      if (domainCreated) {
        METRICS.putIfAbsent("domain_rss_kb", Long.toString(domainRssKb()));
        Optional<Long> pid = domainPid();
        AsadminResult stop = asadmin("stop-domain", "--domaindir", domainDir.toString(), DOMAIN);
        if (stop.exit != 0) {
          LOG.warning("stop-domain failed:\n" + stop.output);
        }
        pid.flatMap(ProcessHandle::of).ifPresent(EnterpriseEarIT::killIfAlive);
        // Keep logs and config for a look after the build; drop the bulky caches (~180 MB).
        for (String bulky : List.of("osgi-cache", "applications", "generated")) {
          try {
            deleteTree(domainDir.resolve(DOMAIN).resolve(bulky));
          } catch (IOException | UncheckedIOException e) {
            LOG.warning("not deleted: " + bulky + ": " + e);
          }
        }
      }
    } finally {
      try {
        dropDatabase();
      } finally {
        deleteRedisKeys();
        writeMetrics();
      }
    }
  }

  @Test
  @Order(1)
  void earHoldsEachModuleAndLibraryOnce() throws IOException {
    try (ZipFile zip = new ZipFile(ear.toFile())) {
      List<String> names = zip.stream().map(ZipEntry::getName).toList();
      assertTrue(names.contains("vesana-worker.jar"), "EJB module at the EAR root: " + names);
      assertTrue(names.contains("vesana-receiver.war"), names.toString());
      assertTrue(names.contains("vesana-api.war"), names.toString());
      assertTrue(names.contains("lib/hibernate-core.jar"), "Hibernate in lib/: " + names);
      assertTrue(names.contains("lib/postgresql.jar"), names.toString());
      assertTrue(names.contains("lib/jedis.jar"), names.toString());
      assertTrue(names.contains("lib/flyway-core.jar"), names.toString());
      for (String war : List.of("vesana-receiver.war", "vesana-api.war")) {
        List<String> jars = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(zip.getInputStream(zip.getEntry(war)))) {
          for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
            if (e.getName().startsWith("WEB-INF/lib/") && e.getName().endsWith(".jar")) {
              jars.add(e.getName());
            }
          }
        }
        assertEquals(List.of(), jars, war + " must be skinny in the EAR");
      }
    }
  }

  @Test
  @Order(2)
  void readinessReportsPostgresqlAndRedisUp() throws Exception {
    long t0 = System.nanoTime();
    long deadline = t0 + READY_TIMEOUT.toNanos();
    String last = "(no answer)";
    int lastStatus = -1;
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> r = get("/health/ready");
        lastStatus = r.statusCode();
        last = r.body();
        if (r.statusCode() == 200 && overallStatus(last).equals("UP")) {
          break;
        }
      } catch (IOException e) {
        last = e.toString();
      }
      Thread.sleep(2000);
    }
    METRICS.put("ready_after_deploy_ms", Long.toString(millisSince(t0)));
    METRICS.put("domain_rss_kb", Long.toString(domainRssKb()));
    LOG.info("/health/ready -> " + lastStatus + " " + last);
    if (lastStatus != 200 || !overallStatus(last).equals("UP")) {
      fail(
          "readiness not UP within "
              + READY_TIMEOUT
              + ": HTTP "
              + lastStatus
              + " "
              + last
              + "\n--- server.log (tail) ---\n"
              + serverLogTail());
    }
    List<String[]> checks = checks(last);
    assertTrue(
        checks.stream().anyMatch(c -> c[0].equals("postgresql")), "postgresql check: " + last);
    assertTrue(checks.stream().anyMatch(c -> c[0].equals("redis")), "redis check: " + last);
    for (String[] c : checks) {
      assertEquals("UP", c[1], "check " + c[0] + " in " + last);
    }
  }

  @Test
  @Order(3)
  void flywayMigratedTheFreshDatabase() throws SQLException {
    try (Connection c = DriverManager.getConnection(databaseUrl(), dbUser, "");
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT count(*), count(*) FILTER (WHERE NOT success) FROM flyway_schema_history")) {
      assertTrue(rs.next());
      long applied = rs.getLong(1);
      METRICS.put("flyway_migrations", Long.toString(applied));
      assertTrue(applied > 0, "flyway_schema_history is empty");
      assertEquals(0, rs.getLong(2), "failed migrations in flyway_schema_history");
    }
  }

  @Test
  @Order(4)
  void livenessIsUp() throws Exception {
    HttpResponse<String> r = get("/health/live");
    assertEquals(200, r.statusCode(), r.body());
    assertEquals("UP", overallStatus(r.body()), r.body());
    assertFalse(checks(r.body()).isEmpty(), "liveness checks of the application: " + r.body());
  }

  @Test
  @Order(5)
  void hazelcastIsOff() throws Exception {
    AsadminResult config = asadminOk("get-hazelcast-configuration");
    Matcher enabled = Pattern.compile("(?m)^Enabled\\s+(\\w+)").matcher(config.output);
    assertTrue(enabled.find(), config.output);
    assertEquals("false", enabled.group(1), config.output);
    // Nothing listens on the data grid's DAS port (base + 49) after the restart.
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", portBase + 49), 1000);
      fail("Hazelcast still listens on " + (portBase + 49));
    } catch (IOException expected) {
      // refused: the data grid is off
    }
  }

  // ---------------------------------------------------------------- asadmin

  record AsadminResult(int exit, String output) {}

  static AsadminResult asadminOk(String... args) throws IOException, InterruptedException {
    AsadminResult r = asadmin(args);
    if (r.exit != 0) {
      fail(
          "asadmin "
              + String.join(" ", args)
              + " failed ("
              + r.exit
              + "):\n"
              + r.output
              + "\n--- server.log (tail) ---\n"
              + serverLogTail());
    }
    return r;
  }

  /** Runs asadmin with a bounded wait; its output goes to a file (start-domain forks the DAS). */
  static AsadminResult asadmin(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(asadmin.toString());
    command.add("--interactive=false");
    if (!args[0].equals("create-domain") && !args[0].equals("start-domain")) {
      command.add("--host");
      command.add("127.0.0.1");
      command.add("--port");
      command.add(Integer.toString(adminPort));
    }
    command.addAll(List.of(args));
    Path out =
        logDir.resolve(String.format(Locale.ROOT, "asadmin-%02d-%s.log", ++asadminRuns, args[0]));
    ProcessBuilder pb =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
    String javaHome = System.getProperty("java.home");
    pb.environment().put("AS_JAVA", javaHome);
    pb.environment().put("JAVA_HOME", javaHome);
    Process p = pb.start();
    p.getOutputStream().close();
    if (!p.waitFor(ASADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
      return new AsadminResult(
          -1,
          "timed out after "
              + ASADMIN_TIMEOUT
              + "\n"
              + Files.readString(out, StandardCharsets.UTF_8));
    }
    String output = Files.readString(out, StandardCharsets.UTF_8);
    LOG.fine(() -> "asadmin " + String.join(" ", args) + "\n" + output);
    return new AsadminResult(p.exitValue(), output);
  }

  // ---------------------------------------------------------------- domain process

  static Optional<Long> domainPid() {
    Path pidFile = domainDir.resolve(DOMAIN).resolve("config/pid");
    try {
      if (Files.isRegularFile(pidFile)) {
        return Optional.of(
            Long.parseLong(Files.readString(pidFile, StandardCharsets.UTF_8).trim()));
      }
    } catch (IOException | NumberFormatException e) {
      LOG.warning("unreadable " + pidFile + ": " + e);
    }
    return Optional.empty();
  }

  static long domainRssKb() {
    Optional<Long> pid = domainPid();
    if (pid.isEmpty()) {
      return -1;
    }
    try {
      for (String line :
          Files.readAllLines(
              Path.of("/proc", pid.get().toString(), "status"), StandardCharsets.UTF_8)) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      LOG.warning("RSS of " + pid.get() + " not readable: " + e);
    }
    return -1;
  }

  static void killIfAlive(ProcessHandle h) {
    if (!h.isAlive()) {
      return;
    }
    // Only the IT domain's own java process (its pid file), and only if it is one.
    boolean isPayara =
        h.info()
            .commandLine()
            .map(c -> c.contains("glassfish") || c.contains("payara"))
            .orElse(true);
    if (!isPayara) {
      return;
    }
    LOG.warning("domain process " + h.pid() + " still alive; killing it");
    h.destroy();
    try {
      h.onExit().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      h.destroyForcibly();
    }
  }

  /** Domain directories of earlier runs whose domain no longer runs and that are not recent. */
  static void deleteStaleRunDirectories(Path parent) throws IOException {
    if (!Files.isDirectory(parent)) {
      return;
    }
    try (Stream<Path> runs = Files.list(parent)) {
      for (Path run : runs.filter(Files::isDirectory).filter(r -> !r.equals(domainDir)).toList()) {
        Path pidFile = run.resolve(DOMAIN).resolve("config/pid");
        boolean alive = false;
        if (Files.isRegularFile(pidFile)) {
          try {
            long pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.UTF_8).trim());
            alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
          } catch (NumberFormatException e) {
            alive = false;
          }
        }
        // A run that is still creating its domain has no pid file yet: leave recent directories.
        boolean recent =
            Files.getLastModifiedTime(run)
                .toInstant()
                .isAfter(Instant.now().minus(Duration.ofMinutes(30)));
        if (!alive && !recent) {
          deleteTree(run);
        }
      }
    }
  }

  static int freePortBase(int first) {
    for (int base = first; base < first + 2000; base += 100) {
      if (portsFree(base)) {
        return base;
      }
    }
    throw new IllegalStateException("no free port block from " + first);
  }

  static boolean portsFree(int base) {
    for (int offset : PORT_OFFSETS) {
      try (ServerSocket s = new ServerSocket()) {
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(base + offset));
      } catch (IOException e) {
        return false;
      }
    }
    return true;
  }

  static String serverLogTail() {
    Path log = domainDir.resolve(DOMAIN).resolve("logs/server.log");
    try {
      if (!Files.isRegularFile(log)) {
        return "(no server.log)";
      }
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 150), lines.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(server.log unreadable: " + e + ")";
    }
  }

  // ---------------------------------------------------------------- HTTP / health JSON

  static HttpResponse<String> get(String path) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
            .timeout(Duration.ofSeconds(20))
            .header("Accept", "application/json")
            .GET()
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  static final Pattern CHECK =
      Pattern.compile(
          "\\{\\s*\"name\"\\s*:\\s*\"([^\"]+)\"\\s*,\\s*\"status\"\\s*:\\s*\"(UP|DOWN)\"");
  static final Pattern OVERALL = Pattern.compile("^\\s*\\{\\s*\"status\"\\s*:\\s*\"(UP|DOWN)\"");

  static String overallStatus(String json) {
    Matcher m = OVERALL.matcher(json);
    return m.find() ? m.group(1) : "?";
  }

  /** Each check as {name, status}. */
  static List<String[]> checks(String json) {
    List<String[]> checks = new ArrayList<>();
    Matcher m = CHECK.matcher(json);
    while (m.find()) {
      checks.add(new String[] {m.group(1), m.group(2)});
    }
    return checks;
  }

  // ---------------------------------------------------------------- PostgreSQL / Redis

  static String databaseUrl() {
    int slash = adminDbUrl.lastIndexOf('/');
    int query = adminDbUrl.indexOf('?', slash);
    return adminDbUrl.substring(0, slash + 1)
        + DATABASE
        + (query < 0 ? "" : adminDbUrl.substring(query));
  }

  static void recreateDatabase() throws SQLException {
    try (Connection c = DriverManager.getConnection(adminDbUrl, dbUser, "");
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
      s.execute("CREATE DATABASE " + DATABASE);
    }
  }

  static void dropDatabase() {
    try (Connection c = DriverManager.getConnection(adminDbUrl, dbUser, "");
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
    } catch (SQLException e) {
      LOG.warning("test database not dropped: " + e);
    }
  }

  static void deleteRedisKeys() {
    try (JedisPooled redis = new JedisPooled(URI.create(redisUrl))) {
      ScanParams params = new ScanParams().match(REDIS_PREFIX + "*").count(500);
      String cursor = ScanParams.SCAN_POINTER_START;
      for (int round = 0; round < 1000; round++) {
        ScanResult<String> page = redis.scan(cursor, params);
        if (!page.getResult().isEmpty()) {
          redis.del(page.getResult().toArray(new String[0]));
        }
        cursor = page.getCursor();
        if (cursor.equals(ScanParams.SCAN_POINTER_START)) {
          break;
        }
      }
    } catch (RuntimeException e) {
      LOG.warning("Redis keys " + REDIS_PREFIX + "* not deleted: " + e);
    }
  }

  // ---------------------------------------------------------------- helpers

  static String required(String key) {
    String value = System.getProperty(key);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          "system property " + key + " not set: run this IT through Maven failsafe (mvn verify)");
    }
    return value;
  }

  static long millisSince(long nanoStart) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanoStart);
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  static void writeMetrics() {
    Properties p = new Properties();
    synchronized (METRICS) {
      METRICS.forEach(p::setProperty);
    }
    LOG.info("EAR on Payara Server: " + METRICS);
    if (logDir == null) {
      return;
    }
    Path file = domainDir.resolveSibling("enterprise-ear-it.properties");
    try (var w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      p.store(w, "EnterpriseEarIT measurements (informational, not asserted)");
    } catch (IOException e) {
      LOG.warning("metrics not written: " + e);
    }
  }
}
