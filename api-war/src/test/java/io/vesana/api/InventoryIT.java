package io.vesana.api;

import static io.vesana.api.ApiFixture.ADMIN_A;
import static io.vesana.api.ApiFixture.ADMIN_B;
import static io.vesana.api.ApiFixture.PASSWORD;
import static io.vesana.api.ApiFixture.VIEWER_A;
import static org.assertj.core.api.Assertions.assertThat;

import io.vesana.secrets.FieldCipher;
import io.vesana.secrets.SecretColumn;
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
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
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
 * Inventory over real HTTP on Payara Micro: host groups, profiles, profile checks, host services
 * and their effective configuration; for each, validation with pointers, permissions, tenant
 * isolation (another tenant's ids answer 404 on read and write) and the audit trail.
 */
@ExtendWith(ArquillianExtension.class)
class InventoryIT {

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

  long created(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return json(r).getJsonNumber("id").longValue();
  }

  static List<String> pointers(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
    List<String> out = new ArrayList<>();
    json(r).getJsonArray("errors").forEach(e -> out.add(e.asJsonObject().getString("pointer")));
    return out;
  }

  static List<String> audit(String type, long id) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = ApiFixture.connect(ApiFixture.DATABASE);
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT action FROM audit_log WHERE entity_type = ? AND entity_id = ? ORDER BY id")) {
      ps.setString(1, type);
      ps.setString(2, Long.toString(id));
      try (ResultSet rs = ps.executeQuery()) {
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

  // --- host groups --------------------------------------------------------------------------

  @Test
  void hostGroupsNestWithoutCyclesAndStayInTheirTenant() throws Exception {
    String admin = token(ADMIN_A);
    long top = created(send("POST", "host-groups", admin, "{\"name\":\"" + unique("eu") + "\"}"));
    long child =
        created(
            send(
                "POST",
                "host-groups",
                admin,
                "{\"name\":\"berlin\",\"parent_id\":" + top + ",\"description\":\"DC 1\"}"));

    HttpResponse<String> cycle =
        send("PUT", "host-groups/" + top, admin, "{\"name\":\"eu\",\"parent_id\":" + child + "}");
    assertThat(cycle.statusCode()).as(cycle.body()).isEqualTo(409);
    HttpResponse<String> twin =
        send("POST", "host-groups", admin, "{\"name\":\"BERLIN\",\"parent_id\":" + top + "}");
    assertThat(twin.statusCode()).isEqualTo(409);
    assertThat(pointers(send("POST", "host-groups", admin, "{\"name\":\" \"}")))
        .containsExactly("/name");
    assertThat(pointers(send("POST", "host-groups", admin, "{\"name\":\"x\",\"parent_id\":-1}")))
        .containsExactly("/parent_id");

    JsonObject children =
        json(send("GET", "host-groups?parent_id=" + top + "&limit=10", admin, null));
    assertThat(children.getJsonArray("items")).hasSize(1);
    assertThat(children.getJsonArray("items").getJsonObject(0).getString("name"))
        .isEqualTo("berlin");

    String globex = token(ADMIN_B);
    assertThat(send("GET", "host-groups/" + child, globex, null).statusCode()).isEqualTo(404);
    assertThat(send("PUT", "host-groups/" + child, globex, "{\"name\":\"x\"}").statusCode())
        .isEqualTo(404);
    assertThat(send("DELETE", "host-groups/" + child, globex, null).statusCode()).isEqualTo(404);
    assertThat(
            pointers(
                send("POST", "host-groups", globex, "{\"name\":\"g\",\"parent_id\":" + top + "}")))
        .containsExactly("/parent_id");
    assertThat(json(send("GET", "host-groups?limit=500", globex, null)).toString())
        .doesNotContain("berlin");

    String viewer = token(VIEWER_A);
    assertThat(send("GET", "host-groups/" + child, viewer, null).statusCode()).isEqualTo(200);
    assertThat(send("POST", "host-groups", viewer, "{\"name\":\"v\"}").statusCode()).isEqualTo(403);
    assertThat(send("DELETE", "host-groups/" + child, viewer, null).statusCode()).isEqualTo(403);

    assertThat(send("DELETE", "host-groups/" + top, admin, null).statusCode()).isEqualTo(204);
    assertThat(send("GET", "host-groups/" + child, admin, null).statusCode()).isEqualTo(404);
    assertThat(audit("host_group", top))
        .containsExactly("host_group.created", "host_group.deleted");
  }

  // --- profiles and checks ------------------------------------------------------------------

  long profile(String token, String name) throws Exception {
    return created(send("POST", "profiles", token, "{\"name\":\"" + name + "\"}"));
  }

  @Test
  void profileChecksValidateSettingsPerKindWithPointersAndRefuseSecrets() throws Exception {
    String admin = token(ADMIN_A);
    long ups = profile(admin, unique("ups"));
    assertThat(send("POST", "profiles", admin, "{\"name\":\"" + "UPS-dup\"}").statusCode())
        .isEqualTo(201);
    assertThat(send("POST", "profiles", admin, "{\"name\":\"ups-DUP\"}").statusCode())
        .isEqualTo(409);

    assertThat(
            pointers(
                send(
                    "POST",
                    "profiles/" + ups + "/checks",
                    admin,
                    "{\"name\":\"Battery\",\"kind\":\"snmp\",\"settings\":{\"oid\":\"battery\","
                        + "\"port\":0,\"community\":\"public\"},\"max_check_attempts\":0}")))
        .containsExactlyInAnyOrder(
            "/settings/oid", "/settings/port", "/settings/community", "/max_check_attempts");
    assertThat(
            pointers(
                send(
                    "POST",
                    "profiles/" + ups + "/checks",
                    admin,
                    "{\"name\":\"T\",\"kind\":\"telnet\",\"warn_threshold\":{\"x\":\"abc\"}}")))
        .containsExactlyInAnyOrder("/kind", "/warn_threshold/x");
    assertThat(
            pointers(
                send(
                    "POST",
                    "profiles/" + ups + "/checks",
                    admin,
                    "{\"name\":\"Battery\",\"kind\":\"snmp\",\"settings\":{\"oid\":\"1.3.6.1.2.1.1.3.0\"},"
                        + "\"credential_id\":999999}")))
        .containsExactly("/credential_id");

    HttpResponse<String> ok =
        send(
            "POST",
            "profiles/" + ups + "/checks",
            admin,
            "{\"name\":\"Battery\",\"kind\":\"snmp\",\"settings\":{\"oid\":\"1.3.6.1.2.1.1.3.0\"},"
                + "\"check_interval_s\":120,\"crit_threshold\":{\"volts\":\"@0:10\"}}");
    long check = created(ok);
    assertThat(json(ok).getJsonObject("settings").toString())
        .isEqualTo("{\"oid\":\"1.3.6.1.2.1.1.3.0\",\"version\":\"2c\",\"port\":161}");
    assertThat(
            json(send("GET", "profiles/" + ups + "/checks", admin, null))
                .getJsonArray("items")
                .size())
        .isEqualTo(1);

    String globex = token(ADMIN_B);
    String valid = "{\"name\":\"X\",\"kind\":\"ping\"}";
    assertThat(send("GET", "profiles/" + ups, globex, null).statusCode()).isEqualTo(404);
    assertThat(send("GET", "profiles/" + ups + "/checks", globex, null).statusCode())
        .isEqualTo(404);
    assertThat(send("GET", "profiles/" + ups + "/checks/" + check, globex, null).statusCode())
        .isEqualTo(404);
    assertThat(send("POST", "profiles/" + ups + "/checks", globex, valid).statusCode())
        .isEqualTo(404);
    assertThat(send("PUT", "profiles/" + ups + "/checks/" + check, globex, valid).statusCode())
        .isEqualTo(404);
    assertThat(send("DELETE", "profiles/" + ups, globex, null).statusCode()).isEqualTo(404);

    String viewer = token(VIEWER_A);
    assertThat(send("GET", "profiles/" + ups + "/checks/" + check, viewer, null).statusCode())
        .isEqualTo(200);
    assertThat(send("POST", "profiles/" + ups + "/checks", viewer, valid).statusCode())
        .isEqualTo(403);
    assertThat(send("PUT", "profiles/" + ups, viewer, "{\"name\":\"v\"}").statusCode())
        .isEqualTo(403);

    HttpResponse<String> kindChange =
        send("PUT", "profiles/" + ups + "/checks/" + check, admin, valid);
    assertThat(pointers(kindChange)).containsExactly("/kind");
    assertThat(audit("profile_check", check)).containsExactly("profile_check.created");
    assertThat(audit("profile", ups)).containsExactly("profile.created");
  }

  // --- host services and effective configuration --------------------------------------------

  @Test
  void aHostGivenAProfileGetsItsServicesWhoseOverridesShowInTheEffectiveConfig() throws Exception {
    String admin = token(ADMIN_A);
    long ups = profile(admin, unique("smart-ups"));
    long battery =
        created(
            send(
                "POST",
                "profiles/" + ups + "/checks",
                admin,
                "{\"name\":\"Battery\",\"kind\":\"snmp\",\"settings\":{\"oid\":\"1.3.6.1.2.1.1.3.0\"},"
                    + "\"check_interval_s\":120}"));
    created(
        send(
            "POST",
            "profiles/" + ups + "/checks",
            admin,
            "{\"name\":\"Off\",\"kind\":\"ping\",\"enabled\":false}"));
    long host =
        created(
            send(
                "POST",
                "hosts",
                admin,
                "{\"name\":\"" + unique("ups") + "\",\"profile_id\":" + ups + "}"));

    JsonObject list = json(send("GET", "hosts/" + host + "/services", admin, null));
    assertThat(list.getJsonArray("items")).hasSize(1);
    assertThat(list.getJsonArray("items").getJsonObject(0).toString()).contains("Battery");
    long service =
        json(send("GET", "hosts/" + host + "/services", admin, null))
            .getJsonArray("items")
            .getJsonObject(0)
            .getJsonNumber("id")
            .longValue();

    assertThat(
            pointers(
                send(
                    "PUT",
                    "hosts/" + host + "/services/" + service,
                    admin,
                    "{\"name\":\"Battery\",\"overrides\":{\"port\":\"x\",\"password\":\"p\"}}")))
        .containsExactlyInAnyOrder("/overrides/port", "/overrides/password");
    HttpResponse<String> put =
        send(
            "PUT",
            "hosts/" + host + "/services/" + service,
            admin,
            "{\"name\":\"Battery\",\"overrides\":{\"port\":1161},\"max_check_attempts\":5}");
    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);

    JsonObject eff =
        json(
            send(
                "GET",
                "hosts/" + host + "/services/" + service + "/effective-config",
                admin,
                null));
    assertThat(eff.getJsonObject("settings").getJsonObject("port").toString())
        .isEqualTo("{\"value\":1161,\"source\":\"override\"}");
    assertThat(eff.getJsonObject("settings").getJsonObject("oid").getString("source"))
        .isEqualTo("profile_check");
    assertThat(eff.getJsonObject("check_interval_s").toString())
        .isEqualTo("{\"value\":120,\"source\":\"profile_check\"}");
    assertThat(eff.getJsonObject("max_check_attempts").toString())
        .isEqualTo("{\"value\":5,\"source\":\"override\"}");
    assertThat(eff.getJsonObject("warn_threshold").getString("source")).isEqualTo("default");

    long standalone =
        created(
            send(
                "POST",
                "hosts/" + host + "/services",
                admin,
                "{\"name\":\"Web\",\"kind\":\"http\",\"settings\":{\"url\":\"https://ups.example/\"}}"));
    assertThat(
            pointers(
                send(
                    "POST",
                    "hosts/" + host + "/services",
                    admin,
                    "{\"name\":\"Bad\",\"kind\":\"http\",\"settings\":{\"url\":\"ftp://x\"}}")))
        .containsExactly("/settings/url");
    assertThat(
            send(
                    "POST",
                    "hosts/" + host + "/services",
                    admin,
                    "{\"name\":\"web\",\"kind\":\"ping\",\"settings\":{}}")
                .statusCode())
        .isEqualTo(409);
    assertThat(
            pointers(
                send(
                    "POST",
                    "hosts/" + host + "/services",
                    admin,
                    "{\"name\":\"B2\",\"profile_check_id\":" + battery + ",\"settings\":{}}")))
        .containsExactly("/settings");

    String globex = token(ADMIN_B);
    String body = "{\"name\":\"Web\",\"kind\":\"ping\",\"settings\":{}}";
    assertThat(send("GET", "hosts/" + host + "/services", globex, null).statusCode())
        .isEqualTo(404);
    assertThat(send("GET", "hosts/" + host + "/services/" + standalone, globex, null).statusCode())
        .isEqualTo(404);
    assertThat(
            send(
                    "GET",
                    "hosts/" + host + "/services/" + service + "/effective-config",
                    globex,
                    null)
                .statusCode())
        .isEqualTo(404);
    assertThat(send("POST", "hosts/" + host + "/services", globex, body).statusCode())
        .isEqualTo(404);
    assertThat(send("PUT", "hosts/" + host + "/services/" + standalone, globex, body).statusCode())
        .isEqualTo(404);
    assertThat(
            send("DELETE", "hosts/" + host + "/services/" + standalone, globex, null).statusCode())
        .isEqualTo(404);

    String viewer = token(VIEWER_A);
    assertThat(
            send(
                    "GET",
                    "hosts/" + host + "/services/" + service + "/effective-config",
                    viewer,
                    null)
                .statusCode())
        .isEqualTo(200);
    assertThat(send("POST", "hosts/" + host + "/services", viewer, body).statusCode())
        .isEqualTo(403);
    assertThat(
            send("DELETE", "hosts/" + host + "/services/" + standalone, viewer, null).statusCode())
        .isEqualTo(403);

    assertThat(
            send("DELETE", "hosts/" + host + "/services/" + standalone, admin, null).statusCode())
        .isEqualTo(204);
    assertThat(audit("host_service", standalone))
        .containsExactly("host_service.created", "host_service.deleted");
    assertThat(audit("host_service", service)).containsExactly("host_service.updated");
    assertThat(send("DELETE", "profiles/" + ups, admin, null).statusCode()).isEqualTo(409);
  }

  // --- collectors and agents -----------------------------------------------------------------

  HttpResponse<String> fetch(String path, String header, String secret, String etag)
      throws Exception {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(URI.create(root() + "/v1/" + path))
            .timeout(Duration.ofSeconds(30))
            .header("X-Software-Version", "2.0.1");
    if (secret != null) {
      r.header(header, secret);
    }
    if (etag != null) {
      r.header("If-None-Match", etag);
    }
    return http.send(r.GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A stored SNMP community, encrypted with this run's field key as the server would. */
  static long community(long tenant, String secret) throws Exception {
    String key =
        Files.readString(
                ApiFixture.keyDir().resolve(ApiFixture.FIELD_KEY_FILE), StandardCharsets.US_ASCII)
            .strip();
    FieldCipher cipher = FieldCipher.of(Base64.getUrlDecoder().decode(key));
    try (Connection c = ApiFixture.connect(ApiFixture.DATABASE);
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO credentials (tenant_id, name, kind, secret_ciphertext)"
                    + " VALUES (?, ?, 'snmp_community', ?) RETURNING id")) {
      ps.setLong(1, tenant);
      ps.setString(2, unique("community"));
      ps.setBytes(3, cipher.encrypt(secret, SecretColumn.CREDENTIALS_SECRET.context()));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  @Test
  void aRegisteredCollectorFetchesItsChecksWithCredentialsAndAnEtag() throws Exception {
    String admin = token(ADMIN_A);
    HttpResponse<String> reg =
        send("POST", "collectors", admin, "{\"name\":\"" + unique("dc") + "\"}");
    long collector = created(reg);
    String apiKey = json(reg).getString("api_key");
    assertThat(reg.headers().firstValue("Cache-Control")).contains("no-store");
    long tenant = json(reg).getJsonNumber("tenant_id").longValue();
    long secret = community(tenant, "s3cret-community");
    long profile = profile(admin, unique("switch"));
    created(
        send(
            "POST",
            "profiles/" + profile + "/checks",
            admin,
            "{\"name\":\"Uptime\",\"kind\":\"snmp\",\"settings\":{\"oid\":\"1.3.6.1.2.1.1.3.0\"},"
                + "\"credential_id\":"
                + secret
                + "}"));
    long host =
        created(
            send(
                "POST",
                "hosts",
                admin,
                "{\"name\":\""
                    + unique("sw")
                    + "\",\"address\":\"192.0.2.9\",\"profile_id\":"
                    + profile
                    + ",\"collector_id\":"
                    + collector
                    + "}"));

    HttpResponse<String> config = fetch("collector/config", "X-API-Key", apiKey, null);
    assertThat(config.statusCode()).as(config.body()).isEqualTo(200);
    assertThat(config.headers().firstValue("X-Poll-Interval")).contains("60");
    assertThat(config.headers().firstValue("Cache-Control")).contains("no-store");
    String etag = config.headers().firstValue("ETag").orElseThrow();
    assertThat(etag).startsWith("\"").endsWith("\"");
    JsonObject body = json(config);
    assertThat(body.getJsonArray("checks")).hasSize(1);
    assertThat(body.getJsonArray("checks").getJsonObject(0).getJsonNumber("host_id").longValue())
        .isEqualTo(host);
    assertThat(body.getJsonArray("credentials").getJsonObject(0).getString("secret"))
        .isEqualTo("s3cret-community");

    HttpResponse<String> again = fetch("collector/config", "X-API-Key", apiKey, etag);
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
    assertThat(fetch("collector/config", "X-API-Key", "vsk_nope", null).statusCode())
        .isEqualTo(401);
    assertThat(fetch("collector/config", "X-API-Key", null, null).statusCode()).isEqualTo(401);

    JsonObject listed = json(send("GET", "collectors/" + collector, admin, null));
    assertThat(listed.getString("status")).isEqualTo("online");
    assertThat(listed.getString("software_version")).isEqualTo("2.0.1");
    assertThat(listed.isNull("last_seen_at")).isFalse();
    assertThat(listed.containsKey("api_key")).isFalse();
    assertThat(json(send("GET", "collectors?status=online", admin, null)).toString())
        .contains("\"id\":" + collector);
    assertThat(send("GET", "collectors?status=bogus", admin, null).statusCode()).isEqualTo(400);

    String globex = token(ADMIN_B);
    assertThat(send("GET", "collectors/" + collector, globex, null).statusCode()).isEqualTo(404);
    assertThat(send("DELETE", "collectors/" + collector, globex, null).statusCode()).isEqualTo(404);
    String viewer = token(VIEWER_A);
    assertThat(send("GET", "collectors", viewer, null).statusCode()).isEqualTo(403);
    assertThat(send("POST", "collectors", viewer, "{\"name\":\"v\"}").statusCode()).isEqualTo(403);
    assertThat(pointers(send("POST", "collectors", admin, "{\"name\":\"\"}")))
        .containsExactly("/name");

    assertThat(send("DELETE", "collectors/" + collector, admin, null).statusCode()).isEqualTo(204);
    assertThat(fetch("collector/config", "X-API-Key", apiKey, null).statusCode()).isEqualTo(401);
    assertThat(audit("collector", collector))
        .containsExactly("collector.created", "collector.deleted");
  }

  @Test
  void anAgentEnrolsWithItsTokenAndFetchesItsLocalChecks() throws Exception {
    String admin = token(ADMIN_A);
    String name = unique("db");
    long host = created(send("POST", "hosts", admin, "{\"name\":\"" + name + "\"}"));
    created(
        send(
            "POST",
            "hosts/" + host + "/services",
            admin,
            "{\"name\":\"Disk\",\"kind\":\"nagios_plugin\",\"settings\":{\"command\":\"check_disk\"}}"));
    created(
        send(
            "POST",
            "hosts/" + host + "/services",
            admin,
            "{\"name\":\"Ping\",\"kind\":\"ping\",\"settings\":{}}"));
    HttpResponse<String> issued = send("POST", "agent-tokens", admin, "{\"description\":\"db\"}");
    assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
    String agentToken = json(issued).getString("token");

    assertThat(fetch("agent/config", "X-Agent-Token", agentToken, null).statusCode())
        .isEqualTo(409);
    HttpRequest enrol =
        HttpRequest.newBuilder(URI.create(root() + "/v1/agent/enrol"))
            .header("X-Agent-Token", agentToken)
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"host\":\"" + name + "\",\"hostname\":\"db.local\",\"os\":\"linux\"}"))
            .build();
    HttpResponse<String> enrolled = http.send(enrol, HttpResponse.BodyHandlers.ofString());
    assertThat(enrolled.statusCode()).as(enrolled.body()).isEqualTo(200);
    assertThat(json(enrolled).getJsonNumber("host_id").longValue()).isEqualTo(host);

    HttpResponse<String> config = fetch("agent/config", "X-Agent-Token", agentToken, null);
    assertThat(config.statusCode()).as(config.body()).isEqualTo(200);
    assertThat(config.headers().firstValue("X-Poll-Interval")).contains("300");
    JsonObject body = json(config);
    assertThat(body.getJsonArray("checks")).hasSize(1);
    assertThat(body.getJsonArray("checks").getJsonObject(0).getString("service")).isEqualTo("Disk");
    String etag = config.headers().firstValue("ETag").orElseThrow();
    assertThat(fetch("agent/config", "X-Agent-Token", agentToken, etag).statusCode())
        .isEqualTo(304);
    assertThat(fetch("agent/config", "X-Agent-Token", "vesana_agent_forged", null).statusCode())
        .isEqualTo(401);

    JsonObject agents = json(send("GET", "agents?host_id=" + host, admin, null));
    assertThat(agents.getJsonArray("items")).hasSize(1);
    JsonObject agent = agents.getJsonArray("items").getJsonObject(0);
    assertThat(agent.getString("hostname")).isEqualTo("db.local");
    assertThat(agent.getString("status")).isEqualTo("online");
    assertThat(agent.isNull("last_seen_at")).isFalse();
    long agentId = agent.getJsonNumber("id").longValue();
    String globex = token(ADMIN_B);
    assertThat(send("GET", "agents/" + agentId, globex, null).statusCode()).isEqualTo(404);
    assertThat(send("DELETE", "agents/" + agentId, globex, null).statusCode()).isEqualTo(404);
    assertThat(json(send("GET", "agents?limit=500", globex, null)).toString())
        .doesNotContain("db.local");
    assertThat(send("DELETE", "agents/" + agentId, token(VIEWER_A), null).statusCode())
        .isEqualTo(403);
    assertThat(send("DELETE", "agents/" + agentId, admin, null).statusCode()).isEqualTo(204);
    assertThat(fetch("agent/config", "X-Agent-Token", agentToken, null).statusCode())
        .isEqualTo(401);
  }

  @Test
  void theOpenApiDocumentCoversTheInventoryEndpoints() throws Exception {
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
            "/v1/host-groups",
            "/v1/host-groups/{id}",
            "/v1/profiles",
            "/v1/profiles/{profileId}/checks",
            "/v1/profiles/{profileId}/checks/{id}",
            "/v1/hosts/{hostId}/services",
            "/v1/hosts/{hostId}/services/{id}",
            "/v1/hosts/{hostId}/services/{id}/effective-config",
            "/v1/collectors",
            "/v1/agents",
            "/v1/agent/enrol",
            "/v1/agent/config",
            "/v1/collector/config");
  }
}
