package io.vesana.api;

import static io.vesana.api.ApiFixture.ADMIN_A;
import static io.vesana.api.ApiFixture.OPERATOR_B;
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
import java.security.Signature;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
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

  /** Each login comes from an address of its own (X-Forwarded-For; 127.0.0.1 is trusted). */
  private static final AtomicInteger ADDRESS = new AtomicInteger(1);

  @ArquillianResource URL base;

  final HttpClient http = HttpClient.newHttpClient();

  @Deployment(testable = false)
  static WebArchive api() throws Exception {
    ApiFixture.prepare();
    return ShrinkWrap.create(ZipImporter.class, "vesana-api.war")
        .importFrom(new File("target/vesana-api.war"))
        .as(WebArchive.class);
  }

  @org.junit.jupiter.api.BeforeEach
  void seed() throws SQLException {
    ApiFixture.seed();
  }

  // --- HTTP ---------------------------------------------------------------------------------

  HttpResponse<String> send(String method, String path, String token, String body, String ip)
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
    r.header("X-Forwarded-For", ip == null ? nextAddress() : ip);
    return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> send(String method, String path, String token, String body)
      throws Exception {
    return send(method, path, token, body, null);
  }

  /**
   * The deployment's URL on 127.0.0.1 (Payara may report another local address): the API trusts
   * X-Forwarded-For only from 127.0.0.1 in this test.
   */
  String root() {
    return base.toString().replaceAll("/$", "").replaceFirst("//[^:/]+", "//127.0.0.1");
  }

  static String nextAddress() {
    int n = ADDRESS.getAndIncrement();
    return "198.51.100." + (n % 250 + 1) + ", 10.0.0." + (n / 250 % 250 + 1);
  }

  static JsonObject json(HttpResponse<String> r) {
    try (JsonReader reader = Json.createReader(new StringReader(r.body()))) {
      return reader.readObject();
    }
  }

  HttpResponse<String> loginResponse(String email, String password, String ip) throws Exception {
    String body =
        Json.createObjectBuilder().add("email", email).add("password", password).build().toString();
    return send("POST", "auth/login", null, body, ip);
  }

  JsonObject login(String email) throws Exception {
    HttpResponse<String> r = loginResponse(email, PASSWORD, null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return json(r);
  }

  String token(String email) throws Exception {
    return login(email).getString("access_token");
  }

  String createHost(String token, String name) throws Exception {
    HttpResponse<String> r =
        send("POST", "hosts", token, "{\"name\":\"" + name + "\",\"address\":\"10.0.0.5\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return Long.toString(json(r).getJsonNumber("id").longValue());
  }

  // --- login and tokens ---------------------------------------------------------------------

  @Test
  void loginIssuesABearerTokenThatTheApiAccepts() throws Exception {
    JsonObject tokens = login(ADMIN_A);
    assertThat(tokens.getString("token_type")).isEqualTo("Bearer");
    assertThat(tokens.getJsonNumber("expires_in").longValue()).isEqualTo(900);
    assertThat(tokens.getString("refresh_token")).startsWith("vesana_rt_");
    HttpResponse<String> hosts = send("GET", "hosts", tokens.getString("access_token"), null);
    assertThat(hosts.statusCode()).as(hosts.body()).isEqualTo(200);
  }

  @Test
  void wrongPasswordAndUnknownUserGetTheSameAnswer() throws Exception {
    HttpResponse<String> wrong = loginResponse(ADMIN_A, "not the password", null);
    HttpResponse<String> unknown = loginResponse("nobody@acme.example", "whatever", null);
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
    HttpResponse<String> r = loginResponse("admin@vesana.local", password, null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    // A super admin sees every tenant's hosts.
    String acmeHost = createHost(token(ADMIN_A), "seen-by-super-" + UUID.randomUUID());
    HttpResponse<String> get =
        send("GET", "hosts/" + acmeHost, json(r).getString("access_token"), null);
    assertThat(get.statusCode()).as(get.body()).isEqualTo(200);
  }

  @Test
  void refreshRotatesAndAReusedRefreshTokenRevokesTheWholeFamily() throws Exception {
    String first = login(VIEWER_A).getString("refresh_token");
    HttpResponse<String> rotated =
        send("POST", "auth/refresh", null, "{\"refresh_token\":\"" + first + "\"}");
    assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
    String second = json(rotated).getString("refresh_token");
    assertThat(second).isNotEqualTo(first);

    HttpResponse<String> replay =
        send("POST", "auth/refresh", null, "{\"refresh_token\":\"" + first + "\"}");
    assertThat(replay.statusCode()).isEqualTo(401);
    HttpResponse<String> afterReplay =
        send("POST", "auth/refresh", null, "{\"refresh_token\":\"" + second + "\"}");
    assertThat(afterReplay.statusCode()).as("the family is revoked").isEqualTo(401);
  }

  @Test
  void logoutRevokesTheRefreshToken() throws Exception {
    String refresh = login(VIEWER_A).getString("refresh_token");
    HttpResponse<String> out =
        send("POST", "auth/logout", null, "{\"refresh_token\":\"" + refresh + "\"}");
    assertThat(out.statusCode()).isEqualTo(204);
    HttpResponse<String> r =
        send("POST", "auth/refresh", null, "{\"refresh_token\":\"" + refresh + "\"}");
    assertThat(r.statusCode()).isEqualTo(401);
  }

  // --- token attacks ------------------------------------------------------------------------

  @Test
  void forgedTamperedExpiredAndMisaddressedTokensAreRejected() throws Exception {
    String valid = token(ADMIN_A);
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
      HttpResponse<String> r = send("GET", "hosts", bad, null);
      assertThat(r.statusCode()).as("token %s → %s", bad, r.body()).isEqualTo(401);
    }
    // The control: the same forging code with the right claims is accepted.
    assertThat(send("GET", "hosts", rs256(claims), null).statusCode()).isEqualTo(200);
    assertThat(send("GET", "hosts", null, null).statusCode()).isEqualTo(401);
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
    String hostA = createHost(token(ADMIN_A), "db-" + UUID.randomUUID());
    String b = token(OPERATOR_B);
    HttpResponse<String> get = send("GET", "hosts/" + hostA, b, null);
    HttpResponse<String> put = send("PUT", "hosts/" + hostA, b, "{\"name\":\"stolen\"}");
    HttpResponse<String> delete = send("DELETE", "hosts/" + hostA, b, null);
    HttpResponse<String> missing = send("GET", "hosts/987654321", b, null);
    assertThat(get.statusCode()).isEqualTo(404);
    assertThat(put.statusCode()).isEqualTo(404);
    assertThat(delete.statusCode()).isEqualTo(404);
    assertThat(get.body())
        .as("same answer as a host that does not exist")
        .isEqualTo(missing.body());
    HttpResponse<String> list = send("GET", "hosts?limit=500", b, null);
    assertThat(list.body()).doesNotContain("\"id\":" + hostA + ",");
    // Still there, unchanged, for its own tenant.
    HttpResponse<String> own = send("GET", "hosts/" + hostA, token(ADMIN_A), null);
    assertThat(json(own).getString("name")).startsWith("db-");
  }

  @Test
  void aViewerMayReadButNotWrite() throws Exception {
    String hostA = createHost(token(ADMIN_A), "web-" + UUID.randomUUID());
    String viewer = token(VIEWER_A);
    assertThat(send("GET", "hosts/" + hostA, viewer, null).statusCode()).isEqualTo(200);
    HttpResponse<String> post = send("POST", "hosts", viewer, "{\"name\":\"nope\"}");
    assertThat(post.statusCode()).isEqualTo(403);
    assertThat(json(post).getString("permission")).isEqualTo("hosts.write");
    assertThat(send("DELETE", "hosts/" + hostA, viewer, null).statusCode()).isEqualTo(403);
  }

  @Test
  void hostCrudWritesTheAuditTrailAndAnswersConflictsAndBadInputClearly() throws Exception {
    String admin = token(ADMIN_A);
    String name = "app-" + UUID.randomUUID();
    String id = createHost(admin, name);
    HttpResponse<String> dup =
        send(
            "POST",
            "hosts",
            admin,
            "{\"name\":\"" + name.toUpperCase(java.util.Locale.ROOT) + "\"}");
    assertThat(dup.statusCode()).as(dup.body()).isEqualTo(409);

    HttpResponse<String> bad =
        send("POST", "hosts", admin, "{\"name\":42,\"enabled\":\"yes\",\"colour\":\"red\"}");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("/name", "/enabled", "/colour");
    assertThat(send("POST", "hosts", admin, "{not json").statusCode()).isEqualTo(400);
    HttpResponse<String> another = send("POST", "hosts", admin, "{\"name\":\"" + name + "-2\"}");
    assertThat(json(another).getString("created_at")).as("shown on creation").isNotBlank();

    HttpResponse<String> put =
        send("PUT", "hosts/" + id, admin, "{\"name\":\"" + name + "-renamed\",\"enabled\":false}");
    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    assertThat(json(put).getBoolean("enabled")).isFalse();
    assertThat(send("DELETE", "hosts/" + id, admin, null).statusCode()).isEqualTo(204);
    assertThat(send("GET", "hosts/" + id, admin, null).statusCode()).isEqualTo(404);

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
    String admin = token(ADMIN_A);
    String tag = "page-" + UUID.randomUUID();
    for (int i = 0; i < 5; i++) {
      createHost(admin, tag + "-" + i);
    }
    JsonObject first = json(send("GET", "hosts?q=" + tag + "&limit=2", admin, null));
    assertThat(first.getJsonArray("items")).hasSize(2);
    long after = first.getJsonNumber("next_after").longValue();
    JsonObject rest = json(send("GET", "hosts?q=" + tag + "&limit=10&after=" + after, admin, null));
    assertThat(rest.getJsonArray("items")).hasSize(3);
    assertThat(rest.isNull("next_after")).isTrue();
    assertThat(send("GET", "hosts?limit=5000", admin, null).statusCode()).isEqualTo(400);
  }

  @Test
  void unknownPathsAnswerProblemJson() throws Exception {
    HttpResponse<String> r = send("GET", "no-such-thing", token(VIEWER_A), null);
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
  }

  // --- agent tokens, API keys, dead letters --------------------------------------------------

  @Test
  void anAgentTokenIsShownOnceListedWithoutSecretAndRevocable() throws Exception {
    String admin = token(ADMIN_A);
    String host = createHost(admin, "agent-host-" + UUID.randomUUID());
    HttpResponse<String> created =
        send(
            "POST",
            "agent-tokens",
            admin,
            "{\"description\":\"web agent\",\"host_id\":" + host + "}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String secret = json(created).getString("token");
    assertThat(secret).matches("vesana_agent_[A-Za-z0-9_-]{32}");
    String id = Long.toString(json(created).getJsonNumber("id").longValue());

    HttpResponse<String> list = send("GET", "agent-tokens?limit=500", admin, null);
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

    assertThat(send("DELETE", "agent-tokens/" + id, token(OPERATOR_B), null).statusCode())
        .as("another tenant cannot revoke it")
        .isEqualTo(403);
    assertThat(send("DELETE", "agent-tokens/" + id, admin, null).statusCode()).isEqualTo(204);
    assertThat(json(send("GET", "agent-tokens?limit=500", admin, null)).toString())
        .contains("\"revoked_at\":\"");
    HttpResponse<String> foreignHost =
        send("POST", "agent-tokens", admin, "{\"host_id\":987654321}");
    assertThat(foreignHost.statusCode()).isEqualTo(400);
  }

  @Test
  void apiKeysOfAnotherTenantAreNotFound() throws Exception {
    String admin = token(ADMIN_A);
    HttpResponse<String> created =
        send("POST", "api-keys", admin, "{\"name\":\"collector dc1\",\"purpose\":\"collector\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(json(created).getString("key")).startsWith("vsk_");
    String id = Long.toString(json(created).getJsonNumber("id").longValue());
    String globexAdmin = token(ApiFixture.ADMIN_B);
    assertThat(send("DELETE", "api-keys/" + id, globexAdmin, null).statusCode()).isEqualTo(404);
    assertThat(send("GET", "api-keys?limit=500", globexAdmin, null).body())
        .doesNotContain("\"id\":" + id + ",");
    HttpResponse<String> bad =
        send("POST", "api-keys", admin, "{\"name\":\"x\",\"purpose\":\"root\"}");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("/purpose");
  }

  @Test
  void deadLettersAreForSuperAdminsOnly() throws Exception {
    assertThat(send("GET", "admin/dead-letters", token(ADMIN_A), null).statusCode()).isEqualTo(403);
    String password =
        Files.readString(
                ApiFixture.keyDir().resolve("first-admin-password"), StandardCharsets.UTF_8)
            .strip();
    String superAdmin =
        json(loginResponse("admin@vesana.local", password, null)).getString("access_token");
    HttpResponse<String> list = send("GET", "admin/dead-letters", superAdmin, null);
    assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
    assertThat(json(list).getJsonNumber("total").longValue()).isGreaterThanOrEqualTo(0);
    assertThat(send("POST", "admin/dead-letters/1-0/replay", superAdmin, null).statusCode())
        .isEqualTo(404);
    assertThat(send("DELETE", "admin/dead-letters/not-an-id", superAdmin, null).statusCode())
        .isEqualTo(400);
  }

  // --- tenants and users ----------------------------------------------------------------------

  String superAdminToken() throws Exception {
    String password =
        Files.readString(
                ApiFixture.keyDir().resolve("first-admin-password"), StandardCharsets.UTF_8)
            .strip();
    return json(loginResponse("admin@vesana.local", password, null)).getString("access_token");
  }

  @Test
  void aSuperAdminOnboardsATenantWhoseAdminManagesItsOwnUsers() throws Exception {
    String root = superAdminToken();
    String slug = "initech-" + (System.nanoTime() % 100000);
    assertThat(
            send("POST", "tenants", token(ADMIN_A), "{\"slug\":\"x\",\"name\":\"x\"}").statusCode())
        .isEqualTo(403);
    HttpResponse<String> tenant =
        send("POST", "tenants", root, "{\"slug\":\"" + slug + "\",\"name\":\"Initech\"}");
    assertThat(tenant.statusCode()).as(tenant.body()).isEqualTo(201);
    long tenantId = json(tenant).getJsonNumber("id").longValue();
    assertThat(
            send("POST", "tenants", root, "{\"slug\":\"" + slug + "\",\"name\":\"Again\"}")
                .statusCode())
        .isEqualTo(409);
    assertThat(send("POST", "tenants", root, "{\"slug\":\"Bad Slug\",\"name\":\"x\"}").body())
        .contains("/slug");

    String adminEmail = "boss@" + slug + ".example";
    HttpResponse<String> admin =
        send(
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
    HttpResponse<String> adminLogin = loginResponse(adminEmail, adminPassword, null);
    assertThat(adminLogin.statusCode()).isEqualTo(200);
    String adminToken = json(adminLogin).getString("access_token");

    String opsEmail = "ops@" + slug + ".example";
    HttpResponse<String> ops =
        send("POST", "users", adminToken, "{\"email\":\"" + opsEmail + "\",\"role\":\"operator\"}");
    assertThat(ops.statusCode()).as(ops.body()).isEqualTo(201);
    long opsId = json(ops).getJsonNumber("id").longValue();
    String opsRefresh =
        json(loginResponse(opsEmail, json(ops).getString("initial_password"), null))
            .getString("refresh_token");

    HttpResponse<String> listed = send("GET", "users?limit=500", adminToken, null);
    assertThat(listed.body()).contains(opsEmail).doesNotContain(ADMIN_A);
    assertThat(send("GET", "users/" + opsId, token(ADMIN_A), null).statusCode()).isEqualTo(404);
    assertThat(send("DELETE", "users/" + opsId, token(ADMIN_A), null).statusCode()).isEqualTo(404);

    assertThat(send("DELETE", "users/" + opsId, adminToken, null).statusCode()).isEqualTo(204);
    assertThat(
            send("POST", "auth/refresh", null, "{\"refresh_token\":\"" + opsRefresh + "\"}")
                .statusCode())
        .as("a disabled user's session ends")
        .isEqualTo(401);

    HttpResponse<String> suspend =
        send("PATCH", "tenants/" + tenantId, root, "{\"status\":\"suspended\"}");
    assertThat(suspend.statusCode()).as(suspend.body()).isEqualTo(200);
    assertThat(loginResponse(adminEmail, adminPassword, null).statusCode())
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
    String admin = token(ADMIN_A);
    long host = Long.parseLong(createHost(admin, "status-" + UUID.randomUUID()));
    long tenant =
        json(send("GET", "hosts/" + host, admin, null)).getJsonNumber("tenant_id").longValue();
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

    JsonObject services = json(send("GET", "hosts/" + host + "/services", admin, null));
    JsonObject svc = services.getJsonArray("items").getJsonObject(0);
    assertThat(svc.getString("state")).isEqualTo("CRITICAL");
    assertThat(svc.getJsonObject("perfdata").getJsonArray("metrics")).hasSize(1);
    JsonObject results = json(send("GET", "services/" + service + "/results", admin, null));
    assertThat(results.getJsonArray("items")).hasSize(3);
    assertThat(results.getJsonArray("items").getJsonObject(0).getJsonObject("perfdata").toString())
        .contains("\"value\":1");
    JsonObject series =
        json(send("GET", "services/" + service + "/series?metric=load1&buckets=1", admin, null));
    assertThat(series.getJsonArray("points")).hasSize(1);
    JsonObject point = series.getJsonArray("points").getJsonObject(0);
    assertThat(point.getJsonNumber("avg").doubleValue())
        .isEqualTo(16.0 / 3, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(point.getJsonNumber("max").doubleValue()).isEqualTo(10.0);
    assertThat(send("GET", "problems?limit=500", admin, null).body())
        .contains("\"id\":" + service + ",");

    String b = token(ApiFixture.ADMIN_B);
    assertThat(send("GET", "services/" + service, b, null).statusCode()).isEqualTo(404);
    assertThat(send("GET", "services/" + service + "/results", b, null).statusCode())
        .isEqualTo(404);
    assertThat(send("GET", "hosts/" + host + "/services", b, null).statusCode()).isEqualTo(404);
    assertThat(send("GET", "problems?limit=500", b, null).body())
        .doesNotContain("\"id\":" + service + ",");
    assertThat(
            send("GET", "services/" + service + "/results?from=yesterday", admin, null)
                .statusCode())
        .isEqualTo(400);
  }

  @Test
  void anOperatorAcknowledgesAnOpenAlertAndAnotherTenantCannotSeeIt() throws Exception {
    String admin = token(ADMIN_A);
    long host = Long.parseLong(createHost(admin, "alerting-" + UUID.randomUUID()));
    long tenant =
        json(send("GET", "hosts/" + host, admin, null)).getJsonNumber("tenant_id").longValue();
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
    assertThat(send("GET", "alerts?state=open&limit=500", admin, null).body())
        .contains("\"id\":" + alert + ",");
    assertThat(
            send("POST", "alerts/" + alert + "/acknowledge", token(VIEWER_A), "{\"comment\":\"x\"}")
                .statusCode())
        .as("a viewer may not acknowledge")
        .isEqualTo(403);
    HttpResponse<String> ack =
        send(
            "POST",
            "alerts/" + alert + "/acknowledge",
            admin,
            "{\"comment\":\"on it\",\"sticky\":true}");
    assertThat(ack.statusCode()).as(ack.body()).isEqualTo(200);
    assertThat(json(ack).getBoolean("acknowledged")).isTrue();
    assertThat(
            send("POST", "alerts/" + alert + "/comments", admin, "{\"comment\":\"replaced disk\"}")
                .statusCode())
        .isEqualTo(204);
    JsonObject detail = json(send("GET", "alerts/" + alert, admin, null));
    assertThat(detail.getJsonArray("events").toString())
        .contains("acknowledged", "on it", "replaced disk");
    assertThat(send("POST", "alerts/" + alert + "/acknowledge", admin, "{}").statusCode())
        .isEqualTo(400);

    String b = token(ApiFixture.ADMIN_B);
    assertThat(send("GET", "alerts/" + alert, b, null).statusCode()).isEqualTo(404);
    assertThat(
            send("POST", "alerts/" + alert + "/acknowledge", b, "{\"comment\":\"mine\"}")
                .statusCode())
        .isEqualTo(404);
    assertThat(send("GET", "alerts?state=all&limit=500", b, null).body())
        .doesNotContain("\"id\":" + alert + ",");

    ApiFixture.id("UPDATE alerts SET resolved_at = now() WHERE id = ? RETURNING 1", alert);
    assertThat(
            send("POST", "alerts/" + alert + "/acknowledge", admin, "{\"comment\":\"late\"}")
                .statusCode())
        .isEqualTo(409);
  }

  // --- secrets ------------------------------------------------------------------------------

  @Test
  void plantedSecretsNeverReachLaterResponsesTheAuditTrailOrTheServerLog() throws Exception {
    JsonObject session = login(ADMIN_A);
    String access = session.getString("access_token");
    String refresh = session.getString("refresh_token");
    String agentToken =
        json(send("POST", "agent-tokens", access, "{\"description\":\"scan\"}")).getString("token");
    String apiKey = json(send("POST", "api-keys", access, "{\"name\":\"scan\"}")).getString("key");
    // A failing login with a planted password, and requests that fail in different ways.
    String plantedPassword = "planted-" + UUID.randomUUID();
    loginResponse(ADMIN_A, plantedPassword, null);
    java.util.List<String> bodies = new java.util.ArrayList<>();
    bodies.add(send("GET", "agent-tokens?limit=500", access, null).body());
    bodies.add(send("GET", "api-keys?limit=500", access, null).body());
    bodies.add(send("POST", "hosts", access, "{\"name\":\"" + apiKey + "\",\"x\":1}").body());
    bodies.add(send("GET", "hosts", access + "x", null).body());
    bodies.add(
        send("POST", "auth/refresh", null, "{\"refresh_token\":\"" + refresh + "x\"}").body());
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
      assertThat(loginResponse("guess" + i + "@acme.example", "wrong", ip).statusCode())
          .isEqualTo(401);
    }
    HttpResponse<String> limited = loginResponse(VIEWER_A, PASSWORD, ip);
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(json(limited).getString("type")).isEqualTo("urn:vesana:problem:rate-limited");
    long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
    assertThat(retryAfter).isBetween(1L, 60L);
    // Another address is not affected.
    assertThat(loginResponse(VIEWER_A, PASSWORD, null).statusCode()).isEqualTo(200);
  }
}
