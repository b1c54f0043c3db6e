package io.vesana.ingest;

import static io.vesana.ingest.IngestFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vesana.contract.IngestStream;
import io.vesana.testing.Sql;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Discovery uploads end to end on real Redis and PostgreSQL: entries written the way the receiver
 * writes them reach discoveries, discovered_hosts and profile_suggestions through the running
 * consumer; a replay changes nothing; bad entries are dead-lettered, not retried.
 */
class DiscoveryIngestIT {

  static final Duration WAIT = Duration.ofSeconds(30);

  IngestFixture fx;
  long tenant;
  long apiKey;
  long collector;
  long known;

  @BeforeEach
  void setUp() throws Exception {
    fx = new IngestFixture();
    tenant = fx.tenant("acme");
    apiKey =
        fx.id(
            "INSERT INTO api_keys (tenant_id, name, key_hash, prefix) VALUES (?, 'c', ?,"
                + " 'vesana_ck_12') RETURNING id",
            tenant,
            new byte[32]);
    collector =
        fx.id(
            "INSERT INTO collectors (tenant_id, name, api_key_id) VALUES (?, 'dc1', ?) RETURNING id",
            tenant,
            apiKey);
    known = fx.host(tenant, "router-1");
    fx.id("UPDATE hosts SET address = '10.9.0.1' WHERE id = ? RETURNING id", known);
  }

  @AfterEach
  void tearDown() throws Exception {
    fx.close();
  }

  static JsonObjectBuilder host(String address, String oid, int... ports) {
    JsonArrayBuilder p = Json.createArrayBuilder();
    for (int port : ports) {
      p.add(port);
    }
    JsonObjectBuilder h = Json.createObjectBuilder().add("address", address).add("open_ports", p);
    if (oid != null) {
      h.add("sys_object_id", oid);
    }
    return h;
  }

  Map<String, String> entry(long cred, String cidr, Instant started, JsonObjectBuilder... hosts) {
    JsonArrayBuilder a = Json.createArrayBuilder();
    for (JsonObjectBuilder h : hosts) {
      a.add(h);
    }
    Map<String, String> f = new HashMap<>();
    f.put(IngestStream.F_VERSION, IngestStream.FORMAT_VERSION);
    f.put(IngestStream.F_KIND, IngestStream.KIND_DISCOVERY);
    f.put(IngestStream.F_TENANT, Long.toString(tenant));
    f.put(IngestStream.F_SOURCE, IngestStream.SOURCE_COLLECTOR);
    f.put(IngestStream.F_CREDENTIAL, Long.toString(cred));
    f.put(IngestStream.F_RECEIVED, Long.toString(System.currentTimeMillis()));
    f.put(
        IngestStream.F_BODY,
        Json.createObjectBuilder()
            .add("cidr", cidr)
            .add("started_at", started.toEpochMilli())
            .add("finished_at", started.plusSeconds(30).toEpochMilli())
            .add("hosts", a)
            .build()
            .toString());
    return f;
  }

  String q(String sql) {
    try (Connection c = fx.dataSource().getConnection()) {
      return new Sql(c).string(sql);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void uploadFillsTheRequestStoresHostsAndSuggestsProfilesOnceAlsoWhenReplayed() throws Exception {
    long requested =
        fx.id(
            "INSERT INTO discoveries (tenant_id, collector_id, cidr) VALUES (?, ?, '10.9.0.0/24')"
                + " RETURNING id",
            tenant,
            collector);
    Instant started = Instant.parse("2026-03-01T10:00:00Z");
    Map<String, String> f =
        entry(
            apiKey,
            "10.9.0.7/24",
            started,
            host("10.9.0.1", null, 22),
            host("10.9.0.20", ".1.3.6.1.4.1.318.1.3.27", 80, 161),
            host("10.9.0.21", null, 22, 443),
            host("10.9.0.22", null, 8080),
            host("not-an-ip", null, 22));
    fx.start("w1");
    fx.xadd(f);
    await("stored", WAIT, () -> "finished".equals(q("SELECT status FROM discoveries")));
    await("drained", WAIT, fx::drained);
    fx.xadd(f); // the same upload again (a re-delivery or a collector spool replay)
    await("drained again", WAIT, fx::drained);

    assertThat(q("SELECT count(*) FROM discoveries"))
        .as("the request was filled in")
        .isEqualTo("1");
    assertThat(q("SELECT id || ' ' || cidr || ' ' || started_at FROM discoveries"))
        .isEqualTo(requested + " 10.9.0.0/24 2026-03-01 10:00:00+00");
    assertThat(
            q(
                "SELECT string_agg(host(address) || ':' || coalesce(matched_host_id::text, '-'),"
                    + " ',' ORDER BY address) FROM discovered_hosts"))
        .as("an invalid address is skipped; the known host is matched")
        .isEqualTo("10.9.0.1:" + known + ",10.9.0.20:-,10.9.0.21:-,10.9.0.22:-");
    assertThat(
            q(
                "SELECT string_agg(host(d.address) || '=' || t.slug || '@' || s.confidence, ','"
                    + " ORDER BY d.address, s.confidence DESC) FROM profile_suggestions s"
                    + " JOIN discovered_hosts d ON d.id = s.discovered_host_id"
                    + " JOIN profile_templates t ON t.id = s.template_id"))
        .as("SNMP identity first, then port rules; nothing for the matched or unknown hosts")
        .isEqualTo(
            "10.9.0.20=apc-ups@0.900,10.9.0.20=web-server@0.400,"
                + "10.9.0.21=linux-ssh-server@0.500,10.9.0.21=web-server@0.400");
    assertThat(q("SELECT count(*) FROM profile_suggestions WHERE status <> 'suggested'"))
        .isEqualTo("0");
    assertThat(fx.deadLetters.count()).isZero();
  }

  @Test
  void unrequestedScanIsANewRowAndATenantProfileFromTheTemplateIsSuggested() throws Exception {
    long profile =
        fx.id(
            "INSERT INTO profiles (tenant_id, name, template_id)"
                + " SELECT ?, 'Our UPS', id FROM profile_templates WHERE slug = 'apc-ups'"
                + " RETURNING id",
            tenant);
    fx.start("w1");
    fx.xadd(
        entry(
            apiKey,
            "192.168.5.0/28",
            Instant.parse("2026-03-02T08:00:00Z"),
            host("192.168.5.3", "1.3.6.1.4.1.318.1.3.2")));
    await("stored", WAIT, () -> "1".equals(q("SELECT count(*) FROM profile_suggestions")));
    assertThat(q("SELECT status || ' ' || cidr FROM discoveries"))
        .isEqualTo("finished 192.168.5.0/28");
    assertThat(q("SELECT profile_id || ' ' || (template_id IS NULL) FROM profile_suggestions"))
        .isEqualTo(profile + " true");
  }

  @Test
  void uploadsOfNoCollectorOrWithABadBlockAreDeadLettered() throws Exception {
    fx.start("w1");
    fx.xadd(entry(apiKey + 1000, "10.0.0.0/24", Instant.now(), host("10.0.0.1", null)));
    fx.xadd(entry(apiKey, "10.0.0.0/99", Instant.now(), host("10.0.0.1", null)));
    await("dead-lettered", WAIT, () -> fx.deadLetters.count() == 2);
    await("drained", WAIT, fx::drained);
    assertThat(q("SELECT count(*) FROM discoveries")).isEqualTo("0");
  }
}
