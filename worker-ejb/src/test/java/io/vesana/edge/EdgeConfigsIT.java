package io.vesana.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vesana.secrets.FieldCipher;
import io.vesana.secrets.SecretColumn;
import io.vesana.testing.Sql;
import io.vesana.testing.TestDatabase;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Configuration fetch against the real schema: who authenticates, what each kind of edge component
 * gets (its own checks, merged with their profile checks; collectors also the decrypted
 * credentials), ETag stability, enrolment and last-seen bookkeeping.
 */
class EdgeConfigsIT {

  private TestDatabase db;
  private Connection c;
  private Sql sql;
  private FieldCipher cipher;
  private EdgeConfigs configs;
  private long acme;
  private long collector;
  private long ups;
  private long overridden;

  @BeforeEach
  void world() throws SQLException {
    db = TestDatabase.createMigrated();
    c = db.dataSource().getConnection();
    sql = new Sql(c);
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    cipher = FieldCipher.of(key);
    configs = new EdgeConfigs(db.dataSource(), cipher, 300, 60);
    acme = sql.id("INSERT INTO tenants (slug, name) VALUES ('acme', 'Acme') RETURNING id");
    long apiKey = keyRow("api_keys", "key_hash", "vsk_collector-key", "collector");
    collector =
        sql.id(
            "INSERT INTO collectors (tenant_id, name, api_key_id) VALUES ("
                + acme
                + ", 'dc1', "
                + apiKey
                + ") RETURNING id");
    long credential = credential("public-ro");
    long profile =
        sql.id("INSERT INTO profiles (tenant_id, name) VALUES (" + acme + ", 'UPS') RETURNING id");
    long check =
        sql.id(
            "INSERT INTO profile_checks (tenant_id, profile_id, name, kind, settings, credential_id,"
                + " check_interval_s) VALUES ("
                + acme
                + ", "
                + profile
                + ", 'Battery', 'snmp',"
                + " '{\"oid\": \"1.3.6.1.2.1.1.3.0\", \"port\": 161}', "
                + credential
                + ", 120)"
                + " RETURNING id");
    ups = host("ups-1", profile, collector, true);
    long off = host("ups-off", profile, collector, false);
    overridden = service(ups, check, "Battery", "snmp", null, "{\"port\": 1161}");
    service(off, check, "Battery", "snmp", null, "{}");
    service(ups, null, "Disk", "nagios_plugin", "{\"command\": \"check_disk\"}", "{}");
  }

  @AfterEach
  void drop() throws SQLException {
    c.close();
    db.close();
  }

  private long keyRow(String table, String hashColumn, String secret, String purpose)
      throws SQLException {
    boolean apiKey = table.equals("api_keys");
    try (PreparedStatement ps =
        c.prepareStatement(
            apiKey
                ? "INSERT INTO api_keys (tenant_id, name, purpose, key_hash, prefix)"
                    + " VALUES (?, 'k', '"
                    + purpose
                    + "', ?, 'vsk_c') RETURNING id"
                : "INSERT INTO agent_tokens (tenant_id, token_hash, display_prefix)"
                    + " VALUES (?, ?, 'vesana_agent') RETURNING id")) {
      ps.setLong(1, acme);
      ps.setBytes(2, EdgeConfigs.sha256(secret));
      try (var rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private long credential(String community) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO credentials (tenant_id, name, kind, secret_ciphertext)"
                + " VALUES (?, 'ro', 'snmp_community', ?) RETURNING id")) {
      ps.setLong(1, acme);
      ps.setBytes(2, cipher.encrypt(community, SecretColumn.CREDENTIALS_SECRET.context()));
      try (var rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private long host(String name, long profile, long collectorId, boolean enabled)
      throws SQLException {
    return sql.id(
        "INSERT INTO hosts (tenant_id, name, address, profile_id, collector_id, enabled) VALUES ("
            + acme
            + ", '"
            + name
            + "', '192.0.2.1', "
            + profile
            + ", "
            + collectorId
            + ", "
            + enabled
            + ") RETURNING id");
  }

  private long service(
      long host, Long check, String name, String kind, String settings, String overrides)
      throws SQLException {
    return sql.id(
        "INSERT INTO host_services (tenant_id, host_id, profile_check_id, name, kind, settings,"
            + " overrides) VALUES ("
            + acme
            + ", "
            + host
            + ", "
            + check
            + ", '"
            + name
            + "', '"
            + kind
            + "', "
            + (settings == null ? "NULL" : "'" + settings + "'")
            + ", '"
            + overrides
            + "') RETURNING id");
  }

  @Test
  void aCollectorGetsTheMergedRemoteChecksOfItsEnabledHostsAndTheirCredentials()
      throws SQLException {
    EdgeIdentity id = configs.collector("vsk_collector-key").orElseThrow();
    EdgeConfig config = configs.collectorConfig(id);

    JsonArray checks = config.body().getJsonArray("checks");
    assertThat(checks).hasSize(1);
    JsonObject battery = checks.getJsonObject(0);
    assertThat(battery.getString("host")).isEqualTo("ups-1");
    assertThat(battery.getJsonObject("settings").getInt("port")).isEqualTo(1161);
    assertThat(battery.getJsonObject("settings").getString("oid")).isEqualTo("1.3.6.1.2.1.1.3.0");
    assertThat(battery.getInt("check_interval_s")).isEqualTo(120);
    assertThat(config.body().getJsonArray("credentials").getJsonObject(0).getString("secret"))
        .isEqualTo("public-ro");
    assertThat(config.containsSecrets()).isTrue();
    assertThat(config.body().getInt("poll_interval_s")).isEqualTo(60);

    assertThat(configs.collectorConfig(id).etag()).isEqualTo(config.etag());
    sql.exec("UPDATE host_services SET overrides = '{\"port\": 1162}' WHERE id = " + overridden);
    assertThat(configs.collectorConfig(id).etag()).isNotEqualTo(config.etag());
  }

  @Test
  void requestedScansAreInTheCollectorConfigUntilFilledInAndChangeTheEtag() throws SQLException {
    EdgeIdentity id = configs.collector("vsk_collector-key").orElseThrow();
    EdgeConfig before = configs.collectorConfig(id);
    assertThat(before.body().getJsonArray("scans")).isEmpty();
    long scan =
        sql.id(
            "INSERT INTO discoveries (tenant_id, collector_id, cidr, options) VALUES ("
                + acme
                + ", "
                + collector
                + ", '10.20.0.0/24', '{\"ports\": [22, 161]}') RETURNING id");
    EdgeConfig requested = configs.collectorConfig(id);
    assertThat(requested.etag()).isNotEqualTo(before.etag());
    JsonObject s = requested.body().getJsonArray("scans").getJsonObject(0);
    assertThat(s.getJsonNumber("discovery_id").longValue()).isEqualTo(scan);
    assertThat(s.getString("cidr")).isEqualTo("10.20.0.0/24");
    assertThat(s.getJsonObject("options").getJsonArray("ports").toString()).isEqualTo("[22,161]");
    sql.exec("UPDATE discoveries SET status = 'finished'");
    assertThat(configs.collectorConfig(id).etag()).isEqualTo(before.etag());
  }

  @Test
  void onlyLiveCollectorKeysAuthenticate() throws SQLException {
    keyRow("api_keys", "key_hash", "vsk_automation", "automation");
    assertThat(configs.collector("vsk_automation")).isEmpty();
    assertThat(configs.collector("vsk_wrong")).isEmpty();
    assertThat(configs.collector(null)).isEmpty();
    sql.exec("UPDATE api_keys SET revoked_at = now()");
    assertThat(configs.collector("vsk_collector-key")).isEmpty();
  }

  @Test
  void anAgentEnrolsOntoItsHostAndThenGetsOnlyItsLocalChecks() throws SQLException {
    keyRow("agent_tokens", "token_hash", "vesana_agent_secret", null);
    EdgeIdentity fresh = configs.agent("vesana_agent_secret").orElseThrow();
    assertThatThrownBy(() -> configs.agentConfig(fresh))
        .isInstanceOfSatisfying(EdgeException.class, e -> assertThat(e.status()).isEqualTo(409));

    EdgeIdentity bound =
        new AgentEnrolment(db.dataSource())
            .enrol(
                fresh, new AgentEnrolment.Facts("UPS-1", "ups-1.local", "linux", "amd64", "1.2.0"));
    assertThat(bound.hostId()).isEqualTo(ups);
    assertThat(configs.agent("vesana_agent_secret").orElseThrow().hostId()).isEqualTo(ups);

    EdgeConfig config = configs.agentConfig(bound);
    assertThat(config.body().getJsonArray("checks")).hasSize(1);
    assertThat(config.body().getJsonArray("checks").getJsonObject(0).getString("kind"))
        .isEqualTo("nagios_plugin");
    assertThat(config.body().containsKey("credentials")).isFalse();
    assertThat(config.containsSecrets()).isFalse();

    configs.seen(bound, "198.51.100.7", "1.2.1", config.etag());
    String first =
        sql.string("SELECT last_seen_at::text FROM agents WHERE id = " + bound.componentId());
    configs.seen(bound, "198.51.100.7", "1.2.1", config.etag());
    assertThat(
            sql.string("SELECT last_seen_at::text FROM agents WHERE id = " + bound.componentId()))
        .as("not rewritten within a minute")
        .isEqualTo(first);
    assertThat(
            sql.string(
                "SELECT status || ' ' || host(last_address) || ' ' || software_version FROM agents"
                    + " WHERE id = "
                    + bound.componentId()))
        .isEqualTo("online 198.51.100.7 1.2.1");
  }

  @Test
  void aSecondAgentCannotTakeAHostThatHasOne() throws SQLException {
    keyRow("agent_tokens", "token_hash", "vesana_agent_one", null);
    keyRow("agent_tokens", "token_hash", "vesana_agent_two", null);
    AgentEnrolment enrolment = new AgentEnrolment(db.dataSource());
    var facts = new AgentEnrolment.Facts("ups-1", null, null, null, null);
    enrolment.enrol(configs.agent("vesana_agent_one").orElseThrow(), facts);

    assertThatThrownBy(
            () -> enrolment.enrol(configs.agent("vesana_agent_two").orElseThrow(), facts))
        .isInstanceOfSatisfying(EdgeException.class, e -> assertThat(e.status()).isEqualTo(409));
    assertThatThrownBy(
            () ->
                enrolment.enrol(
                    configs.agent("vesana_agent_two").orElseThrow(),
                    new AgentEnrolment.Facts("nope", null, null, null, null)))
        .isInstanceOfSatisfying(EdgeException.class, e -> assertThat(e.status()).isEqualTo(404));
  }
}
