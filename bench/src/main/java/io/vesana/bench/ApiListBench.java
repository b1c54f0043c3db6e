package io.vesana.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.security.spec.InvalidKeySpecException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Latency of the main list endpoints at scale, against a running system: builds (once, kept for
 * later runs) a tenant of 10,000 hosts × 50 services (500,000 services with current status, 2% of
 * them in a problem state, 1,000 open alerts) and a tenant admin, logs in over HTTP, then calls
 * each endpoint {@code --requests} times from {@code --clients} threads and prints p50/p95/p99 and
 * requests/s per endpoint. The in-run ceiling it is compared to: the same endpoint's SQL-free path,
 * {@code GET /api/v1/tenants} (authentication, routing, JSON), measured the same way.
 *
 * <p>{@code bench/run-api [--hosts 10000] [--services 50] [--requests 300] [--clients 4] [--api
 * URL] [--db JDBC-URL]}
 */
@SuppressForbidden
public final class ApiListBench {

  /**
   * A fresh random password every run, set on the benchmark's admin before logging in: the tenant
   * is kept between runs, and a fixed password would be a standing login into whatever system the
   * benchmark was once pointed at.
   */
  private static final String PASSWORD =
      Base64.getUrlEncoder().withoutPadding().encodeToString(new SecureRandom().generateSeed(18));

  private static final String EMAIL = "bench-admin@listbench.example";

  private ApiListBench() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> o = new LinkedHashMap<>();
    o.put("hosts", "10000");
    o.put("services", "50");
    o.put("requests", "300");
    o.put("clients", "4");
    o.put("api", "http://127.0.0.1:8080/api/v1");
    o.put(
        "db",
        System.getenv().getOrDefault("VESANA_DB_URL", "jdbc:postgresql://127.0.0.1:15432/vesana"));
    for (int i = 0; i < args.length; i += 2) {
      if (!args[i].startsWith("--")
          || i + 1 >= args.length
          || !o.containsKey(args[i].substring(2))) {
        System.err.println("bench: expected --key value with key in " + o.keySet());
        System.exit(2);
      }
      o.put(args[i].substring(2), args[i + 1]);
    }
    int hosts = Integer.parseInt(o.get("hosts"));
    int services = Integer.parseInt(o.get("services"));
    long hostId;
    try (Connection c = DriverManager.getConnection(o.get("db"), "postgres", "")) {
      hostId = fixture(c, hosts, services);
    } catch (SQLException e) {
      System.err.println("bench: database " + o.get("db") + ": " + e.getMessage());
      System.exit(1);
      return;
    }
    HttpClient http = HttpClient.newHttpClient();
    String token = login(http, o.get("api"));
    int requests = Integer.parseInt(o.get("requests"));
    int clients = Integer.parseInt(o.get("clients"));
    Map<String, String> endpoints = new LinkedHashMap<>();
    endpoints.put("ceiling: GET /tenants", "tenants");
    endpoints.put("GET /hosts?limit=100 (first page)", "hosts?limit=100");
    endpoints.put(
        "GET /hosts?limit=100&after=<middle>", "hosts?limit=100&after=" + (hostId + hosts / 2));
    endpoints.put("GET /hosts?q=host-0042&limit=100", "hosts?q=host-0042&limit=100");
    endpoints.put("GET /hosts/{id}/services (50)", "hosts/" + (hostId + hosts / 3) + "/services");
    endpoints.put("GET /problems?limit=100", "problems?limit=100");
    endpoints.put("GET /alerts?limit=100", "alerts?limit=100");
    System.out.printf(
        Locale.ROOT,
        "api list bench: %,d hosts x %d services, %d requests per endpoint, %d clients%n",
        hosts,
        services,
        requests,
        clients);
    for (Map.Entry<String, String> e : endpoints.entrySet()) {
      measure(http, o.get("api") + "/" + e.getValue(), token, requests, clients, e.getKey());
    }
  }

  private static void measure(
      HttpClient http, String url, String token, int requests, int clients, String name)
      throws InterruptedException {
    // Warm-up: JIT and caches, not counted.
    for (int i = 0; i < 20; i++) {
      get(http, url, token);
    }
    LatencyRecorder latency = new LatencyRecorder();
    AtomicInteger left = new AtomicInteger(requests);
    AtomicInteger failed = new AtomicInteger();
    List<Thread> threads = new ArrayList<>();
    long start = System.nanoTime();
    for (int t = 0; t < clients; t++) {
      Thread th =
          new Thread(
              () -> {
                while (left.getAndDecrement() > 0) {
                  long s = System.nanoTime();
                  int status = get(http, url, token);
                  if (status == 200) {
                    latency.record((System.nanoTime() - s) / 1000);
                  } else {
                    failed.incrementAndGet();
                  }
                }
              });
      th.start();
      threads.add(th);
    }
    for (Thread th : threads) {
      th.join();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "%-40s p50 %6.1f ms  p95 %6.1f ms  p99 %6.1f ms  %6.0f req/s  failed %d%n",
        name,
        latency.percentileMs(50),
        latency.percentileMs(95),
        latency.percentileMs(99),
        latency.count() / seconds,
        failed.get());
  }

  private static int get(HttpClient http, String url, String token) {
    try {
      return http.send(
              HttpRequest.newBuilder(URI.create(url))
                  .timeout(Duration.ofSeconds(30))
                  .header("Authorization", "Bearer " + token)
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (java.io.IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static String login(HttpClient http, String api) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(api + "/auth/login"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"email\":\"" + EMAIL + "\",\"password\":\"" + PASSWORD + "\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    Matcher m = Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(r.body());
    if (r.statusCode() != 200 || !m.find()) {
      throw new IllegalStateException("login failed: HTTP " + r.statusCode());
    }
    return m.group(1);
  }

  /** Creates the tenant once (slug listbench); returns the id of its first host. */
  private static long fixture(Connection c, int hosts, int services) throws Exception {
    try (Statement s = c.createStatement()) {
      try (ResultSet rs =
          s.executeQuery(
              "SELECT min(h.id) FROM hosts h JOIN tenants t ON t.id = h.tenant_id"
                  + " WHERE t.slug = 'listbench'")) {
        rs.next();
        long first = rs.getLong(1);
        if (!rs.wasNull()) {
          try (PreparedStatement ps =
              c.prepareStatement("UPDATE users SET password_hash = ? WHERE lower(email) = ?")) {
            ps.setString(1, pbkdf2(PASSWORD));
            ps.setString(2, EMAIL);
            ps.executeUpdate();
          }
          return first;
        }
      }
      long t0 = System.nanoTime();
      // One transaction: an interrupted run leaves nothing half-built behind.
      c.setAutoCommit(false);
      s.execute("INSERT INTO tenants (slug, name) VALUES ('listbench', 'List benchmark')");
      s.execute(
          "INSERT INTO hosts (tenant_id, name, address) SELECT t.id, 'host-' || lpad(g::text, 5, '0'),"
              + " '10.0.0.1' FROM tenants t, generate_series(1, "
              + hosts
              + ") g WHERE t.slug = 'listbench'");
      s.execute(
          "INSERT INTO host_services (tenant_id, host_id, name, kind, settings)"
              + " SELECT h.tenant_id, h.id, 'svc-' || g, 'passive', '{}' FROM hosts h"
              + " JOIN tenants t ON t.id = h.tenant_id, generate_series(1, "
              + services
              + ") g WHERE t.slug = 'listbench'");
      s.execute(
          "INSERT INTO current_status (service_id, tenant_id, host_id, state, state_type,"
              + " last_check_at, last_change_at, output)"
              + " SELECT hs.id, hs.tenant_id, hs.host_id, CASE WHEN hs.id % 50 = 0 THEN 2 ELSE 0 END,"
              + " 1, now(), now() - (hs.id % 1000) * interval '1 minute', 'OK - bench'"
              + " FROM host_services hs JOIN tenants t ON t.id = hs.tenant_id"
              + " WHERE t.slug = 'listbench'");
      s.execute(
          "INSERT INTO alerts (tenant_id, host_id, service_id, severity, state, summary)"
              + " SELECT hs.tenant_id, hs.host_id, hs.id, 'critical', 2, 'bench' FROM host_services hs"
              + " JOIN tenants t ON t.id = hs.tenant_id WHERE t.slug = 'listbench'"
              + " AND hs.id % 500 = 0");
      try (PreparedStatement ps =
          c.prepareStatement(
              "WITH u AS (INSERT INTO users (tenant_id, email, display_name, password_hash)"
                  + " SELECT id, ?, 'Bench admin', ? FROM tenants WHERE slug = 'listbench'"
                  + " RETURNING tenant_id, id)"
                  + " INSERT INTO user_roles (tenant_id, user_id, role_name)"
                  + " SELECT tenant_id, id, 'tenant_admin' FROM u")) {
        ps.setString(1, EMAIL);
        ps.setString(2, pbkdf2(PASSWORD));
        ps.executeUpdate();
      }
      c.commit();
      c.setAutoCommit(true);
      s.execute("ANALYZE hosts, host_services, current_status, alerts");
      System.out.printf(Locale.ROOT, "fixture created in %.0f s%n", (System.nanoTime() - t0) / 1e9);
    }
    return fixture(c, hosts, services);
  }

  /** The server's password format ({@code PasswordHashing}): PBKDF2-HMAC-SHA256, 600k rounds. */
  private static String pbkdf2(String password) throws Exception {
    byte[] salt = new byte[16];
    new SecureRandom().nextBytes(salt);
    int iterations = 600_000;
    byte[] hash;
    try {
      hash =
          SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
              .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256))
              .getEncoded();
    } catch (InvalidKeySpecException e) {
      throw new IllegalStateException(e);
    }
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return "$pbkdf2-sha256$i="
        + iterations
        + "$"
        + b64.encodeToString(salt)
        + "$"
        + b64.encodeToString(hash);
  }
}
