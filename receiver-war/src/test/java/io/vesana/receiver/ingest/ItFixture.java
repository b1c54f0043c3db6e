package io.vesana.receiver.ingest;

import io.vesana.contract.GoldenSamples;
import io.vesana.contract.IngestStream;
import io.vesana.schema.Migrations;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import org.postgresql.ds.PGSimpleDataSource;
import redis.clients.jedis.JedisPooled;

/**
 * The real PostgreSQL and Redis behind {@link ReceiverIT}: a fresh database with the real schema
 * (the worker's Flyway migrations) and credentials inserted as the API would, by hash.
 */
final class ItFixture {

  static final String DATABASE = "vesana_receiver_it";
  static final String AGENT_TOKEN = "vesana_agent_abcdefghijklmnopqrstuvwxyz012345";
  static final String COLLECTOR_KEY = "vsk_collector_it_0123456789";
  static final String AUTOMATION_KEY = "vsk_automation_it_0123456789";

  private static final String HOST = System.getProperty("vesana.it.db.host", "127.0.0.1");

  private ItFixture() {}

  /** Drops and creates the database, migrates it, inserts one tenant and its credentials. */
  static void prepareDatabase() throws Exception {
    try (Connection c = connect("postgres");
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
      s.execute("CREATE DATABASE " + DATABASE);
    }
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl("jdbc:postgresql://" + HOST + ":5432/" + DATABASE);
    ds.setUser("postgres");
    Migrations.migrate(ds);
    long tenant = tenantId();
    insertAgentToken(tenant, AGENT_TOKEN);
    insertApiKey(tenant, COLLECTOR_KEY, "collector");
    insertApiKey(tenant, AUTOMATION_KEY, "automation");
  }

  static long tenantId() throws SQLException {
    try (Connection c = connect(DATABASE);
        Statement s = c.createStatement()) {
      s.execute(
          "INSERT INTO tenants (slug, name) VALUES ('receiver-it', 'Receiver IT')"
              + " ON CONFLICT (slug) DO NOTHING");
      try (ResultSet r = s.executeQuery("SELECT id FROM tenants WHERE slug = 'receiver-it'")) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  static long insertAgentToken(long tenant, String token) throws SQLException {
    try (Connection c = connect(DATABASE);
        PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO agent_tokens (tenant_id, token_hash, display_prefix)"
                    + " VALUES (?, ?, ?) RETURNING id")) {
      s.setLong(1, tenant);
      s.setBytes(2, sha256(token));
      s.setString(3, token.substring(0, 16));
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  static void insertApiKey(long tenant, String key, String purpose) throws SQLException {
    try (Connection c = connect(DATABASE);
        PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO api_keys (tenant_id, name, purpose, key_hash, prefix)"
                    + " VALUES (?, ?, ?, ?, ?)")) {
      s.setLong(1, tenant);
      s.setString(2, purpose + " key");
      s.setString(3, purpose);
      s.setBytes(4, sha256(key));
      s.setString(5, key.substring(0, 8));
      s.executeUpdate();
    }
  }

  static void revokeAgentToken(long id) throws SQLException {
    try (Connection c = connect(DATABASE);
        PreparedStatement s =
            c.prepareStatement("UPDATE agent_tokens SET revoked_at = now() WHERE id = ?")) {
      s.setLong(1, id);
      s.executeUpdate();
    }
  }

  static JedisPooled redis() {
    return new JedisPooled(
        java.net.URI.create(System.getProperty("vesana.test.redis.url", "redis://127.0.0.1:6379")));
  }

  static String streamKey() {
    return System.getProperty("vesana.it.redis.prefix") + IngestStream.STREAM;
  }

  /** A golden sample with its times moved to now, so it stays inside the accepted window. */
  static String golden(String name) {
    Instant now = Instant.now();
    return GoldenSamples.v1(name)
        .replaceAll("\"\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z\"", "\"" + now + "\"")
        .replace("1795473000125", Long.toString(now.toEpochMilli()));
  }

  static byte[] sha256(String secret) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://" + HOST + ":5432/" + database, "postgres", "");
  }
}
