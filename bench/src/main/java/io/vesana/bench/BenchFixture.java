package io.vesana.bench;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark's own tenant, created straight in the database (the API for it comes with a later
 * issue): N hosts, each with an agent and its token, and M passive services per host. The plaintext
 * tokens live only in this process. {@link #drop()} removes the tenant's rows again.
 */
final class BenchFixture {

  final long tenantId;
  final String slug;
  final List<String> tokens;
  final List<String> hostNames;
  final List<String> serviceNames;

  private BenchFixture(
      long tenantId, String slug, List<String> tokens, List<String> hosts, List<String> services) {
    this.tenantId = tenantId;
    this.slug = slug;
    this.tokens = tokens;
    this.hostNames = hosts;
    this.serviceNames = services;
  }

  static BenchFixture create(Connection c, int hosts, int servicesPerHost) throws SQLException {
    String slug = "bench-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    SecureRandom random = new SecureRandom();
    List<String> tokens = new ArrayList<>(hosts);
    List<String> hostNames = new ArrayList<>(hosts);
    List<String> services = new ArrayList<>(servicesPerHost);
    for (int s = 0; s < servicesPerHost; s++) {
      services.add(String.format(Locale.ROOT, "svc-%02d", s));
    }
    c.setAutoCommit(false);
    long tenant;
    try (PreparedStatement ps =
        c.prepareStatement("INSERT INTO tenants (slug, name) VALUES (?, ?) RETURNING id")) {
      ps.setString(1, slug);
      ps.setString(2, "Benchmark " + slug);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        tenant = rs.getLong(1);
      }
    }
    try (PreparedStatement host =
            c.prepareStatement(
                "INSERT INTO hosts (tenant_id, name, address) VALUES (?, ?, '127.0.0.1') RETURNING id");
        PreparedStatement token =
            c.prepareStatement(
                "INSERT INTO agent_tokens (tenant_id, token_hash, display_prefix) VALUES (?, ?, ?)"
                    + " RETURNING id");
        PreparedStatement agent =
            c.prepareStatement(
                "INSERT INTO agents (tenant_id, host_id, token_id, hostname) VALUES (?, ?, ?, ?)")) {
      for (int h = 0; h < hosts; h++) {
        String name = String.format(Locale.ROOT, "host-%05d", h);
        hostNames.add(name);
        long hostId = insertReturningId(host, tenant, name);
        byte[] raw = new byte[24];
        random.nextBytes(raw);
        String plaintext =
            "vesana_agent_" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        tokens.add(plaintext);
        token.setLong(1, tenant);
        token.setBytes(2, sha256(plaintext));
        token.setString(3, plaintext.substring(0, 17));
        long tokenId;
        try (ResultSet rs = token.executeQuery()) {
          rs.next();
          tokenId = rs.getLong(1);
        }
        agent.setLong(1, tenant);
        agent.setLong(2, hostId);
        agent.setLong(3, tokenId);
        agent.setString(4, name);
        agent.addBatch();
      }
      agent.executeBatch();
    }
    try (PreparedStatement svc =
        c.prepareStatement(
            "INSERT INTO host_services (tenant_id, host_id, name, kind, settings)"
                + " SELECT h.tenant_id, h.id, s.name, 'passive', '{}'::jsonb"
                + " FROM hosts h CROSS JOIN unnest(?::text[]) AS s(name) WHERE h.tenant_id = ?")) {
      svc.setArray(1, c.createArrayOf("text", services.toArray()));
      svc.setLong(2, tenant);
      svc.executeUpdate();
    }
    c.commit();
    c.setAutoCommit(true);
    return new BenchFixture(
        tenant, slug, List.copyOf(tokens), List.copyOf(hostNames), List.copyOf(services));
  }

  private static long insertReturningId(PreparedStatement ps, long tenant, String name)
      throws SQLException {
    ps.setLong(1, tenant);
    ps.setString(2, name);
    try (ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Deletes everything the benchmark created, children first. */
  void drop(String url, String user, String password) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, user, password);
        Statement s = c.createStatement()) {
      for (String table :
          List.of(
              "alert_events",
              "alerts",
              "state_changes",
              "current_status",
              "check_results",
              "host_services",
              "agents",
              "agent_tokens",
              "host_status",
              "hosts")) {
        s.executeUpdate("DELETE FROM " + table + " WHERE tenant_id = " + tenantId);
      }
      s.executeUpdate("DELETE FROM tenants WHERE id = " + tenantId);
    }
  }
}
