package io.vesana.api;

import static io.vesana.api.ApiFixture.ADMIN_A;
import static io.vesana.api.ApiFixture.ADMIN_B;
import static io.vesana.api.ApiFixture.PASSWORD;
import static io.vesana.api.ApiFixture.VIEWER_A;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.File;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Discoveries, suggestions and baselines over real HTTP on a managed Payara Micro with the real
 * PostgreSQL and Redis: scan requests reach the collector's configuration, accepting a suggestion
 * creates the host with its profile and services, the baseline watcher runs in the container;
 * validation with pointers, permissions, tenant isolation on read and write, audit records.
 */
@ExtendWith(ArquillianExtension.class)
class DiscoveryIT {

  @ArquillianResource URL base;

  final HttpClient http = HttpClient.newHttpClient();

  @Deployment(testable = false)
  static WebArchive api() throws Exception {
    ApiFixture.prepare();
    return ShrinkWrap.create(ZipImporter.class, "vesana-api.war")
        .importFrom(new File("target/vesana-api.war"))
        .as(WebArchive.class);
  }

  @BeforeEach
  void seed() throws SQLException {
    ApiFixture.seed();
  }

  // --- HTTP ---------------------------------------------------------------------------------

  HttpResponse<String> send(String method, String path, String token, String body)
      throws Exception {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(URI.create(root() + "/v1/" + path))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      r.header("Content-Type", "application/json");
    }
    if (token != null) {
      r.header("Authorization", "Bearer " + token);
    }
    // One address counter for every class (ApiClient): classes share the rate limiter.
    r.header("X-Forwarded-For", ApiClient.nextAddress());
    return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  String root() {
    return base.toString().replaceAll("/$", "").replaceFirst("//[^:/]+", "//127.0.0.1");
  }

  static JsonObject json(HttpResponse<String> r) {
    try (JsonReader reader = Json.createReader(new StringReader(r.body()))) {
      return reader.readObject();
    }
  }

  String token(String email) throws Exception {
    String body =
        Json.createObjectBuilder().add("email", email).add("password", PASSWORD).build().toString();
    HttpResponse<String> r = send("POST", "auth/login", null, body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return json(r).getString("access_token");
  }

  static long id(HttpResponse<String> r, int status) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    return json(r).getJsonNumber("id").longValue();
  }

  static void assertPointer(HttpResponse<String> r, String pointer) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
    assertThat(r.body()).contains("\"pointer\":\"" + pointer + "\"");
  }

  static List<String> auditActions(String type, long id) throws SQLException {
    List<String> out = new ArrayList<>();
    try (var c = ApiFixture.connect(ApiFixture.DATABASE);
        var ps =
            c.prepareStatement(
                "SELECT action FROM audit_log WHERE entity_type = ? AND entity_id = ? ORDER BY id")) {
      ps.setString(1, type);
      ps.setString(2, Long.toString(id));
      try (var rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }

  static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** A collector of the admin's tenant: {id, api_key}. */
  JsonObject collector(String admin) throws Exception {
    HttpResponse<String> r =
        send("POST", "collectors", admin, "{\"name\":\"" + unique("dc") + "\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return json(r);
  }

  HttpResponse<String> collectorConfig(String apiKey) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(root() + "/v1/collector/config"))
            .header("X-API-Key", apiKey)
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static String scan(long collector, String cidr) {
    return "{\"collector_id\":" + collector + ",\"cidr\":\"" + cidr + "\"}";
  }

  /** A finished scan with one found host and two suggestions, as the worker stores uploads. */
  static long[] foundHost(long collector, String address, String hostname) throws SQLException {
    long scan =
        ApiFixture.id(
            "INSERT INTO discoveries (tenant_id, collector_id, cidr, status, started_at,"
                + " finished_at) SELECT tenant_id, id, network(?::inet), 'finished', now(), now()"
                + " FROM collectors WHERE id = ? RETURNING id",
            address + "/24",
            collector);
    long host =
        ApiFixture.id(
            "INSERT INTO discovered_hosts (tenant_id, discovery_id, address, hostname,"
                + " sys_object_id, open_ports) SELECT tenant_id, id, ?::inet, ?,"
                + " '1.3.6.1.4.1.318.1.3.27', '[{\"port\": 80, \"proto\": \"tcp\"}]'"
                + " FROM discoveries WHERE id = ? RETURNING id",
            address,
            hostname,
            scan);
    long ups = suggestion(host, "apc-ups", "0.9");
    long web = suggestion(host, "web-server", "0.4");
    return new long[] {scan, host, ups, web};
  }

  static long suggestion(long discoveredHost, String slug, String confidence) throws SQLException {
    return ApiFixture.id(
        "INSERT INTO profile_suggestions (tenant_id, discovered_host_id, template_id, confidence,"
            + " evidence) SELECT d.tenant_id, d.id, t.id, ?::numeric, '{\"rule\": \"test\"}'"
            + " FROM discovered_hosts d, profile_templates t WHERE d.id = ? AND t.slug = ?"
            + " RETURNING id",
        confidence,
        discoveredHost,
        slug);
  }

  // --- discoveries --------------------------------------------------------------------------

  @Test
  void aRequestedScanIsListedAuditedAndCarriedByTheCollectorConfigUntilFilledIn() throws Exception {
    String admin = token(ADMIN_A);
    JsonObject dc = collector(admin);
    long collector = dc.getJsonNumber("id").longValue();
    String before = collectorConfig(dc.getString("api_key")).headers().firstValue("ETag").get();

    HttpResponse<String> r =
        send(
            "POST",
            "discoveries",
            admin,
            "{\"collector_id\":" + collector + ",\"cidr\":\"10.50.0.9/24\",\"ports\":[22,161,22]}");
    long scan = id(r, 201);
    JsonObject created = json(r);
    assertThat(created.getString("cidr")).isEqualTo("10.50.0.0/24");
    assertThat(created.getString("status")).isEqualTo("requested");
    assertThat(created.getJsonObject("options").toString()).isEqualTo("{\"ports\":[22,161]}");
    assertThat(r.headers().firstValue("Location").orElse("")).endsWith("discoveries/" + scan);
    assertThat(auditActions("discovery", scan)).containsExactly("discovery.requested");

    HttpResponse<String> config = collectorConfig(dc.getString("api_key"));
    assertThat(config.headers().firstValue("ETag").get()).isNotEqualTo(before);
    JsonArray scans = json(config).getJsonArray("scans");
    assertThat(scans).hasSize(1);
    assertThat(scans.getJsonObject(0).getJsonNumber("discovery_id").longValue()).isEqualTo(scan);
    assertThat(scans.getJsonObject(0).getString("cidr")).isEqualTo("10.50.0.0/24");

    long second = id(send("POST", "discoveries", admin, scan(collector, "10.51.0.0/16")), 201);
    JsonObject page =
        json(send("GET", "discoveries?collector_id=" + collector + "&limit=1", admin, null));
    assertThat(page.getJsonArray("items")).hasSize(1);
    assertThat(page.getJsonNumber("next_after").longValue()).isEqualTo(scan);
    JsonObject next =
        json(
            send(
                "GET",
                "discoveries?collector_id=" + collector + "&limit=1&after=" + scan,
                admin,
                null));
    assertThat(next.getJsonArray("items").getJsonObject(0).getJsonNumber("id").longValue())
        .isEqualTo(second);
    ApiFixture.id("UPDATE discoveries SET status = 'finished' WHERE id = ? RETURNING id", second);
    JsonObject requested =
        json(send("GET", "discoveries?status=requested&collector_id=" + collector, admin, null));
    assertThat(requested.getJsonArray("items")).hasSize(1);
    String future = Instant.now().plusSeconds(3600).toString();
    assertThat(json(send("GET", "discoveries?from=" + future, admin, null)).getJsonArray("items"))
        .isEmpty();
    assertThat(send("GET", "discoveries?status=bogus", admin, null).statusCode()).isEqualTo(400);
    assertThat(send("GET", "discoveries?from=yesterday", admin, null).statusCode()).isEqualTo(400);

    JsonObject detail = json(send("GET", "discoveries/" + scan, admin, null));
    assertThat(detail.getJsonArray("hosts")).isEmpty();
    assertThat(detail.isNull("hosts_next_after")).isTrue();
  }

  @Test
  void scanRequestsAreValidatedWithPointersAndNeedDiscoveryRun() throws Exception {
    String admin = token(ADMIN_A);
    long collector = collector(admin).getJsonNumber("id").longValue();
    assertPointer(send("POST", "discoveries", admin, scan(collector, "10.0.0.0/8")), "/cidr");
    assertPointer(send("POST", "discoveries", admin, scan(collector, "10.0.0/24")), "/cidr");
    assertPointer(send("POST", "discoveries", admin, scan(collector, "fd00::/64")), "/cidr");
    assertPointer(
        send("POST", "discoveries", admin, "{\"cidr\":\"10.0.0.0/24\"}"), "/collector_id");
    assertPointer(
        send(
            "POST",
            "discoveries",
            admin,
            "{\"collector_id\":" + collector + ",\"cidr\":\"10.0.0.0/24\",\"ports\":[22,70000]}"),
        "/ports/1");
    assertPointer(send("POST", "discoveries", admin, "{\"colour\":\"red\"}"), "/colour");
    assertPointer(
        send("POST", "discoveries", admin, scan(999_999_999L, "10.0.0.0/24")), "/collector_id");
    String viewer = token(VIEWER_A);
    assertThat(send("POST", "discoveries", viewer, scan(collector, "10.0.0.0/24")).statusCode())
        .isEqualTo(403);
    assertThat(send("GET", "discoveries", viewer, null).statusCode()).isEqualTo(200);
    assertThat(send("GET", "discoveries", null, null).statusCode()).isEqualTo(401);
  }

  @Test
  void anotherTenantsScansSuggestionsAndCollectorsAreNotFound() throws Exception {
    String adminA = token(ADMIN_A);
    String adminB = token(ADMIN_B);
    long collectorB = collector(adminB).getJsonNumber("id").longValue();
    long scanB = id(send("POST", "discoveries", adminB, scan(collectorB, "172.16.0.0/24")), 201);
    long[] found = foundHost(collectorB, "172.16.9.5", "b-ups");

    assertThat(send("GET", "discoveries/" + scanB, adminA, null).statusCode()).isEqualTo(404);
    assertThat(send("GET", "discoveries/" + found[0] + "/hosts", adminA, null).statusCode())
        .isEqualTo(404);
    assertThat(json(send("GET", "discoveries?limit=500", adminA, null)).toString())
        .doesNotContain("172.16.");
    assertPointer(
        send("POST", "discoveries", adminA, scan(collectorB, "10.0.0.0/24")), "/collector_id");
    assertThat(send("GET", "suggestions/" + found[2], adminA, null).statusCode()).isEqualTo(404);
    assertThat(json(send("GET", "suggestions?limit=500", adminA, null)).toString())
        .doesNotContain("172.16.");
    assertThat(send("POST", "suggestions/" + found[2] + "/accept", adminA, "{}").statusCode())
        .isEqualTo(404);
    assertThat(send("POST", "suggestions/" + found[3] + "/dismiss", adminA, null).statusCode())
        .isEqualTo(404);
    JsonObject still = json(send("GET", "suggestions/" + found[2], adminB, null));
    assertThat(still.getString("status")).isEqualTo("suggested");
    assertThat(send("GET", "discoveries/" + found[0], adminB, null).statusCode()).isEqualTo(200);
  }

  // --- suggestions --------------------------------------------------------------------------

  @Test
  void acceptingCreatesTheHostWithAProfileFromTheTemplateAndItsServices() throws Exception {
    String admin = token(ADMIN_A);
    long collector = collector(admin).getJsonNumber("id").longValue();
    String name = unique("ups");
    long[] found = foundHost(collector, "10.60.0.20", name);

    JsonObject detail = json(send("GET", "discoveries/" + found[0], admin, null));
    assertThat(detail.getInt("host_count")).isEqualTo(1);
    JsonObject host = detail.getJsonArray("hosts").getJsonObject(0);
    assertThat(host.getString("address")).isEqualTo("10.60.0.20");
    assertThat(host.getString("sys_object_id")).isEqualTo("1.3.6.1.4.1.318.1.3.27");
    JsonObject open = json(send("GET", "suggestions?discovery_id=" + found[0], admin, null));
    assertThat(open.getJsonArray("items")).hasSize(2);
    assertThat(open.getJsonArray("items").getJsonObject(0).getString("template"))
        .isEqualTo("apc-ups");

    String viewer = token(VIEWER_A);
    assertThat(send("POST", "suggestions/" + found[2] + "/accept", viewer, "{}").statusCode())
        .isEqualTo(403);
    assertPointer(
        send("POST", "suggestions/" + found[2] + "/accept", admin, "{\"name\":5}"), "/name");

    HttpResponse<String> r = send("POST", "suggestions/" + found[2] + "/accept", admin, "{}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonObject accepted = json(r);
    assertThat(accepted.getString("status")).isEqualTo("accepted");
    long hostId = accepted.getJsonNumber("applied_host_id").longValue();
    JsonObject created = json(send("GET", "hosts/" + hostId, admin, null));
    assertThat(created.getString("name")).isEqualTo(name);
    assertThat(created.getString("address")).isEqualTo("10.60.0.20");
    assertThat(created.getJsonNumber("collector_id").longValue()).isEqualTo(collector);
    long profile = created.getJsonNumber("profile_id").longValue();
    assertThat(json(send("GET", "profiles/" + profile, admin, null)).getString("name"))
        .startsWith("APC UPS");
    assertThat(
            ApiFixture.id(
                "SELECT count(*) FROM host_services WHERE host_id = ? AND name IN"
                    + " ('Ping', 'UPS output status')",
                hostId))
        .as("the profile's services were created with the host")
        .isEqualTo(2);
    assertThat(json(send("GET", "suggestions/" + found[3], admin, null)).getString("status"))
        .as("the other suggestion for the same host")
        .isEqualTo("rejected");
    assertThat(json(send("GET", "discoveries/" + found[0] + "/hosts", admin, null)).toString())
        .contains("\"matched_host_id\":" + hostId);
    assertThat(auditActions("profile_suggestion", found[2])).containsExactly("suggestion.accepted");
    assertThat(auditActions("host", hostId)).containsExactly("host.created");
    assertThat(auditActions("profile", profile)).containsExactly("profile.created");

    assertThat(send("POST", "suggestions/" + found[2] + "/accept", admin, "{}").statusCode())
        .isEqualTo(409);
    // A second UPS reuses the tenant's profile made from the template.
    long[] second = foundHost(collector, "10.60.1.20", unique("ups"));
    JsonObject again =
        json(
            send(
                "POST",
                "suggestions/" + second[2] + "/accept",
                admin,
                "{\"name\":\"" + unique("ups-b") + "\"}"));
    long secondHost = again.getJsonNumber("applied_host_id").longValue();
    assertThat(
            json(send("GET", "hosts/" + secondHost, admin, null))
                .getJsonNumber("profile_id")
                .longValue())
        .isEqualTo(profile);
    // No body at all: the defaults (discovered hostname as name).
    String third = unique("ups-c");
    long[] found3 = foundHost(collector, "10.60.2.20", third);
    HttpResponse<String> bare = send("POST", "suggestions/" + found3[2] + "/accept", admin, null);
    assertThat(bare.statusCode()).as(bare.body()).isEqualTo(200);
    long thirdHost = json(bare).getJsonNumber("applied_host_id").longValue();
    assertThat(json(send("GET", "hosts/" + thirdHost, admin, null)).getString("name"))
        .isEqualTo(third);
  }

  @Test
  void dismissingRejectsOnceAndTheListFiltersByStatus() throws Exception {
    String admin = token(ADMIN_A);
    long collector = collector(admin).getJsonNumber("id").longValue();
    long[] found = foundHost(collector, "10.61.0.7", unique("web"));
    assertThat(
            send("POST", "suggestions/" + found[3] + "/dismiss", token(VIEWER_A), null)
                .statusCode())
        .isEqualTo(403);
    HttpResponse<String> r = send("POST", "suggestions/" + found[3] + "/dismiss", admin, null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(json(r).getString("status")).isEqualTo("rejected");
    assertThat(json(r).isNull("decided_at")).isFalse();
    assertThat(send("POST", "suggestions/" + found[3] + "/dismiss", admin, null).statusCode())
        .isEqualTo(409);
    assertThat(auditActions("profile_suggestion", found[3]))
        .containsExactly("suggestion.dismissed");
    String q = "suggestions?discovery_id=" + found[0] + "&status=";
    assertThat(json(send("GET", q + "suggested", admin, null)).getJsonArray("items")).hasSize(1);
    assertThat(json(send("GET", q + "rejected", admin, null)).getJsonArray("items")).hasSize(1);
    assertThat(json(send("GET", q + "all", admin, null)).getJsonArray("items")).hasSize(2);
    assertThat(send("GET", q + "maybe", admin, null).statusCode()).isEqualTo(400);
  }

  // --- baselines ----------------------------------------------------------------------------

  /** A service of the tenant with ten "load" results 1..10 in the last day and current 30. */
  static long serviceWithHistory(String tenantSlug) throws SQLException {
    long host =
        ApiFixture.id(
            "INSERT INTO hosts (tenant_id, name) SELECT id, ? FROM tenants WHERE slug = ?"
                + " RETURNING id",
            unique("bl"),
            tenantSlug);
    long service =
        ApiFixture.id(
            "INSERT INTO host_services (tenant_id, host_id, name, kind, settings)"
                + " SELECT tenant_id, id, 'Load', 'passive', '{}' FROM hosts WHERE id = ?"
                + " RETURNING id",
            host);
    ApiFixture.id(
        "INSERT INTO check_results (tenant_id, service_id, checked_at, state, state_type,"
            + " perfdata, source) SELECT tenant_id, id, now() - g * interval '1 hour', 0, 1,"
            + " jsonb_build_object('metrics', jsonb_build_array(jsonb_build_object('label',"
            + " 'load', 'value', g))), 'api' FROM host_services, generate_series(1, 10) g"
            + " WHERE id = ? RETURNING 1",
        service);
    ApiFixture.id(
        "INSERT INTO current_status (service_id, tenant_id, host_id, state, last_check_at,"
            + " perfdata) SELECT id, tenant_id, host_id, 0, now(),"
            + " '{\"metrics\": [{\"label\": \"load\", \"value\": 30}]}' FROM host_services"
            + " WHERE id = ? RETURNING 1",
        service);
    return service;
  }

  @Test
  void theBaselineWatcherComputesBaselinesAndTheServiceViewFlagsTheCurrentValue() throws Exception {
    long service = serviceWithHistory("acme");
    long other = serviceWithHistory("globex");
    long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (ApiFixture.id("SELECT count(*) FROM service_baselines WHERE service_id = ?", service)
        == 0) {
      assertThat(System.nanoTime() - until).as("baseline computed by the watcher").isNegative();
      Thread.sleep(200);
    }
    String viewer = token(VIEWER_A);
    HttpResponse<String> r = send("GET", "services/" + service + "/baselines", viewer, null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonObject body = json(r);
    assertThat(body.getJsonNumber("k").doubleValue()).isEqualTo(3.0);
    JsonObject load = body.getJsonArray("items").getJsonObject(0);
    assertThat(load.getString("metric")).isEqualTo("load");
    assertThat(load.getInt("samples")).isEqualTo(10);
    assertThat(load.getJsonNumber("mean").doubleValue()).isEqualTo(5.5);
    assertThat(load.getJsonNumber("stddev").doubleValue())
        .isCloseTo(Math.sqrt(55.0 / 6.0), org.assertj.core.api.Assertions.within(1e-9));
    assertThat(load.getJsonNumber("current").doubleValue()).isEqualTo(30.0);
    assertThat(load.getBoolean("anomalous")).as("30 > 5.5 + 3 * 3.03 = 14.6").isTrue();
    JsonObject wide = json(send("GET", "services/" + service + "/baselines?k=10", viewer, null));
    assertThat(wide.getJsonArray("items").getJsonObject(0).getBoolean("anomalous"))
        .as("30 < 5.5 + 10 * 3.03 = 35.8")
        .isFalse();
    assertThat(send("GET", "services/" + service + "/baselines?k=100", viewer, null).statusCode())
        .isEqualTo(400);
    assertThat(send("GET", "services/" + other + "/baselines", viewer, null).statusCode())
        .as("another tenant's service")
        .isEqualTo(404);
    assertThat(send("GET", "services/" + service, viewer, null).statusCode())
        .as("the status resource still answers beside it")
        .isEqualTo(200);
  }

  @Test
  void theOpenApiDocumentListsTheDiscoveryEndpoints() throws Exception {
    String server = root().replaceFirst("(//[^/]+).*", "$1");
    HttpResponse<String> doc =
        http.send(
            HttpRequest.newBuilder(URI.create(server + "/openapi"))
                .header("Accept", "application/json")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(doc.statusCode()).isEqualTo(200);
    assertThat(doc.body())
        .contains(
            "/v1/discoveries",
            "/v1/discoveries/{id}",
            "/v1/discoveries/{id}/hosts",
            "/v1/suggestions",
            "/v1/suggestions/{id}",
            "/v1/suggestions/{id}/accept",
            "/v1/suggestions/{id}/dismiss",
            "/v1/services/{id}/baselines");
  }
}
