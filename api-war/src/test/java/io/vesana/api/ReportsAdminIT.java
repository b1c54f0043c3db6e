package io.vesana.api;

import static io.vesana.api.ApiFixture.ADMIN_A;
import static io.vesana.api.ApiFixture.ADMIN_B;
import static io.vesana.api.ApiFixture.PASSWORD;
import static io.vesana.api.ApiFixture.VIEWER_A;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.File;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.SQLException;
import java.time.Duration;
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
 * Custom roles, role assignment, availability reports (JSON and CSV), the wiki and the admin
 * endpoints (audit log, settings, health) over real HTTP on Payara Micro, PostgreSQL and Redis.
 */
@ExtendWith(ArquillianExtension.class)
class ReportsAdminIT {

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

  HttpResponse<String> send(String method, String path, String token, String body, String accept)
      throws Exception {
    String root = base.toString().replaceAll("/$", "").replaceFirst("//[^:/]+", "//127.0.0.1");
    HttpRequest.Builder r =
        HttpRequest.newBuilder(URI.create(root + "/v1/" + path))
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
    if (accept != null) {
      r.header("Accept", accept);
    }
    // One address counter for every class (ApiClient): classes share the rate limiter.
    r.header("X-Forwarded-For", ApiClient.nextAddress());
    return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> send(String method, String path, String token, String body)
      throws Exception {
    return send(method, path, token, body, null);
  }

  static JsonObject json(HttpResponse<String> r) {
    try (JsonReader reader = Json.createReader(new StringReader(r.body()))) {
      return reader.readObject();
    }
  }

  String token(String email, String password) throws Exception {
    String body =
        Json.createObjectBuilder().add("email", email).add("password", password).build().toString();
    HttpResponse<String> r = send("POST", "auth/login", null, body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return json(r).getString("access_token");
  }

  String token(String email) throws Exception {
    return token(email, PASSWORD);
  }

  String superAdmin() throws Exception {
    String password =
        Files.readString(
                ApiFixture.keyDir().resolve("first-admin-password"), StandardCharsets.UTF_8)
            .strip();
    return token("admin@vesana.local", password);
  }

  static long tenantId(String slug) throws SQLException {
    return ApiFixture.id("SELECT id FROM tenants WHERE slug = ?", slug);
  }

  static long id(HttpResponse<String> r) {
    return json(r).getJsonNumber("id").longValue();
  }

  static void assertPointer(HttpResponse<String> r, String pointer) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(json(r).getJsonArray("errors").getJsonObject(0).getString("pointer"))
        .isEqualTo(pointer);
  }

  static List<String> audit(String type, String id) throws SQLException {
    List<String> out = new ArrayList<>();
    try (var c = ApiFixture.connect(ApiFixture.DATABASE);
        var ps =
            c.prepareStatement(
                "SELECT action FROM audit_log WHERE entity_type = ? AND entity_id = ?"
                    + " ORDER BY id")) {
      ps.setString(1, type);
      ps.setString(2, id);
      try (var rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }

  // --- roles --------------------------------------------------------------------------------

  @Test
  void customRolesAreCreatedValidatedChangedDeletedAndAudited() throws Exception {
    String admin = token(ADMIN_A);
    HttpResponse<String> list = send("GET", "roles", admin, null);
    assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
    assertThat(json(list).getJsonArray("built_in").toString())
        .contains("\"tenant_admin\"", "\"operator\"", "\"viewer\"", "\"super_admin\"");

    String name = "noc-" + UUID.randomUUID();
    HttpResponse<String> created =
        send(
            "POST",
            "roles",
            admin,
            "{\"name\":\"" + name + "\",\"permissions\":[\"hosts.read\",\"reports.read\"]}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    long role = id(created);
    assertThat(json(created).getJsonArray("permissions").toString())
        .isEqualTo("[\"hosts.read\",\"reports.read\"]");

    assertPointer(
        send(
            "POST",
            "roles",
            admin,
            "{\"name\":\"x-" + UUID.randomUUID() + "\",\"permissions\":[\"nope.never\"]}"),
        "/permissions");
    assertPointer(send("POST", "roles", admin, "{\"permissions\":[]}"), "/name");
    assertPointer(
        send("POST", "roles", admin, "{\"name\":\"Viewer\",\"permissions\":[]}"), "/name");
    HttpResponse<String> dup =
        send(
            "POST",
            "roles",
            admin,
            "{\"name\":\"" + name.toUpperCase(java.util.Locale.ROOT) + "\",\"permissions\":[]}");
    assertThat(dup.statusCode()).as(dup.body()).isEqualTo(409);

    HttpResponse<String> put =
        send(
            "PUT",
            "roles/" + role,
            admin,
            "{\"name\":\"" + name + "\",\"permissions\":[\"wiki.read\"]}");
    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    assertThat(json(put).getJsonArray("permissions").toString()).isEqualTo("[\"wiki.read\"]");
    assertThat(send("GET", "roles", admin, null).body()).contains(name);

    String viewer = token(VIEWER_A);
    HttpResponse<String> denied =
        send("POST", "roles", viewer, "{\"name\":\"v\",\"permissions\":[]}");
    assertThat(denied.statusCode()).isEqualTo(403);
    assertThat(send("DELETE", "roles/" + role, viewer, null).statusCode()).isEqualTo(403);

    assertThat(send("DELETE", "roles/" + role, admin, null).statusCode()).isEqualTo(204);
    assertThat(send("GET", "roles/" + role, admin, null).statusCode()).isEqualTo(404);
    assertThat(audit("role", "" + role))
        .containsExactly("role.created", "role.updated", "role.deleted");
  }

  @Test
  void anotherTenantsRoleIsNotFoundForReadAndWrite() throws Exception {
    long role =
        id(
            send(
                "POST",
                "roles",
                token(ADMIN_A),
                "{\"name\":\"a-" + UUID.randomUUID() + "\",\"permissions\":[\"hosts.read\"]}"));
    String b = token(ADMIN_B);
    assertThat(send("GET", "roles/" + role, b, null).statusCode()).isEqualTo(404);
    assertThat(
            send("PUT", "roles/" + role, b, "{\"name\":\"stolen\",\"permissions\":[]}")
                .statusCode())
        .isEqualTo(404);
    assertThat(send("DELETE", "roles/" + role, b, null).statusCode()).isEqualTo(404);
    assertThat(send("GET", "roles?limit=500", b, null).body())
        .doesNotContain("\"id\":" + role + ",");
    assertThat(send("GET", "roles/" + role, token(ADMIN_A), null).statusCode()).isEqualTo(200);
  }

  @Test
  void onlyASuperAdminGrantsReadOnOtherTenants() throws Exception {
    long acme = tenantId("acme");
    long globex = tenantId("globex");
    String body = "{\"name\":\"msp-%s\",\"permissions\":[\"hosts.read\"],\"read_tenant_ids\":[%d]}";
    HttpResponse<String> byAdmin =
        send(
            "POST",
            "roles",
            token(ADMIN_A),
            String.format(java.util.Locale.ROOT, body, UUID.randomUUID(), globex));
    assertThat(byAdmin.statusCode()).as(byAdmin.body()).isEqualTo(403);

    String sa = superAdmin();
    String withTenant =
        String.format(
            java.util.Locale.ROOT,
            "{\"tenant_id\":%d,\"name\":\"msp-%s\",\"permissions\":[\"hosts.read\"],"
                + "\"read_tenant_ids\":[%d]}",
            acme,
            UUID.randomUUID(),
            globex);
    HttpResponse<String> bySuper = send("POST", "roles", sa, withTenant);
    assertThat(bySuper.statusCode()).as(bySuper.body()).isEqualTo(201);
    assertThat(json(bySuper).getJsonArray("read_tenant_ids").getJsonNumber(0).longValue())
        .isEqualTo(globex);
    assertPointer(
        send(
            "POST",
            "roles",
            sa,
            String.format(
                java.util.Locale.ROOT,
                "{\"tenant_id\":%d,\"name\":\"x-%s\",\"permissions\":[],\"read_tenant_ids\":[%d]}",
                acme,
                UUID.randomUUID(),
                987654)),
        "/read_tenant_ids");
  }

  @Test
  void anAssignedCustomRoleTakesEffectWithTheUsersNextToken() throws Exception {
    String admin = token(ADMIN_A);
    String email = "role-" + UUID.randomUUID() + "@acme.example";
    HttpResponse<String> user =
        send("POST", "users", admin, "{\"email\":\"" + email + "\",\"role\":\"viewer\"}");
    assertThat(user.statusCode()).as(user.body()).isEqualTo(201);
    long userId = id(user);
    String password = json(user).getString("initial_password");
    String before = token(email, password);
    assertThat(
            send("POST", "hosts", before, "{\"name\":\"h-" + UUID.randomUUID() + "\"}")
                .statusCode())
        .isEqualTo(403);

    long role =
        id(
            send(
                "POST",
                "roles",
                admin,
                "{\"name\":\"writer-"
                    + UUID.randomUUID()
                    + "\",\"permissions\":[\"hosts.read\",\"hosts.write\"]}"));
    String assignment = "{\"roles\":[\"viewer\"],\"role_ids\":[" + role + "]}";
    assertThat(send("PUT", "users/" + userId + "/roles", token(VIEWER_A), assignment).statusCode())
        .isEqualTo(403);
    assertThat(send("PUT", "users/" + userId + "/roles", token(ADMIN_B), assignment).statusCode())
        .isEqualTo(404);
    assertPointer(
        send("PUT", "users/" + userId + "/roles", admin, "{\"roles\":[\"super_admin\"]}"),
        "/roles");
    HttpResponse<String> assigned = send("PUT", "users/" + userId + "/roles", admin, assignment);
    assertThat(assigned.statusCode()).as(assigned.body()).isEqualTo(200);
    assertThat(json(assigned).getJsonArray("roles").toString())
        .contains("viewer", "custom:writer-");

    assertThat(
            send("POST", "hosts", before, "{\"name\":\"h-" + UUID.randomUUID() + "\"}")
                .statusCode())
        .as("the old token keeps its old rights")
        .isEqualTo(403);
    String after = token(email, password);
    HttpResponse<String> host =
        send("POST", "hosts", after, "{\"name\":\"h-" + UUID.randomUUID() + "\"}");
    assertThat(host.statusCode()).as(host.body()).isEqualTo(201);
    assertThat(audit("user", "" + userId)).contains("user.roles_changed");
  }

  // --- reports ------------------------------------------------------------------------------

  @Test
  void availabilityComesFromStateChangesAsJsonAndCsv() throws Exception {
    String admin = token(ADMIN_A);
    String hostName = "=cmd|' /C calc'!A0-" + UUID.randomUUID();
    HttpResponse<String> h =
        send(
            "POST",
            "hosts",
            admin,
            Json.createObjectBuilder().add("name", hostName).build().toString());
    assertThat(h.statusCode()).as(h.body()).isEqualTo(201);
    long host = id(h);
    long tenant = tenantId("acme");
    long service =
        ApiFixture.id(
            "INSERT INTO host_services (tenant_id, host_id, name, kind, settings)"
                + " VALUES (?, ?, 'http, main', 'ping', '{}') RETURNING id",
            tenant,
            host);
    ApiFixture.id(
        "INSERT INTO state_changes (tenant_id, host_id, service_id, changed_at, old_state,"
            + " new_state, state_type) VALUES (?, ?, ?, '2025-03-01T00:00:00Z', 0, 2, 1),"
            + " (?, ?, ?, '2025-03-01T18:00:00Z', 2, 0, 1) RETURNING id",
        tenant,
        host,
        service,
        tenant,
        host,
        service);
    String q =
        "reports/availability?from=2025-03-01T00:00:00Z&to=2025-03-02T00:00:00Z&hostId=" + host;

    HttpResponse<String> r = send("GET", q, token(VIEWER_A), null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonObject line = json(r).getJsonArray("items").getJsonObject(0);
    assertThat(line.getJsonNumber("critical_ms").longValue()).isEqualTo(18 * 3_600_000L);
    assertThat(line.getJsonNumber("ok_ms").longValue()).isEqualTo(6 * 3_600_000L);
    assertThat(line.getJsonNumber("availability_percent").doubleValue()).isEqualTo(25.0);

    HttpResponse<String> csv = send("GET", q, admin, null, "text/csv");
    assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
    String[] lines = csv.body().split("\r\n");
    assertThat(lines[0]).startsWith("service_id,host_id,host,service,ok_ms");
    assertThat(lines[1])
        .isEqualTo(
            service
                + ","
                + host
                + ",'"
                + hostName
                + ",\"http, main\",21600000,0,64800000,0,0,0,25.0");
    assertThat(send("GET", q + "&format=csv", admin, null).body()).isEqualTo(csv.body());

    String b = token(ADMIN_B);
    assertThat(send("GET", q, b, null).statusCode()).isEqualTo(404);
    assertThat(send("GET", q + "&format=csv", b, null).statusCode()).isEqualTo(404);
    assertPointer(
        send("GET", "reports/availability?to=2025-03-02T00:00:00Z&hostId=1", admin, null), "/from");
    assertPointer(
        send(
            "GET",
            "reports/availability?from=2020-01-01T00:00:00Z&to=2025-03-02T00:00:00Z&hostId=1",
            admin,
            null),
        "/to");
    assertPointer(
        send(
            "GET",
            "reports/availability?from=2025-03-01T00:00:00Z&to=2025-03-02T00:00:00Z",
            admin,
            null),
        "/hostId");
  }

  // --- wiki ---------------------------------------------------------------------------------

  static String page(String slug, String title, String body, Long version) {
    var b = Json.createObjectBuilder().add("slug", slug).add("title", title).add("body_md", body);
    if (version != null) {
      b.add("version", version);
    }
    return b.build().toString();
  }

  @Test
  void wikiPagesKeepRevisionsRefuseStaleSavesAndAreFoundRanked() throws Exception {
    String admin = token(ADMIN_A);
    String word = "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    String slug = "runbooks/ups-" + word;
    HttpResponse<String> created =
        send(
            "POST",
            "wiki/pages",
            admin,
            page(slug, "UPS " + word, "# UPS\n\nCheck the " + word + " battery.\n", null));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    long id = id(created);
    assertThat(json(created).getString("body_md"))
        .isEqualTo("# UPS\n\nCheck the " + word + " battery.\n");
    send(
        "POST",
        "wiki/pages",
        admin,
        page("other-" + word, "Other", "mentions " + word + " once", null));

    HttpResponse<String> saved =
        send(
            "PUT",
            "wiki/pages/" + id,
            admin,
            page(slug, "UPS " + word, "Replace the " + word + " " + word + " battery.", 0L));
    assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
    assertThat(json(saved).getJsonNumber("version").longValue()).isEqualTo(1);
    HttpResponse<String> stale =
        send("PUT", "wiki/pages/" + id, admin, page(slug, "Mine", "lost update", 0L));
    assertThat(stale.statusCode()).as(stale.body()).isEqualTo(409);
    assertPointer(
        send("PUT", "wiki/pages/" + id, admin, page(slug, "No version", "", null)), "/version");
    assertPointer(send("POST", "wiki/pages", admin, page("Bad Slug!", "t", "", null)), "/slug");
    assertThat(send("POST", "wiki/pages", admin, page(slug, "dup", "", null)).statusCode())
        .isEqualTo(409);

    HttpResponse<String> revisions = send("GET", "wiki/pages/" + id + "/revisions", admin, null);
    assertThat(json(revisions).getJsonArray("items")).hasSize(2);
    assertThat(
            json(send("GET", "wiki/pages/" + id + "/revisions/0", admin, null))
                .getString("body_md"))
        .contains("Check the");

    HttpResponse<String> hits = send("GET", "wiki/pages?q=" + word, token(VIEWER_A), null);
    assertThat(hits.statusCode()).as(hits.body()).isEqualTo(200);
    var items = json(hits).getJsonArray("items");
    assertThat(items).hasSize(2);
    assertThat(items.getJsonObject(0).getJsonNumber("id").longValue()).as("ranked").isEqualTo(id);
    assertThat(items.getJsonObject(0).getString("snippet")).contains("[[" + word + "]]");

    String b = token(ADMIN_B);
    assertThat(send("GET", "wiki/pages?q=" + word, b, null).body()).doesNotContain(word);
    assertThat(send("GET", "wiki/pages/" + id, b, null).statusCode()).isEqualTo(404);
    assertThat(send("GET", "wiki/pages/" + id + "/revisions", b, null).statusCode()).isEqualTo(404);
    assertThat(send("PUT", "wiki/pages/" + id, b, page(slug, "x", "", 1L)).statusCode())
        .isEqualTo(404);
    assertThat(send("DELETE", "wiki/pages/" + id, b, null).statusCode()).isEqualTo(404);
    assertThat(
            send("POST", "wiki/pages", token(VIEWER_A), page("v-" + word, "v", "", null))
                .statusCode())
        .isEqualTo(403);

    assertThat(send("DELETE", "wiki/pages/" + id, admin, null).statusCode()).isEqualTo(204);
    assertThat(audit("wiki_page", "" + id))
        .containsExactly("wiki_page.created", "wiki_page.updated", "wiki_page.deleted");
  }

  // --- admin --------------------------------------------------------------------------------

  @Test
  void theAuditLogIsFilteredPagedAndLimitedToTheCallersTenant() throws Exception {
    String admin = token(ADMIN_A);
    String name = "audited-" + UUID.randomUUID();
    long role = id(send("POST", "roles", admin, "{\"name\":\"" + name + "\",\"permissions\":[]}"));
    send(
        "PUT",
        "roles/" + role,
        admin,
        "{\"name\":\"" + name + "\",\"permissions\":[\"wiki.read\"]}");

    HttpResponse<String> r =
        send("GET", "admin/audit-log?entityType=role&actor=" + ADMIN_A + "&limit=1", admin, null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonObject first = json(r).getJsonArray("items").getJsonObject(0);
    assertThat(first.getString("action")).isEqualTo("role.updated");
    assertThat(first.getJsonObject("after").getJsonArray("permissions").getString(0))
        .isEqualTo("wiki.read");
    long next = json(r).getJsonNumber("next_before").longValue();
    JsonObject second =
        json(send(
                "GET",
                "admin/audit-log?entityType=role&actor=" + ADMIN_A + "&limit=1&before=" + next,
                admin,
                null))
            .getJsonArray("items")
            .getJsonObject(0);
    assertThat(second.getString("action")).isEqualTo("role.created");
    assertThat(
            json(send(
                    "GET",
                    "admin/audit-log?entityType=role&from=2999-01-01T00:00:00Z",
                    admin,
                    null))
                .getJsonArray("items"))
        .isEmpty();

    assertThat(send("GET", "admin/audit-log?limit=500", token(ADMIN_B), null).body())
        .doesNotContain(name);
    assertThat(send("GET", "admin/audit-log?limit=500", superAdmin(), null).body()).contains(name);
    assertThat(send("GET", "admin/audit-log", token(VIEWER_A), null).statusCode()).isEqualTo(403);
    assertPointer(send("GET", "admin/audit-log?from=yesterday", admin, null), "/from");
  }

  @Test
  void systemHealthShowsTheBackingServicesToSuperAdminsOnly() throws Exception {
    HttpResponse<String> r = send("GET", "admin/health", superAdmin(), null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonObject h = json(r);
    assertThat(h.getJsonObject("database").getBoolean("up")).isTrue();
    assertThat(h.getJsonObject("redis").getBoolean("up")).isTrue();
    assertThat(h.getJsonObject("ingest").getBoolean("up")).as(r.body()).isTrue();
    assertThat(h.getJsonObject("ingest").getJsonNumber("dead_letters").longValue()).isNotNegative();
    assertThat(h.getJsonObject("watchers").containsKey("retention-purge")).isTrue();
    assertThat(send("GET", "admin/health", token(ADMIN_A), null).statusCode()).isEqualTo(403);
  }

  @Test
  void theNewEndpointsAreInTheOpenApiDocument() throws Exception {
    String server =
        base.toString().replaceFirst("//[^:/]+", "//127.0.0.1").replaceFirst("(//[^/]+).*", "$1");
    HttpResponse<String> doc =
        http.send(
            HttpRequest.newBuilder(URI.create(server + "/openapi"))
                .header("Accept", "application/json")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(doc.statusCode()).isEqualTo(200);
    assertThat(doc.body())
        .contains(
            "/v1/roles",
            "/v1/roles/{id}",
            "/v1/users/{id}/roles",
            "/v1/reports/availability",
            "/v1/wiki/pages",
            "/v1/wiki/pages/{id}/revisions",
            "/v1/admin/audit-log",
            "/v1/admin/health");
  }
}
