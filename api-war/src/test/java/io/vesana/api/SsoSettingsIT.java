package io.vesana.api;

import static io.vesana.api.ApiFixture.ADMIN_A;
import static io.vesana.api.ApiFixture.PASSWORD;
import static io.vesana.api.ApiFixture.VIEWER_A;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.File;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Settings (tenant and system), SSO token exchange against an OIDC issuer this test serves on
 * 127.0.0.1 (arquillian.xml points the API at it), the reserved internal tenant and the self-test
 * in health, over real HTTP on Payara Micro, PostgreSQL and Redis.
 *
 * <p>The issuer is the JDK's HTTP server ({@code com.sun.net.httpserver}, a supported module).
 */
@ExtendWith(ArquillianExtension.class)
@SuppressForbidden
class SsoSettingsIT {

  private static final AtomicInteger ADDRESS = new AtomicInteger(1);
  private static final int PORT = Integer.getInteger("vesana.it.sso.port", 18477);
  private static final String ISSUER = "http://127.0.0.1:" + PORT + "/realms/it";
  private static HttpServer issuer;
  private static RSAKey key;

  @ArquillianResource URL base;

  final HttpClient http = HttpClient.newHttpClient();

  @Deployment(testable = false)
  static WebArchive api() throws Exception {
    ApiFixture.prepare();
    return ShrinkWrap.create(ZipImporter.class, "vesana-api.war")
        .importFrom(new File("target/vesana-api.war"))
        .as(WebArchive.class);
  }

  @BeforeAll
  static void startIssuer() throws Exception {
    key = new RSAKeyGenerator(2048).keyID("it-1").generate();
    issuer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), PORT), 0);
    issuer.createContext(
        "/jwks",
        x -> {
          byte[] body = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
          x.getResponseHeaders().add("Content-Type", "application/json");
          x.sendResponseHeaders(200, body.length);
          try (OutputStream out = x.getResponseBody()) {
            out.write(body);
          }
        });
    issuer.start();
  }

  @AfterAll
  static void stopIssuer() {
    issuer.stop(0);
  }

  @BeforeEach
  void seed() throws SQLException {
    ApiFixture.seed();
  }

  // --- settings ---------------------------------------------------------------------------------

  @Test
  void aTenantAdminReadsAndChangesTypedSettingsAndTheChangeIsAudited() throws Exception {
    String admin = token(ADMIN_A);
    JsonObject before = json(send("GET", "settings", admin, null));
    assertThat(before.getJsonObject("values").getInt("checks.default_interval_seconds"))
        .isEqualTo(300);

    HttpResponse<String> r =
        send("PUT", "settings", admin, "{\"values\":{\"checks.default_interval_seconds\":120}}");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(json(r).getJsonObject("values").getInt("checks.default_interval_seconds"))
        .isEqualTo(120);
    assertThat(json(send("GET", "settings", admin, null)).getJsonObject("values").toString())
        .contains("\"checks.default_interval_seconds\":120");
    assertThat(
            ApiFixture.id(
                "SELECT count(*) FROM audit_log WHERE action = 'settings.updated'"
                    + " AND after->>'checks.default_interval_seconds' = '120' AND tenant_id = ?",
                tenantId("acme")))
        .isEqualTo(1);
    send("PUT", "settings", admin, "{\"values\":{\"checks.default_interval_seconds\":null}}");
  }

  @Test
  void invalidSettingsAnswer400WithAPointer() throws Exception {
    String admin = token(ADMIN_A);

    assertPointer(
        send("PUT", "settings", admin, "{\"values\":{\"checks.default_interval_seconds\":\"5\"}}"),
        "/values/checks.default_interval_seconds");
    assertPointer(
        send("PUT", "settings", admin, "{\"values\":{\"security.require_2fa\":1}}"),
        "/values/security.require_2fa");
    assertPointer(
        send("PUT", "settings", admin, "{\"values\":{\"no.such_key\":true}}"),
        "/values/no.such_key");
    assertPointer(send("PUT", "settings", admin, "{\"values\":{}}"), "/values");
    assertPointer(send("PUT", "settings", admin, "{\"other\":1}"), "/other");
  }

  @Test
  void aViewerMayNotReadOrChangeSettings() throws Exception {
    String viewer = token(VIEWER_A);

    assertThat(send("GET", "settings", viewer, null).statusCode()).isEqualTo(403);
    assertThat(
            send("PUT", "settings", viewer, "{\"values\":{\"security.require_2fa\":true}}")
                .statusCode())
        .isEqualTo(403);
  }

  @Test
  void anotherTenantsSettingsAreNotFoundForReadAndWrite() throws Exception {
    String admin = token(ADMIN_A);
    long globex = tenantId("globex");

    assertThat(send("GET", "settings?tenant_id=" + globex, admin, null).statusCode())
        .isEqualTo(404);
    assertThat(
            send(
                    "PUT",
                    "settings?tenant_id=" + globex,
                    admin,
                    "{\"values\":{\"security.require_2fa\":true}}")
                .statusCode())
        .isEqualTo(404);
    assertThat(ApiFixture.id("SELECT count(*) FROM tenant_settings WHERE tenant_id = ?", globex))
        .isZero();
  }

  @Test
  void systemSettingsAreForSuperAdminsOnly() throws Exception {
    String root = superAdmin();

    HttpResponse<String> r =
        send("PUT", "admin/settings", root, "{\"values\":{\"instance.name\":\"  Ops HQ \"}}");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(json(r).getJsonObject("values").getString("instance.name")).isEqualTo("Ops HQ");
    assertThat(json(r).getJsonObject("values").getInt("retention.check_results_days"))
        .isEqualTo(90);
    assertPointer(
        send("PUT", "admin/settings", root, "{\"values\":{\"retention.audit_log_days\":0}}"),
        "/values/retention.audit_log_days");
    assertThat(send("GET", "admin/settings", token(ADMIN_A), null).statusCode()).isEqualTo(403);
    assertThat(
            send("PUT", "admin/settings", token(ADMIN_A), "{\"values\":{\"instance.name\":\"x\"}}")
                .statusCode())
        .isEqualTo(403);
    assertThat(
            ApiFixture.id(
                "SELECT count(*) FROM audit_log WHERE action = 'system_settings.updated'"))
        .isEqualTo(1);
  }

  @Test
  void theReservedInternalTenantIsInvisible() throws Exception {
    String root = superAdmin();
    long internal = tenantId("vesana-internal");

    assertThat(send("GET", "tenants?limit=500", root, null).body())
        .doesNotContain("vesana-internal");
    assertThat(send("GET", "tenants/" + internal, root, null).statusCode()).isEqualTo(404);
    assertThat(send("PATCH", "tenants/" + internal, root, "{\"status\":\"active\"}").statusCode())
        .isEqualTo(404);
    assertThat(send("GET", "settings?tenant_id=" + internal, root, null).statusCode())
        .isEqualTo(404);
  }

  // --- SSO
  // ----------------------------------------------------------------------------------------

  @Test
  void anIssuerTokenIsExchangedForTokensWithTheMappedRole() throws Exception {
    ApiFixture.user(tenantId("acme"), "sso-op@acme.example", "viewer");

    HttpResponse<String> r = exchange(sign(claims("sso-op@acme.example", "ops").build()));

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    String access = json(r).getString("access_token");
    assertThat(json(r).getString("refresh_token")).startsWith("vesana_rt_");
    assertThat(
            send(
                    "POST",
                    "hosts",
                    access,
                    "{\"name\":\"sso-made-" + ADDRESS.incrementAndGet() + "\"}")
                .statusCode())
        .isEqualTo(201);
    assertThat(send("GET", "settings", access, null).statusCode()).isEqualTo(403);
  }

  @Test
  void badIssuerTokensAnswer401() throws Exception {
    ApiFixture.user(tenantId("acme"), "sso-bad@acme.example", "viewer");
    String valid = sign(claims("sso-bad@acme.example", "ops").build());
    String[] parts = valid.split("\\.");
    Instant past = Instant.now().minusSeconds(900);

    assertInvalid(exchange(sign(claims("sso-bad@acme.example", "ops").audience("x").build())));
    assertInvalid(
        exchange(sign(claims("sso-bad@acme.example", "ops").issuer("http://evil/").build())));
    assertInvalid(
        exchange(
            sign(
                claims("sso-bad@acme.example", "ops")
                    .issueTime(Date.from(past))
                    .expirationTime(Date.from(past.plusSeconds(60)))
                    .build())));
    assertInvalid(exchange(b64("{\"alg\":\"none\"}") + "." + parts[1] + "."));
    SignedJWT hs =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("it-1").build(),
            claims("sso-bad@acme.example", "ops").build());
    hs.sign(new MACSigner(key.toRSAPublicKey().getEncoded()));
    assertInvalid(exchange(hs.serialize()));
    RSAKey stranger = new RSAKeyGenerator(2048).keyID("unknown").generate();
    assertInvalid(exchange(sign(stranger, claims("sso-bad@acme.example", "ops").build())));
    String tampered =
        b64(
            new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"ops\"", "\"admins\""));
    assertInvalid(exchange(parts[0] + "." + tampered + "." + parts[2]));
  }

  @Test
  void anUnknownUserIsRefusedWithAClearProblem() throws Exception {
    HttpResponse<String> r = exchange(sign(claims("nobody@acme.example", "ops").build()));

    assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
    assertThat(json(r).getString("type")).isEqualTo("urn:vesana:problem:sso-user-unknown");
    assertPointer(send("POST", "auth/sso/exchange", null, "{}"), "/token");
  }

  @Test
  void theAdminsGroupMakesATenantAdminWhoMayChangeSettings() throws Exception {
    ApiFixture.user(tenantId("globex"), "sso-admin@globex.example", "viewer");

    HttpResponse<String> r =
        exchange(
            sign(
                claims("sso-admin@globex.example", "admins")
                    .claim("vesana_tenant", "globex")
                    .build()));

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    String access = json(r).getString("access_token");
    JsonObject settings = json(send("GET", "settings", access, null));
    assertThat(settings.getJsonNumber("tenant_id").longValue()).isEqualTo(tenantId("globex"));
    assertThat(
            ApiFixture.id(
                "SELECT count(*) FROM audit_log WHERE action = 'user.roles_synced'"
                    + " AND actor_label = 'sso-admin@globex.example'"))
        .isEqualTo(1);
  }

  // --- health: the self-test
  // ------------------------------------------------------------------------

  @Test
  void healthShowsTheSelfTestProbeSentButNotSeenWithoutConsumers() throws Exception {
    String root = superAdmin();
    JsonObject selfTest = null;
    for (int i = 0; i < 30; i++) {
      selfTest = json(send("GET", "admin/health", root, null)).getJsonObject("self_test");
      if ("pending".equals(selfTest.getString("status"))) {
        break;
      }
      Thread.sleep(500);
    }

    assertThat(selfTest.getString("status")).isEqualTo("pending");
    assertThat(selfTest.getString("probe_sent_at")).isNotBlank();
    assertThat(selfTest.isNull("last_lag_ms")).isTrue();
    assertThat(selfTest.getInt("timeout_seconds")).isEqualTo(600);
    assertThat(send("GET", "admin/health", token(ADMIN_A), null).statusCode()).isEqualTo(403);
  }

  @Test
  void theOpenApiDocumentListsTheNewEndpoints() throws Exception {
    String server = root().replaceFirst("(//[^/]+).*", "$1");
    HttpResponse<String> doc =
        http.send(
            HttpRequest.newBuilder(URI.create(server + "/openapi"))
                .header("Accept", "application/json")
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(doc.body()).contains("/v1/settings", "/v1/admin/settings", "/v1/auth/sso/exchange");
  }

  // --- helpers
  // ------------------------------------------------------------------------------------

  private static JWTClaimsSet.Builder claims(String email, String group) {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .issuer(ISSUER)
        .audience("vesana")
        .subject("sub-" + email)
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plusSeconds(300)))
        .claim("email", email)
        .claim("email_verified", true)
        .claim("vesana_tenant", "acme")
        .claim("groups", List.of(group));
  }

  private static String sign(JWTClaimsSet claims) throws Exception {
    return sign(key, claims);
  }

  private static String sign(RSAKey k, JWTClaimsSet claims) throws Exception {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(k.getKeyID()).build(), claims);
    jwt.sign(new RSASSASigner(k));
    return jwt.serialize();
  }

  private HttpResponse<String> exchange(String token) throws Exception {
    return send(
        "POST",
        "auth/sso/exchange",
        null,
        Json.createObjectBuilder().add("token", token).build().toString());
  }

  private static void assertInvalid(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(401);
    assertThat(json(r).getString("type")).isEqualTo("urn:vesana:problem:invalid-sso-token");
  }

  private static String b64(String s) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private String root() {
    return base.toString().replaceAll("/$", "").replaceFirst("//[^:/]+", "//127.0.0.1");
  }

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

  static JsonObject json(HttpResponse<String> r) {
    try (JsonReader reader = Json.createReader(new StringReader(r.body()))) {
      return reader.readObject();
    }
  }

  String token(String email) throws Exception {
    return token(email, PASSWORD);
  }

  String token(String email, String password) throws Exception {
    String body =
        Json.createObjectBuilder().add("email", email).add("password", password).build().toString();
    HttpResponse<String> r = send("POST", "auth/login", null, body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return json(r).getString("access_token");
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

  static void assertPointer(HttpResponse<String> r, String pointer) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(json(r).getJsonArray("errors").getJsonObject(0).getString("pointer"))
        .isEqualTo(pointer);
  }
}
