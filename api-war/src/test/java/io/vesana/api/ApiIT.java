package io.vesana.api;

import static io.vesana.api.ApiClient.json;
import static io.vesana.api.ApiFixture.ADMIN_A;
import static io.vesana.api.ApiFixture.OPERATOR_B;
import static io.vesana.api.ApiFixture.PASSWORD;
import static io.vesana.api.ApiFixture.VIEWER_A;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.File;
import java.io.StringReader;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.Signature;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The API WAR as built, on a managed Payara Micro, over real HTTP, against the real PostgreSQL and
 * Redis: login and tokens, the attacks a bearer-token API must refuse, tenant isolation and
 * permissions on /v1/hosts, problem+json errors, the audit trail, and the login rate limit.
 */
@ExtendWith(ArquillianExtension.class)
class ApiIT {

  @ArquillianResource URL base;

  @Deployment(testable = false)
  static WebArchive api() throws Exception {
    ApiFixture.prepare();
    return ShrinkWrap.create(ZipImporter.class, "vesana-api.war")
        .importFrom(new File("target/vesana-api.war"))
        .as(WebArchive.class);
  }

  @org.junit.jupiter.api.BeforeEach
  void seed() throws SQLException {
    api = new ApiClient(base);
    ApiFixture.seed();
  }

  // --- HTTP ---------------------------------------------------------------------------------

  ApiClient api;

  String createHost(String token, String name) throws Exception {
    HttpResponse<String> r =
        api.send("POST", "hosts", token, "{\"name\":\"" + name + "\",\"address\":\"10.0.0.5\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return Long.toString(json(r).getJsonNumber("id").longValue());
  }

  // --- login and tokens ---------------------------------------------------------------------

  @Test
  void loginIssuesABearerTokenThatTheApiAccepts() throws Exception {
    JsonObject tokens = api.login(ADMIN_A);
    assertThat(tokens.getString("token_type")).isEqualTo("Bearer");
    assertThat(tokens.getJsonNumber("expires_in").longValue()).isEqualTo(900);
    assertThat(tokens.getString("refresh_token")).startsWith("vesana_rt_");
    HttpResponse<String> hosts = api.send("GET", "hosts", tokens.getString("access_token"), null);
    assertThat(hosts.statusCode()).as(hosts.body()).isEqualTo(200);
  }

  @Test
  void wrongPasswordAndUnknownUserGetTheSameAnswer() throws Exception {
    HttpResponse<String> wrong = api.loginResponse(ADMIN_A, "not the password", null);
    HttpResponse<String> unknown = api.loginResponse("nobody@acme.example", "whatever", null);
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(unknown.statusCode()).isEqualTo(401);
    assertThat(wrong.body()).isEqualTo(unknown.body());
    assertThat(wrong.headers().firstValue("Content-Type")).hasValue("application/problem+json");
  }

  @Test
  void theFirstSuperAdminCanLogInWithTheGeneratedPassword() throws Exception {
    String password =
        Files.readString(
                ApiFixture.keyDir().resolve("first-admin-password"), StandardCharsets.UTF_8)
            .strip();
    HttpResponse<String> r = api.loginResponse("admin@vesana.local", password, null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    // A super admin sees every tenant's hosts.
    String acmeHost = createHost(api.token(ADMIN_A), "seen-by-super-" + UUID.randomUUID());
    HttpResponse<String> get =
        api.send("GET", "hosts/" + acmeHost, json(r).getString("access_token"), null);
    assertThat(get.statusCode()).as(get.body()).isEqualTo(200);
  }

  @Test
  void refreshRotatesAndAReusedRefreshTokenRevokesTheWholeFamily() throws Exception {
    String first = api.login(VIEWER_A).getString("refresh_token");
    HttpResponse<String> rotated =
        api.send("POST", "auth/refresh", null, "{\"refresh_token\":\"" + first + "\"}");
    assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
    String second = json(rotated).getString("refresh_token");
    assertThat(second).isNotEqualTo(first);

    HttpResponse<String> replay =
        api.send("POST", "auth/refresh", null, "{\"refresh_token\":\"" + first + "\"}");
    assertThat(replay.statusCode()).isEqualTo(401);
    HttpResponse<String> afterReplay =
        api.send("POST", "auth/refresh", null, "{\"refresh_token\":\"" + second + "\"}");
    assertThat(afterReplay.statusCode()).as("the family is revoked").isEqualTo(401);
  }

  @Test
  void logoutRevokesTheRefreshToken() throws Exception {
    String refresh = api.login(VIEWER_A).getString("refresh_token");
    HttpResponse<String> out =
        api.send("POST", "auth/logout", null, "{\"refresh_token\":\"" + refresh + "\"}");
    assertThat(out.statusCode()).isEqualTo(204);
    HttpResponse<String> r =
        api.send("POST", "auth/refresh", null, "{\"refresh_token\":\"" + refresh + "\"}");
    assertThat(r.statusCode()).isEqualTo(401);
  }

  // --- token attacks ------------------------------------------------------------------------

  @Test
  void forgedTamperedExpiredAndMisaddressedTokensAreRejected() throws Exception {
    String valid = api.token(ADMIN_A);
    String[] parts = valid.split("\\.");
    JsonObject claims = Json.createReader(new StringReader(decode(parts[1]))).readObject();
    long now = Instant.now().getEpochSecond();

    String algNone = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".";
    String hs256 = hs256(parts[1]);
    String tampered =
        parts[0] + "." + b64(with(claims, "vesana_tid", 999_999).toString()) + "." + parts[2];
    String expired = rs256(with(with(claims, "exp", now - 60), "iat", now - 1000));
    String wrongIssuer = rs256(with(claims, "iss", "someone-else"));
    String wrongAudience = rs256(with(claims, "aud", "another-api"));
    String noSignature = parts[0] + "." + parts[1] + ".";
    String garbage = "not.a.jwt";

    for (String bad :
        new String[] {
          algNone, hs256, tampered, expired, wrongIssuer, wrongAudience, noSignature, garbage
        }) {
      HttpResponse<String> r = api.send("GET", "hosts", bad, null);
      assertThat(r.statusCode()).as("token %s → %s", bad, r.body()).isEqualTo(401);
    }
    // The control: the same forging code with the right claims is accepted.
    assertThat(api.send("GET", "hosts", rs256(claims), null).statusCode()).isEqualTo(200);
    assertThat(api.send("GET", "hosts", null, null).statusCode()).isEqualTo(401);
  }

  private static JsonObject with(JsonObject o, String k, Object v) {
    var b = Json.createObjectBuilder(o);
    if (v instanceof Number n) {
      b.add(k, n.longValue());
    } else {
      b.add(k, v.toString());
    }
    return b.build();
  }

  private static String rs256(JsonObject claims) throws Exception {
    String input = b64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + b64(claims.toString());
    Signature s = Signature.getInstance("SHA256withRSA");
    s.initSign(ApiFixture.keys.getPrivate());
    s.update(input.getBytes(StandardCharsets.US_ASCII));
    return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(s.sign());
  }

  /** The classic key-confusion attack: HMAC-signed with the server's public key as the secret. */
  private static String hs256(String payload) throws Exception {
    String input = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + payload;
    Mac mac = Mac.getInstance("HmacSHA256");
    byte[] publicPem = Files.readAllBytes(ApiFixture.keyDir().resolve("public.pem"));
    mac.init(new SecretKeySpec(publicPem, "HmacSHA256"));
    return input
        + "."
        + Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
  }

  private static String b64(String s) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String s) {
    return new String(Base64.getUrlDecoder().decode(s), StandardCharsets.UTF_8);
  }

  // --- tenant isolation and permissions -----------------------------------------------------

  @Test
  void anotherTenantsHostIsNotFoundForReadAndWrite() throws Exception {
    String hostA = createHost(api.token(ADMIN_A), "db-" + UUID.randomUUID());
    String b = api.token(OPERATOR_B);
    HttpResponse<String> get = api.send("GET", "hosts/" + hostA, b, null);
    HttpResponse<String> put = api.send("PUT", "hosts/" + hostA, b, "{\"name\":\"stolen\"}");
    HttpResponse<String> delete = api.send("DELETE", "hosts/" + hostA, b, null);
    HttpResponse<String> missing = api.send("GET", "hosts/987654321", b, null);
    assertThat(get.statusCode()).isEqualTo(404);
    assertThat(put.statusCode()).isEqualTo(404);
    assertThat(delete.statusCode()).isEqualTo(404);
    assertThat(get.body())
        .as("same answer as a host that does not exist")
        .isEqualTo(missing.body());
    HttpResponse<String> list = api.send("GET", "hosts?limit=500", b, null);
    assertThat(list.body()).doesNotContain("\"id\":" + hostA + ",");
    // Still there, unchanged, for its own tenant.
    HttpResponse<String> own = api.send("GET", "hosts/" + hostA, api.token(ADMIN_A), null);
    assertThat(json(own).getString("name")).startsWith("db-");
  }

  @Test
  void aViewerMayReadButNotWrite() throws Exception {
    String hostA = createHost(api.token(ADMIN_A), "web-" + UUID.randomUUID());
    String viewer = api.token(VIEWER_A);
    assertThat(api.send("GET", "hosts/" + hostA, viewer, null).statusCode()).isEqualTo(200);
    HttpResponse<String> post = api.send("POST", "hosts", viewer, "{\"name\":\"nope\"}");
    assertThat(post.statusCode()).isEqualTo(403);
    assertThat(json(post).getString("permission")).isEqualTo("hosts.write");
    assertThat(api.send("DELETE", "hosts/" + hostA, viewer, null).statusCode()).isEqualTo(403);
  }

  @Test
  void hostCrudWritesTheAuditTrailAndAnswersConflictsAndBadInputClearly() throws Exception {
    String admin = api.token(ADMIN_A);
    String name = "app-" + UUID.randomUUID();
    String id = createHost(admin, name);
    HttpResponse<String> dup =
        api.send(
            "POST",
            "hosts",
            admin,
            "{\"name\":\"" + name.toUpperCase(java.util.Locale.ROOT) + "\"}");
    assertThat(dup.statusCode()).as(dup.body()).isEqualTo(409);

    HttpResponse<String> bad =
        api.send("POST", "hosts", admin, "{\"name\":42,\"enabled\":\"yes\",\"colour\":\"red\"}");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("/name", "/enabled", "/colour");
    assertThat(api.send("POST", "hosts", admin, "{not json").statusCode()).isEqualTo(400);
    HttpResponse<String> another =
        api.send("POST", "hosts", admin, "{\"name\":\"" + name + "-2\"}");
    assertThat(json(another).getString("created_at")).as("shown on creation").isNotBlank();

    HttpResponse<String> put =
        api.send(
            "PUT", "hosts/" + id, admin, "{\"name\":\"" + name + "-renamed\",\"enabled\":false}");
    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    assertThat(json(put).getBoolean("enabled")).isFalse();
    assertThat(api.send("DELETE", "hosts/" + id, admin, null).statusCode()).isEqualTo(204);
    assertThat(api.send("GET", "hosts/" + id, admin, null).statusCode()).isEqualTo(404);

    assertThat(auditActions(id)).containsExactly("host.created", "host.updated", "host.deleted");
  }

  private static java.util.List<String> auditActions(String id) throws SQLException {
    java.util.List<String> out = new java.util.ArrayList<>();
    try (var c = ApiFixture.connect(ApiFixture.DATABASE);
        var ps =
            c.prepareStatement(
                "SELECT action FROM audit_log WHERE entity_type = 'host' AND entity_id = ?"
                    + " ORDER BY id")) {
      ps.setString(1, id);
      try (var rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }

  @Test
  void listsPageOnTheServer() throws Exception {
    String admin = api.token(ADMIN_A);
    String tag = "page-" + UUID.randomUUID();
    for (int i = 0; i < 5; i++) {
      createHost(admin, tag + "-" + i);
    }
    JsonObject first = json(api.send("GET", "hosts?q=" + tag + "&limit=2", admin, null));
    assertThat(first.getJsonArray("items")).hasSize(2);
    long after = first.getJsonNumber("next_after").longValue();
    JsonObject rest =
        json(api.send("GET", "hosts?q=" + tag + "&limit=10&after=" + after, admin, null));
    assertThat(rest.getJsonArray("items")).hasSize(3);
    assertThat(rest.isNull("next_after")).isTrue();
    assertThat(api.send("GET", "hosts?limit=5000", admin, null).statusCode()).isEqualTo(400);
  }

  @Test
  void unknownPathsAnswerProblemJson() throws Exception {
    HttpResponse<String> r = api.send("GET", "no-such-thing", api.token(VIEWER_A), null);
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
  }

  // --- agent tokens, API keys, dead letters --------------------------------------------------

  @Test
  void anAgentTokenIsShownOnceListedWithoutSecretAndRevocable() throws Exception {
    String admin = api.token(ADMIN_A);
    String host = createHost(admin, "agent-host-" + UUID.randomUUID());
    HttpResponse<String> created =
        api.send(
            "POST",
            "agent-tokens",
            admin,
            "{\"description\":\"web agent\",\"host_id\":" + host + "}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String secret = json(created).getString("token");
    assertThat(secret).matches("vesana_agent_[A-Za-z0-9_-]{32}");
    String id = Long.toString(json(created).getJsonNumber("id").longValue());

    HttpResponse<String> list = api.send("GET", "agent-tokens?limit=500", admin, null);
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.body()).contains("\"id\":" + id).doesNotContain(secret);
    assertThat(list.body()).doesNotContain(secret.substring(17));
    // Only SHA-256 hashes are stored.
    assertThat(
            ApiFixture.id(
                "SELECT count(*) FROM agent_tokens WHERE id = ? AND token_hash = sha256(?::bytea)",
                Long.parseLong(id),
                secret))
        .isEqualTo(1);

    assertThat(api.send("DELETE", "agent-tokens/" + id, api.token(OPERATOR_B), null).statusCode())
        .as("another tenant cannot revoke it")
        .isEqualTo(403);
    assertThat(api.send("DELETE", "agent-tokens/" + id, admin, null).statusCode()).isEqualTo(204);
    assertThat(json(api.send("GET", "agent-tokens?limit=500", admin, null)).toString())
        .contains("\"revoked_at\":\"");
    HttpResponse<String> foreignHost =
        api.send("POST", "agent-tokens", admin, "{\"host_id\":987654321}");
    assertThat(foreignHost.statusCode()).isEqualTo(400);
  }

  @Test
  void apiKeysOfAnotherTenantAreNotFound() throws Exception {
    String admin = api.token(ADMIN_A);
    HttpResponse<String> created =
        api.send(
            "POST", "api-keys", admin, "{\"name\":\"collector dc1\",\"purpose\":\"collector\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(json(created).getString("key")).startsWith("vsk_");
    String id = Long.toString(json(created).getJsonNumber("id").longValue());
    String globexAdmin = api.token(ApiFixture.ADMIN_B);
    assertThat(api.send("DELETE", "api-keys/" + id, globexAdmin, null).statusCode()).isEqualTo(404);
    assertThat(api.send("GET", "api-keys?limit=500", globexAdmin, null).body())
        .doesNotContain("\"id\":" + id + ",");
    HttpResponse<String> bad =
        api.send("POST", "api-keys", admin, "{\"name\":\"x\",\"purpose\":\"root\"}");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("/purpose");
  }

  @Test
  void deadLettersAreForSuperAdminsOnly() throws Exception {
    assertThat(api.send("GET", "admin/dead-letters", api.token(ADMIN_A), null).statusCode())
        .isEqualTo(403);
    String password =
        Files.readString(
                ApiFixture.keyDir().resolve("first-admin-password"), StandardCharsets.UTF_8)
            .strip();
    String superAdmin =
        json(api.loginResponse("admin@vesana.local", password, null)).getString("access_token");
    HttpResponse<String> list = api.send("GET", "admin/dead-letters", superAdmin, null);
    assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
    assertThat(json(list).getJsonNumber("total").longValue()).isGreaterThanOrEqualTo(0);
    assertThat(api.send("POST", "admin/dead-letters/1-0/replay", superAdmin, null).statusCode())
        .isEqualTo(404);
    assertThat(api.send("DELETE", "admin/dead-letters/not-an-id", superAdmin, null).statusCode())
        .isEqualTo(400);
  }

  // --- tenants and users ----------------------------------------------------------------------

  String superAdminToken() throws Exception {
    String password =
        Files.readString(
                ApiFixture.keyDir().resolve("first-admin-password"), StandardCharsets.UTF_8)
            .strip();
    return json(api.loginResponse("admin@vesana.local", password, null)).getString("access_token");
  }

  @Test
  void aSuperAdminOnboardsATenantWhoseAdminManagesItsOwnUsers() throws Exception {
    String root = superAdminToken();
    String slug = "initech-" + (System.nanoTime() % 100000);
    assertThat(
            api.send("POST", "tenants", api.token(ADMIN_A), "{\"slug\":\"x\",\"name\":\"x\"}")
                .statusCode())
        .isEqualTo(403);
    HttpResponse<String> tenant =
        api.send("POST", "tenants", root, "{\"slug\":\"" + slug + "\",\"name\":\"Initech\"}");
    assertThat(tenant.statusCode()).as(tenant.body()).isEqualTo(201);
    long tenantId = json(tenant).getJsonNumber("id").longValue();
    assertThat(
            api.send("POST", "tenants", root, "{\"slug\":\"" + slug + "\",\"name\":\"Again\"}")
                .statusCode())
        .isEqualTo(409);
    assertThat(api.send("POST", "tenants", root, "{\"slug\":\"Bad Slug\",\"name\":\"x\"}").body())
        .contains("/slug");

    String adminEmail = "boss@" + slug + ".example";
    HttpResponse<String> admin =
        api.send(
            "POST",
            "users",
            root,
            "{\"tenant_id\":"
                + tenantId
                + ",\"email\":\""
                + adminEmail
                + "\",\"role\":\"tenant_admin\"}");
    assertThat(admin.statusCode()).as(admin.body()).isEqualTo(201);
    String adminPassword = json(admin).getString("initial_password");
    HttpResponse<String> adminLogin = api.loginResponse(adminEmail, adminPassword, null);
    assertThat(adminLogin.statusCode()).isEqualTo(200);
    String adminToken = json(adminLogin).getString("access_token");

    String opsEmail = "ops@" + slug + ".example";
    HttpResponse<String> ops =
        api.send(
            "POST", "users", adminToken, "{\"email\":\"" + opsEmail + "\",\"role\":\"operator\"}");
    assertThat(ops.statusCode()).as(ops.body()).isEqualTo(201);
    long opsId = json(ops).getJsonNumber("id").longValue();
    String opsRefresh =
        json(api.loginResponse(opsEmail, json(ops).getString("initial_password"), null))
            .getString("refresh_token");

    HttpResponse<String> listed = api.send("GET", "users?limit=500", adminToken, null);
    assertThat(listed.body()).contains(opsEmail).doesNotContain(ADMIN_A);
    assertThat(api.send("GET", "users/" + opsId, api.token(ADMIN_A), null).statusCode())
        .isEqualTo(404);
    assertThat(api.send("DELETE", "users/" + opsId, api.token(ADMIN_A), null).statusCode())
        .isEqualTo(404);

    assertThat(api.send("DELETE", "users/" + opsId, adminToken, null).statusCode()).isEqualTo(204);
    assertThat(
            api.send("POST", "auth/refresh", null, "{\"refresh_token\":\"" + opsRefresh + "\"}")
                .statusCode())
        .as("a disabled user's session ends")
        .isEqualTo(401);

    HttpResponse<String> suspend =
        api.send("PATCH", "tenants/" + tenantId, root, "{\"status\":\"suspended\"}");
    assertThat(suspend.statusCode()).as(suspend.body()).isEqualTo(200);
    assertThat(api.loginResponse(adminEmail, adminPassword, null).statusCode())
        .as("users of a suspended tenant cannot log in")
        .isEqualTo(401);
    assertThat(auditActionsOf("tenant", Long.toString(tenantId)))
        .containsExactly("tenant.created", "tenant.updated");
  }

  private static java.util.List<String> auditActionsOf(String type, String id) throws SQLException {
    java.util.List<String> out = new java.util.ArrayList<>();
    try (var c = ApiFixture.connect(ApiFixture.DATABASE);
        var ps =
            c.prepareStatement(
                "SELECT action FROM audit_log WHERE entity_type = ? AND entity_id = ? ORDER BY id")) {
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

  @Test
  void theOpenApiDocumentCoversTheEndpoints() throws Exception {
    HttpResponse<String> doc = api.openApi();
    assertThat(doc.statusCode()).isEqualTo(200);
    assertThat(doc.body())
        .contains(
            "/v1/auth/login",
            "/v1/auth/refresh",
            "/v1/auth/logout",
            "/v1/hosts",
            "/v1/hosts/{id}",
            "/v1/agent-tokens",
            "/v1/api-keys",
            "/v1/tenants",
            "/v1/users",
            "/v1/admin/dead-letters",
            "/v1/problems",
            "/v1/alerts/{id}/acknowledge",
            "/v1/services/{id}/series",
            "/v1/settings",
            "/v1/admin/settings",
            "/v1/auth/sso/exchange",
            "/v1/alerts/{id}/deliveries",
            "/v1/notification-deliveries");
  }

  // --- status, history, series ---------------------------------------------------------------

  @Test
  void statusHistoryAndSeriesOfAServiceAreReadableOnlyInItsTenant() throws Exception {
    String admin = api.token(ADMIN_A);
    long host = Long.parseLong(createHost(admin, "status-" + UUID.randomUUID()));
    long tenant =
        json(api.send("GET", "hosts/" + host, admin, null)).getJsonNumber("tenant_id").longValue();
    long service =
        ApiFixture.id(
            "INSERT INTO host_services (tenant_id, host_id, name, kind, settings)"
                + " VALUES (?, ?, 'load', 'passive', '{}') RETURNING id",
            tenant,
            host);
    String perf = "{\"metrics\":[{\"label\":\"load1\",\"value\":%s}]}";
    for (int minutesAgo : new int[] {10, 5, 1}) {
      ApiFixture.id(
          "INSERT INTO check_results (tenant_id, service_id, checked_at, state, state_type,"
              + " output, perfdata, source) VALUES (?, ?, now() - ? * interval '1 minute', 2, 1,"
              + " 'CRITICAL - load', ?::jsonb, 'agent') RETURNING 1",
          tenant,
          service,
          minutesAgo,
          String.format(java.util.Locale.ROOT, perf, minutesAgo));
    }
    ApiFixture.id(
        "INSERT INTO current_status (service_id, tenant_id, host_id, state, state_type,"
            + " last_check_at, last_change_at, output, perfdata) VALUES (?, ?, ?, 2, 1,"
            + " now() - interval '1 minute', now() - interval '10 minutes', 'CRITICAL - load',"
            + " ?::jsonb) RETURNING 1",
        service,
        tenant,
        host,
        String.format(java.util.Locale.ROOT, perf, 1));

    JsonObject services = json(api.send("GET", "hosts/" + host + "/services", admin, null));
    JsonObject svc = services.getJsonArray("items").getJsonObject(0);
    assertThat(svc.getString("state")).isEqualTo("CRITICAL");
    assertThat(svc.getJsonObject("perfdata").getJsonArray("metrics")).hasSize(1);
    JsonObject results = json(api.send("GET", "services/" + service + "/results", admin, null));
    assertThat(results.getJsonArray("items")).hasSize(3);
    assertThat(results.getJsonArray("items").getJsonObject(0).getJsonObject("perfdata").toString())
        .contains("\"value\":1");
    JsonObject series =
        json(
            api.send("GET", "services/" + service + "/series?metric=load1&buckets=1", admin, null));
    assertThat(series.getJsonArray("points")).hasSize(1);
    JsonObject point = series.getJsonArray("points").getJsonObject(0);
    assertThat(point.getJsonNumber("avg").doubleValue())
        .isEqualTo(16.0 / 3, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(point.getJsonNumber("max").doubleValue()).isEqualTo(10.0);
    assertThat(api.send("GET", "problems?limit=500", admin, null).body())
        .contains("\"id\":" + service + ",");

    String b = api.token(ApiFixture.ADMIN_B);
    assertThat(api.send("GET", "services/" + service, b, null).statusCode()).isEqualTo(404);
    assertThat(api.send("GET", "services/" + service + "/results", b, null).statusCode())
        .isEqualTo(404);
    assertThat(api.send("GET", "hosts/" + host + "/services", b, null).statusCode()).isEqualTo(404);
    assertThat(api.send("GET", "problems?limit=500", b, null).body())
        .doesNotContain("\"id\":" + service + ",");
    assertThat(
            api.send("GET", "services/" + service + "/results?from=yesterday", admin, null)
                .statusCode())
        .isEqualTo(400);
  }

  @Test
  void anOperatorAcknowledgesAnOpenAlertAndAnotherTenantCannotSeeIt() throws Exception {
    String admin = api.token(ADMIN_A);
    long host = Long.parseLong(createHost(admin, "alerting-" + UUID.randomUUID()));
    long tenant =
        json(api.send("GET", "hosts/" + host, admin, null)).getJsonNumber("tenant_id").longValue();
    long service =
        ApiFixture.id(
            "INSERT INTO host_services (tenant_id, host_id, name, kind, settings)"
                + " VALUES (?, ?, 'disk', 'passive', '{}') RETURNING id",
            tenant,
            host);
    long alert =
        ApiFixture.id(
            "INSERT INTO alerts (tenant_id, host_id, service_id, severity, state, summary)"
                + " VALUES (?, ?, ?, 'critical', 2, 'disk full') RETURNING id",
            tenant,
            host,
            service);
    assertThat(api.send("GET", "alerts?state=open&limit=500", admin, null).body())
        .contains("\"id\":" + alert + ",");
    assertThat(
            api.send(
                    "POST",
                    "alerts/" + alert + "/acknowledge",
                    api.token(VIEWER_A),
                    "{\"comment\":\"x\"}")
                .statusCode())
        .as("a viewer may not acknowledge")
        .isEqualTo(403);
    HttpResponse<String> ack =
        api.send(
            "POST",
            "alerts/" + alert + "/acknowledge",
            admin,
            "{\"comment\":\"on it\",\"sticky\":true}");
    assertThat(ack.statusCode()).as(ack.body()).isEqualTo(200);
    assertThat(json(ack).getBoolean("acknowledged")).isTrue();
    assertThat(
            api.send(
                    "POST",
                    "alerts/" + alert + "/comments",
                    admin,
                    "{\"comment\":\"replaced disk\"}")
                .statusCode())
        .isEqualTo(204);
    JsonObject detail = json(api.send("GET", "alerts/" + alert, admin, null));
    assertThat(detail.getJsonArray("events").toString())
        .contains("acknowledged", "on it", "replaced disk");
    assertThat(api.send("POST", "alerts/" + alert + "/acknowledge", admin, "{}").statusCode())
        .isEqualTo(400);

    String b = api.token(ApiFixture.ADMIN_B);
    assertThat(api.send("GET", "alerts/" + alert, b, null).statusCode()).isEqualTo(404);
    assertThat(
            api.send("POST", "alerts/" + alert + "/acknowledge", b, "{\"comment\":\"mine\"}")
                .statusCode())
        .isEqualTo(404);
    assertThat(api.send("GET", "alerts?state=all&limit=500", b, null).body())
        .doesNotContain("\"id\":" + alert + ",");

    ApiFixture.id("UPDATE alerts SET resolved_at = now() WHERE id = ? RETURNING 1", alert);
    assertThat(
            api.send("POST", "alerts/" + alert + "/acknowledge", admin, "{\"comment\":\"late\"}")
                .statusCode())
        .isEqualTo(409);
  }

  // --- secrets ------------------------------------------------------------------------------

  @Test
  void plantedSecretsNeverReachLaterResponsesTheAuditTrailOrTheServerLog() throws Exception {
    JsonObject session = api.login(ADMIN_A);
    String access = session.getString("access_token");
    String refresh = session.getString("refresh_token");
    String agentToken =
        json(api.send("POST", "agent-tokens", access, "{\"description\":\"scan\"}"))
            .getString("token");
    String apiKey =
        json(api.send("POST", "api-keys", access, "{\"name\":\"scan\"}")).getString("key");
    // A failing login with a planted password, and requests that fail in different ways.
    String plantedPassword = "planted-" + UUID.randomUUID();
    api.loginResponse(ADMIN_A, plantedPassword, null);
    java.util.List<String> bodies = new java.util.ArrayList<>();
    bodies.add(api.send("GET", "agent-tokens?limit=500", access, null).body());
    bodies.add(api.send("GET", "api-keys?limit=500", access, null).body());
    bodies.add(api.send("POST", "hosts", access, "{\"name\":\"" + apiKey + "\",\"x\":1}").body());
    bodies.add(api.send("GET", "hosts", access + "x", null).body());
    bodies.add(
        api.send("POST", "auth/refresh", null, "{\"refresh_token\":\"" + refresh + "x\"}").body());
    String[] secrets = {PASSWORD, plantedPassword, refresh, access, agentToken, apiKey};
    for (String body : bodies) {
      for (String secret : secrets) {
        assertThat(body).doesNotContain(secret);
      }
    }
    String audit;
    try (var c = ApiFixture.connect(ApiFixture.DATABASE);
        var rs =
            c.createStatement()
                .executeQuery(
                    "SELECT coalesce(string_agg(audit_log::text, ' '), '') FROM audit_log")) {
      rs.next();
      audit = rs.getString(1);
    }
    // The container started before this class's fixture ran; Payara names its file server.log*.
    StringBuilder logs = new StringBuilder();
    try (var files = Files.list(ApiFixture.keyDir())) {
      for (var f :
          files.filter(p -> p.getFileName().toString().startsWith("server.log")).toList()) {
        logs.append(Files.readString(f, StandardCharsets.UTF_8));
      }
    }
    String log = logs.toString();
    assertThat(log).as("the server log exists and is written").contains("Payara Micro");
    for (String secret : secrets) {
      assertThat(audit).doesNotContain(secret);
      assertThat(log).doesNotContain(secret);
    }
  }

  // --- rate limit ---------------------------------------------------------------------------

  @Test
  void loginIsLimitedToTenAttemptsPerMinutePerAddress() throws Exception {
    String ip = "203.0.113." + (System.nanoTime() % 200 + 1);
    // Guessing at accounts that do not exist: no account lockout involved, only the address.
    for (int i = 0; i < 10; i++) {
      assertThat(api.loginResponse("guess" + i + "@acme.example", "wrong", ip).statusCode())
          .isEqualTo(401);
    }
    HttpResponse<String> limited = api.loginResponse(VIEWER_A, PASSWORD, ip);
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(json(limited).getString("type")).isEqualTo("urn:vesana:problem:rate-limited");
    long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
    assertThat(retryAfter).isBetween(1L, 60L);
    // Another address is not affected.
    assertThat(api.loginResponse(VIEWER_A, PASSWORD, null).statusCode()).isEqualTo(200);
  }
}
