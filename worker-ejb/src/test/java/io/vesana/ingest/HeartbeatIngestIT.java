package io.vesana.ingest;

import static io.vesana.ingest.IngestFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vesana.alerts.AlertTransition;
import io.vesana.contract.IngestStream;
import io.vesana.heartbeats.EdgeLiveness;
import io.vesana.testing.Sql;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Heartbeats end to end on real Redis and PostgreSQL: entries written the way the receiver writes
 * them reach the agents and collectors tables through the running consumer; the dead-component work
 * makes silent ones offline, their hosts UNREACHABLE, the services they run UNKNOWN and opens a
 * host alert; the next heartbeat recovers them and resolves it.
 */
class HeartbeatIngestIT {

  static final Duration WAIT = Duration.ofSeconds(30);

  IngestFixture fx;
  long tenant;
  long web;
  long router;
  long agentToken;
  long apiKey;
  long collector;
  long agentCheck;
  long pingCheck;
  long passive;

  @BeforeEach
  void setUp() throws Exception {
    fx = new IngestFixture();
    tenant = fx.tenant("acme");
    web = fx.host(tenant, "web-1");
    agentToken = fx.agentFor(tenant, web);
    apiKey =
        fx.id(
            "INSERT INTO api_keys (tenant_id, name, key_hash, prefix) VALUES (?, 'c', ?, 'vesana_ck_12')"
                + " RETURNING id",
            tenant,
            new byte[32]);
    collector =
        fx.id(
            "INSERT INTO collectors (tenant_id, name, api_key_id) VALUES (?, 'dc1', ?) RETURNING id",
            tenant,
            apiKey);
    router = fx.host(tenant, "router-1");
    fx.id("UPDATE hosts SET collector_id = ? WHERE id = ? RETURNING id", collector, router);
    agentCheck = kindService(web, "CPU", "agent", "{\"check\":\"cpu\"}");
    passive = fx.service(tenant, web, "Backup", 3);
    pingCheck = kindService(router, "Ping", "ping", "{}");
    fx.id(
        "INSERT INTO current_status (service_id, tenant_id, host_id, state)"
            + " SELECT id, tenant_id, host_id, 0 FROM host_services RETURNING 1");
  }

  private long kindService(long host, String name, String kind, String settings) throws Exception {
    return fx.id(
        "INSERT INTO host_services (tenant_id, host_id, name, kind, settings)"
            + " VALUES (?, ?, ?, ?, ?::jsonb) RETURNING id",
        tenant,
        host,
        name,
        kind,
        settings);
  }

  @AfterEach
  void tearDown() throws Exception {
    fx.close();
  }

  private void heartbeat(String source, long cred, String version) {
    Map<String, String> f = new HashMap<>();
    f.put(IngestStream.F_VERSION, IngestStream.FORMAT_VERSION);
    f.put(IngestStream.F_KIND, IngestStream.KIND_HEARTBEAT);
    f.put(IngestStream.F_TENANT, Long.toString(tenant));
    f.put(IngestStream.F_SOURCE, source);
    f.put(IngestStream.F_CREDENTIAL, Long.toString(cred));
    f.put(IngestStream.F_RECEIVED, Long.toString(System.currentTimeMillis()));
    f.put(
        IngestStream.F_BODY,
        "{\"sent_at\":"
            + System.currentTimeMillis()
            + ",\"software_version\":\""
            + version
            + "\",\"hostname\":\"web-1\",\"os\":\"linux\",\"arch\":\"amd64\"}");
    fx.xadd(f);
  }

  private String q(String sql) throws Exception {
    try (Connection c = fx.dataSource().getConnection()) {
      return new Sql(c).string(sql);
    }
  }

  private String qs(String sql) {
    try {
      return q(sql);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void heartbeatsMarkAgentsAndCollectorsOnlineWithTheirVersion() throws Exception {
    fx.start("w1");
    heartbeat(IngestStream.SOURCE_AGENT, agentToken, "1.4.2");
    heartbeat(IngestStream.SOURCE_COLLECTOR, apiKey, "2.0.0");
    await(
        "both online",
        WAIT,
        () ->
            "2"
                .equals(
                    qs(
                        "SELECT count(*) FROM (SELECT status FROM agents WHERE status ="
                            + " 'online' UNION ALL SELECT status FROM collectors WHERE status = 'online') x")));
    assertThat(q("SELECT software_version || '/' || os || '/' || arch FROM agents"))
        .isEqualTo("1.4.2/linux/amd64");
    assertThat(q("SELECT software_version FROM collectors")).isEqualTo("2.0.0");
    assertThat(q("SELECT last_seen_at > now() - interval '1 minute' FROM agents")).isEqualTo("t");
    await("drained", WAIT, fx::drained);
    assertThat(fx.deadLetters.count()).as("no heartbeat dead-lettered").isZero();
  }

  @Test
  void undecodableHeartbeatIsDeadLetteredNotRetried() throws Exception {
    fx.start("w1");
    Map<String, String> f = new HashMap<>();
    f.put(IngestStream.F_VERSION, IngestStream.FORMAT_VERSION);
    f.put(IngestStream.F_KIND, IngestStream.KIND_HEARTBEAT);
    f.put(IngestStream.F_TENANT, Long.toString(tenant));
    f.put(IngestStream.F_SOURCE, "toaster");
    f.put(IngestStream.F_CREDENTIAL, "1");
    f.put(IngestStream.F_RECEIVED, "1");
    f.put(IngestStream.F_BODY, "{}");
    fx.xadd(f);
    await("dead-lettered", WAIT, () -> fx.deadLetters.count() == 1);
    await("drained", WAIT, fx::drained);
  }

  @Test
  void silentComponentsGoOfflineTheirHostsUnreachableAndRecoverOnTheNextHeartbeat()
      throws Exception {
    fx.start("w1");
    heartbeat(IngestStream.SOURCE_AGENT, agentToken, "1.4.2");
    heartbeat(IngestStream.SOURCE_COLLECTOR, apiKey, "2.0.0");
    await("online", WAIT, () -> "online".equals(qs("SELECT status FROM collectors")));
    await("online", WAIT, () -> "online".equals(qs("SELECT status FROM agents")));

    EdgeLiveness liveness = new EdgeLiveness();
    Instant later = Instant.now().plus(Duration.ofMinutes(10));
    List<AlertTransition> opened;
    try (Connection c = fx.dataSource().getConnection()) {
      assertThat(liveness.markDead(c, Instant.now(), Duration.ofMinutes(3)))
          .as("seen just now: alive")
          .isEmpty();
      opened = liveness.markDead(c, later, Duration.ofMinutes(3));
      assertThat(liveness.markDead(c, later, Duration.ofMinutes(3))).as("once").isEmpty();
    }
    assertThat(opened).hasSize(2).allMatch(t -> t.kind() == AlertTransition.Kind.OPENED);
    assertThat(q("SELECT status FROM agents") + q("SELECT status FROM collectors"))
        .isEqualTo("offlineoffline");
    assertThat(q("SELECT string_agg(state::text, ',' ORDER BY host_id) FROM host_status"))
        .isEqualTo("2,2");
    assertThat(q("SELECT state FROM current_status WHERE service_id = " + agentCheck))
        .isEqualTo("3");
    assertThat(q("SELECT state FROM current_status WHERE service_id = " + pingCheck))
        .isEqualTo("3");
    assertThat(q("SELECT state FROM current_status WHERE service_id = " + passive))
        .as("a passive check does not depend on the agent")
        .isEqualTo("0");
    assertThat(
            q(
                "SELECT string_agg(severity || ':' || (service_id IS NULL), ',') FROM alerts"
                    + " WHERE resolved_at IS NULL"))
        .isEqualTo("unreachable:true,unreachable:true");

    // The agent comes back: its host's alert resolves, the router's stays open.
    heartbeat(IngestStream.SOURCE_AGENT, agentToken, "1.4.3");
    await("agent back", WAIT, () -> "online".equals(qs("SELECT status FROM agents")));
    assertThat(q("SELECT count(*) FROM alerts WHERE resolved_at IS NULL AND host_id = " + web))
        .isEqualTo("0");
    assertThat(q("SELECT count(*) FROM alerts WHERE resolved_at IS NULL AND host_id = " + router))
        .isEqualTo("1");
    assertThat(q("SELECT state FROM host_status WHERE host_id = " + web)).isEqualTo("0");
    assertThat(
            q(
                "SELECT string_agg(e.kind, ',' ORDER BY e.id) FROM alert_events e"
                    + " JOIN alerts a ON a.id = e.alert_id WHERE a.host_id = "
                    + web))
        .isEqualTo("opened,resolved");
    await(
        "recovery announced",
        WAIT,
        () ->
            fx.notified.stream()
                .anyMatch(t -> t.kind() == AlertTransition.Kind.RESOLVED && t.hostId() == web));
  }
}
