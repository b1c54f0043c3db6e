package io.vesana.api;

import static io.vesana.api.ApiClient.created;
import static io.vesana.api.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * One object of every kind the API addresses by id, created in one tenant by its admin (through the
 * API; alerts and check results, which only the pipeline creates, in SQL). Every name, comment and
 * output carries {@link #marker}, so a response that leaks any of them is found by a text search.
 *
 * <p>The kinds are the values of {@code IsolationMatrix.KIND}: a new kind of object is added here
 * and there.
 */
final class TenantObjects {

  final String marker;
  private final Map<String, Long> ids = new LinkedHashMap<>();

  private TenantObjects(String marker) {
    this.marker = marker;
  }

  /** The id of the seeded object of {@code kind}. */
  long id(String kind) {
    Long id = ids.get(kind);
    if (id == null) {
      throw new IllegalArgumentException("No object of kind " + kind + " seeded: " + ids.keySet());
    }
    return id;
  }

  Map<String, Long> ids() {
    return Collections.unmodifiableMap(ids);
  }

  /**
   * Seeds the tenant of the tenant admin {@code adminEmail}; {@code label} starts the marker. The
   * admin is kind {@code admin_user}: the audit trail of their actions carries the marker.
   */
  static TenantObjects seed(ApiClient api, String adminEmail, String label) throws Exception {
    String admin = api.token(adminEmail);
    TenantObjects t =
        new TenantObjects(label + "-marker-" + UUID.randomUUID().toString().substring(0, 8));
    t.ids.put("admin_user", ApiFixture.id("SELECT id FROM users WHERE email = ?", adminEmail));
    t.inventory(api, admin);
    t.operations(api, admin);
    t.discovery(api, admin);
    t.administration(api, admin);
    return t;
  }

  private String name(String what) {
    return marker + "-" + what;
  }

  private void inventory(ApiClient api, String admin) throws Exception {
    long profile =
        created(api.send("POST", "profiles", admin, "{\"name\":\"" + name("profile") + "\"}"));
    ids.put("profile", profile);
    ids.put(
        "profile_check",
        created(
            api.send(
                "POST",
                "profiles/" + profile + "/checks",
                admin,
                "{\"name\":\"" + name("check") + "\",\"kind\":\"ping\"}")));
    // On the profile, so that a service may name the profile's check.
    String hostName = name("host");
    long host =
        created(
            api.send(
                "POST",
                "hosts",
                admin,
                "{\"name\":\"" + hostName + "\",\"profile_id\":" + profile + "}"));
    ids.put("host", host);
    ids.put(
        "tenant",
        json(api.send("GET", "hosts/" + host, admin, null)).getJsonNumber("tenant_id").longValue());
    ids.put(
        "service",
        created(
            api.send(
                "POST",
                "hosts/" + host + "/services",
                admin,
                "{\"name\":\"" + name("svc") + "\",\"kind\":\"ping\",\"settings\":{}}")));
    ids.put(
        "host_group",
        created(api.send("POST", "host-groups", admin, "{\"name\":\"" + name("group") + "\"}")));
    ids.put(
        "collector",
        created(api.send("POST", "collectors", admin, "{\"name\":\"" + name("dc") + "\"}")));
    HttpResponse<String> issued =
        api.send("POST", "agent-tokens", admin, "{\"description\":\"" + name("agent") + "\"}");
    ids.put("agent_token", created(issued));
    ids.put("agent", enrol(api, admin, json(issued).getString("token"), host, hostName));
    ids.put(
        "api_key",
        created(api.send("POST", "api-keys", admin, "{\"name\":\"" + name("key") + "\"}")));
  }

  private long enrol(ApiClient api, String admin, String agentToken, long host, String hostName)
      throws Exception {
    HttpResponse<String> enrolled =
        api.send(
            "POST",
            "agent/enrol",
            Map.of("X-Agent-Token", agentToken),
            "{\"host\":\""
                + hostName
                + "\",\"hostname\":\""
                + name("agent")
                + "\",\"os\":\"linux\"}",
            null);
    assertThat(enrolled.statusCode()).as(enrolled.body()).isEqualTo(200);
    return json(api.send("GET", "agents?host_id=" + host, admin, null))
        .getJsonArray("items")
        .getJsonObject(0)
        .getJsonNumber("id")
        .longValue();
  }

  private void operations(ApiClient api, String admin) throws Exception {
    long tenant = id("tenant");
    long host = id("host");
    long service = id("service");
    // What the pipeline would have written: a result with output, the status, an open alert.
    ApiFixture.id(
        "INSERT INTO check_results (tenant_id, service_id, checked_at, state, state_type, output,"
            + " perfdata, source) VALUES (?, ?, now() - interval '5 minutes', 2, 1, ?,"
            + " '{\"metrics\":[{\"label\":\"m\",\"value\":1}]}'::jsonb, 'agent') RETURNING 1",
        tenant,
        service,
        name("output"));
    ApiFixture.id(
        "INSERT INTO current_status (service_id, tenant_id, host_id, state, state_type,"
            + " last_check_at, last_change_at, output) VALUES (?, ?, ?, 2, 1, now(), now(), ?)"
            + " ON CONFLICT (service_id) DO UPDATE SET output = excluded.output RETURNING 1",
        service,
        tenant,
        host,
        name("status"));
    ids.put(
        "alert",
        ApiFixture.id(
            "INSERT INTO alerts (tenant_id, host_id, service_id, severity, state, summary)"
                + " VALUES (?, ?, ?, 'critical', 2, ?) RETURNING id",
            tenant,
            host,
            service,
            name("alert")));
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    ids.put(
        "downtime",
        created(
            api.send(
                "POST",
                "downtimes",
                admin,
                OperationsIT.oneOff(host, now, now.plus(1, ChronoUnit.DAYS), name("downtime")))));
    long channel =
        created(
            api.send(
                "POST",
                "notification-channels",
                admin,
                OperationsIT.webhook(name("channel"), "https://hooks.example/" + marker, null)));
    ids.put("channel", channel);
    ids.put(
        "rule",
        created(
            api.send(
                "POST",
                "notification-rules",
                admin,
                "{\"name\":\"" + name("rule") + "\",\"channel_id\":" + channel + "}")));
  }

  /**
   * A scan requested of the tenant's collector through the API, and what the worker would have
   * written from its upload (no ingest consumers run here): a found host and a suggestion for it.
   */
  private void discovery(ApiClient api, String admin) throws Exception {
    long tenant = id("tenant");
    long discovery =
        ApiClient.created(
            api.send(
                "POST",
                "discoveries",
                admin,
                "{\"collector_id\":" + id("collector") + ",\"cidr\":\"10.77.0.0/24\"}"));
    ids.put("discovery", discovery);
    long found =
        ApiFixture.id(
            "INSERT INTO discovered_hosts (tenant_id, discovery_id, address, hostname)"
                + " VALUES (?, ?, '10.77.0.9', ?) RETURNING id",
            tenant,
            discovery,
            name("found"));
    ids.put(
        "suggestion",
        ApiFixture.id(
            "INSERT INTO profile_suggestions (tenant_id, discovered_host_id, template_id,"
                + " confidence, evidence) SELECT ?, ?, id, 0.4, jsonb_build_object('note', ?::text)"
                + " FROM profile_templates WHERE slug = 'web-server' RETURNING id",
            tenant,
            found,
            name("suggestion")));
  }

  private void administration(ApiClient api, String admin) throws Exception {
    ids.put(
        "role",
        created(
            api.send(
                "POST", "roles", admin, "{\"name\":\"" + name("role") + "\",\"permissions\":[]}")));
    ids.put(
        "user",
        created(
            api.send(
                "POST",
                "users",
                admin,
                "{\"email\":\""
                    + marker.toLowerCase(Locale.ROOT)
                    + "@example.org\",\"display_name\":\""
                    + name("user")
                    + "\",\"role\":\"viewer\"}")));
    long page =
        created(
            api.send(
                "POST",
                "wiki/pages",
                admin,
                "{\"slug\":\""
                    + marker.toLowerCase(Locale.ROOT)
                    + "\",\"title\":\""
                    + name("page")
                    + "\",\"body_md\":\""
                    + name("text")
                    + "\"}"));
    ids.put("wiki_page", page);
    ids.put(
        "wiki_revision",
        json(api.send("GET", "wiki/pages/" + page + "/revisions", admin, null))
            .getJsonArray("items")
            .getJsonObject(0)
            .getJsonNumber("revision")
            .longValue());
  }
}
