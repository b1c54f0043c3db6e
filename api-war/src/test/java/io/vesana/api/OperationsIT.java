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
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
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
 * The operations endpoints (downtimes, notification channels and rules) over real HTTP on a managed
 * Payara Micro with the real PostgreSQL and Redis: happy paths, validation with pointers,
 * permissions, tenant isolation on read and write, audit records, write-only secrets.
 */
@ExtendWith(ArquillianExtension.class)
class OperationsIT {

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
    int n = ADDRESS.getAndIncrement();
    r.header("X-Forwarded-For", "203.0.113." + (n % 250 + 1) + ", 10.1.0." + (n / 250 % 250 + 1));
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

  long createHost(String token, String name) throws Exception {
    HttpResponse<String> r = send("POST", "hosts", token, "{\"name\":\"" + name + "\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return json(r).getJsonNumber("id").longValue();
  }

  static long service(long host, String name) throws SQLException {
    return ApiFixture.id(
        "INSERT INTO host_services (tenant_id, host_id, name, kind, settings)"
            + " SELECT tenant_id, id, ?, 'passive', '{}' FROM hosts WHERE id = ? RETURNING id",
        name,
        host);
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

  // --- downtimes ----------------------------------------------------------------------------

  static String oneOff(long host, Instant start, Instant end, String comment) {
    return Json.createObjectBuilder()
        .add("scope", "host")
        .add("host_id", host)
        .add("starts_at", start.toString())
        .add("ends_at", end.toString())
        .add("comment", comment)
        .build()
        .toString();
  }

  @Test
  void downtimeLifecycleIsAuditedAndCancelKeepsHistory() throws Exception {
    String admin = token(ADMIN_A);
    long host = createHost(admin, unique("dt-host"));
    Instant now = Instant.now();
    HttpResponse<String> created =
        send(
            "POST",
            "downtimes",
            admin,
            oneOff(host, now.minusSeconds(60), now.plusSeconds(3600), "kernel update"));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonObject d = json(created);
    long id = d.getJsonNumber("id").longValue();
    assertThat(d.getBoolean("active_now")).isTrue();
    assertThat(d.getString("scope")).isEqualTo("host");
    assertThat(d.getBoolean("include_children")).isTrue();
    assertThat(d.isNull("recurrence")).isTrue();
    assertThat(d.getJsonNumber("author_user_id")).isNotNull();

    JsonObject active = json(send("GET", "downtimes?active=true&host_id=" + host, admin, null));
    assertThat(active.getJsonArray("items")).hasSize(1);
    assertThat(active.getJsonArray("items").getJsonObject(0).getJsonNumber("id").longValue())
        .isEqualTo(id);

    HttpResponse<String> put =
        send(
            "PUT",
            "downtimes/" + id,
            admin,
            oneOff(host, now.plusSeconds(600), now.plusSeconds(3600), "postponed"));
    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    assertThat(json(put).getString("comment")).isEqualTo("postponed");
    assertThat(json(put).getBoolean("active_now")).isFalse();
    assertThat(
            json(send("GET", "downtimes?active=true&host_id=" + host, admin, null))
                .getJsonArray("items"))
        .isEmpty();

    assertThat(send("DELETE", "downtimes/" + id, admin, null).statusCode()).isEqualTo(204);
    JsonObject cancelled = json(send("GET", "downtimes/" + id, admin, null));
    assertThat(cancelled.isNull("cancelled_at")).isFalse();
    assertThat(json(send("GET", "downtimes?host_id=" + host, admin, null)).getJsonArray("items"))
        .as("cancelled ones are hidden by default")
        .isEmpty();
    assertThat(
            json(send("GET", "downtimes?include_cancelled=true&host_id=" + host, admin, null))
                .getJsonArray("items"))
        .hasSize(1);
    assertThat(
            send(
                    "PUT",
                    "downtimes/" + id,
                    admin,
                    oneOff(host, now, now.plusSeconds(60), "too late"))
                .statusCode())
        .isEqualTo(409);
    assertThat(auditActions("downtime", id))
        .containsExactly("downtime.created", "downtime.updated", "downtime.cancelled");
  }

  @Test
  void recurringServiceDowntimeRoundTrips() throws Exception {
    String admin = token(ADMIN_A);
    long host = createHost(admin, unique("dt-rec"));
    long svc = service(host, "Backup");
    String body =
        "{\"scope\":\"service\",\"host_id\":"
            + host
            + ",\"service_id\":"
            + svc
            + ",\"comment\":\"nightly backup\",\"recurrence\":{\"days\":[\"SU\",\"MO\"],"
            + "\"start_time\":\"02:30\",\"duration_minutes\":90,\"time_zone\":\"Europe/Berlin\"}}";
    HttpResponse<String> r = send("POST", "downtimes", admin, body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    JsonObject rec = json(r).getJsonObject("recurrence");
    assertThat(rec.getString("start_time")).isEqualTo("02:30");
    assertThat(rec.getInt("duration_minutes")).isEqualTo(90);
    assertThat(rec.getString("time_zone")).isEqualTo("Europe/Berlin");
    assertThat(rec.getString("rrule")).isEqualTo("FREQ=WEEKLY;BYDAY=MO,SU");
    assertThat(rec.getJsonArray("days").toString()).isEqualTo("[\"MO\",\"SU\"]");
    assertThat(json(r).isNull("current_or_next_window")).isFalse();
    JsonObject byService = json(send("GET", "downtimes?service_id=" + svc, admin, null));
    assertThat(byService.getJsonArray("items")).hasSize(1);
  }

  @Test
  void invalidDowntimesAreRefusedWithAPointer() throws Exception {
    String admin = token(ADMIN_A);
    long host = createHost(admin, unique("dt-bad"));
    Instant now = Instant.now();
    assertPointer(
        send(
            "POST",
            "downtimes",
            admin,
            "{\"scope\":\"host\",\"host_id\":" + host + ",\"comment\":\"x\"}"),
        "/ends_at");
    assertPointer(
        send(
            "POST",
            "downtimes",
            admin,
            "{\"scope\":\"host\",\"comment\":\"x\",\"ends_at\":\"" + now.plusSeconds(60) + "\"}"),
        "/host_id");
    assertPointer(
        send("POST", "downtimes", admin, "{\"scope\":\"planet\",\"host_id\":1,\"comment\":\"x\"}"),
        "/scope");
    assertPointer(
        send("POST", "downtimes", admin, oneOff(host, now, now.minusSeconds(60), "backwards")),
        "/ends_at");
    assertPointer(
        send(
            "POST",
            "downtimes",
            admin,
            "{\"scope\":\"host\",\"host_id\":"
                + host
                + ",\"comment\":\"x\",\"recurrence\":{\"start_time\":\"02:00\","
                + "\"duration_minutes\":60,\"time_zone\":\"Mars/Olympus\"}}"),
        "/recurrence/time_zone");
    assertPointer(
        send(
            "POST",
            "downtimes",
            admin,
            "{\"scope\":\"host\",\"host_id\":"
                + host
                + ",\"comment\":\"x\",\"recurrence\":{\"days\":[\"XX\"],\"start_time\":\"02:00\","
                + "\"duration_minutes\":60,\"time_zone\":\"UTC\"}}"),
        "/recurrence/days");
    assertPointer(send("POST", "downtimes", admin, "{\"colour\":\"red\"}"), "/colour");
    // A host that does not exist in the tenant: a 400 naming the problem, not a 500.
    HttpResponse<String> missing =
        send("POST", "downtimes", admin, oneOff(999_999_999L, now, now.plusSeconds(60), "ghost"));
    assertThat(missing.statusCode()).as(missing.body()).isEqualTo(400);
  }

  static void assertPointer(HttpResponse<String> r, String pointer) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
    assertThat(r.body()).contains("\"pointer\":\"" + pointer + "\"");
  }

  @Test
  void viewerReadsDowntimesButCannotChangeThem() throws Exception {
    String admin = token(ADMIN_A);
    String viewer = token(VIEWER_A);
    long host = createHost(admin, unique("dt-view"));
    Instant now = Instant.now();
    long id =
        json(send("POST", "downtimes", admin, oneOff(host, now, now.plusSeconds(600), "x")))
            .getJsonNumber("id")
            .longValue();
    assertThat(send("GET", "downtimes/" + id, viewer, null).statusCode()).isEqualTo(200);
    assertThat(
            send("POST", "downtimes", viewer, oneOff(host, now, now.plusSeconds(600), "x"))
                .statusCode())
        .isEqualTo(403);
    assertThat(
            send("PUT", "downtimes/" + id, viewer, oneOff(host, now, now.plusSeconds(600), "x"))
                .statusCode())
        .isEqualTo(403);
    assertThat(send("DELETE", "downtimes/" + id, viewer, null).statusCode()).isEqualTo(403);
    assertThat(send("GET", "downtimes", null, null).statusCode()).isEqualTo(401);
  }

  @Test
  void anotherTenantsDowntimeIsNotFoundForReadAndWrite() throws Exception {
    String adminA = token(ADMIN_A);
    String adminB = token(ADMIN_B);
    long hostB = createHost(adminB, unique("dt-b"));
    long hostA = createHost(adminA, unique("dt-a"));
    Instant now = Instant.now();
    long idB =
        json(send("POST", "downtimes", adminB, oneOff(hostB, now, now.plusSeconds(600), "b")))
            .getJsonNumber("id")
            .longValue();
    assertThat(send("GET", "downtimes/" + idB, adminA, null).statusCode()).isEqualTo(404);
    assertThat(
            send("PUT", "downtimes/" + idB, adminA, oneOff(hostA, now, now.plusSeconds(60), "a"))
                .statusCode())
        .isEqualTo(404);
    assertThat(send("DELETE", "downtimes/" + idB, adminA, null).statusCode()).isEqualTo(404);
    assertThat(json(send("GET", "downtimes?host_id=" + hostB, adminA, null)).getJsonArray("items"))
        .isEmpty();
    // Naming B's host in A's downtime is a bad reference, never a downtime on B's host.
    assertThat(
            send("POST", "downtimes", adminA, oneOff(hostB, now, now.plusSeconds(60), "a"))
                .statusCode())
        .isEqualTo(400);
    assertThat(json(send("GET", "downtimes/" + idB, adminB, null)).isNull("cancelled_at")).isTrue();
  }

  @Test
  void downtimeListPagesOnTheServer() throws Exception {
    String admin = token(ADMIN_A);
    long host = createHost(admin, unique("dt-page"));
    Instant now = Instant.now();
    for (int i = 0; i < 3; i++) {
      assertThat(
              send("POST", "downtimes", admin, oneOff(host, now, now.plusSeconds(600 + i), "p" + i))
                  .statusCode())
          .isEqualTo(201);
    }
    JsonObject first = json(send("GET", "downtimes?limit=2&host_id=" + host, admin, null));
    assertThat(first.getJsonArray("items")).hasSize(2);
    long next = first.getJsonNumber("next_after").longValue();
    JsonObject second =
        json(send("GET", "downtimes?limit=2&host_id=" + host + "&after=" + next, admin, null));
    assertThat(second.getJsonArray("items")).hasSize(1);
    assertThat(second.isNull("next_after")).isTrue();
    assertThat(send("GET", "downtimes?limit=0", admin, null).statusCode()).isEqualTo(400);
  }

  @Test
  void theOpenApiDocumentListsTheOperationsEndpoints() throws Exception {
    String server = root().replaceFirst("(//[^/]+).*", "$1");
    HttpResponse<String> doc =
        http.send(
            HttpRequest.newBuilder(URI.create(server + "/openapi"))
                .header("Accept", "application/json")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(doc.statusCode()).isEqualTo(200);
    assertThat(doc.body()).contains("/v1/downtimes", "/v1/downtimes/{id}");
  }
}
