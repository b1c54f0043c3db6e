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

  // --- notification channels and rules -------------------------------------------------------

  static final String SECRET = "s3cr3t-" + UUID.randomUUID();

  static String webhook(String name, String url, String secret) {
    var b =
        Json.createObjectBuilder()
            .add("name", name)
            .add("kind", "webhook")
            .add("settings", Json.createObjectBuilder().add("url", url));
    if (secret != null) {
      b.add("secret", secret);
    }
    return b.build().toString();
  }

  long createChannel(String token, String body) throws Exception {
    HttpResponse<String> r = send("POST", "notification-channels", token, body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return json(r).getJsonNumber("id").longValue();
  }

  @Test
  void channelSecretIsWriteOnlyEncryptedAndMaskedInTheAudit() throws Exception {
    String admin = token(ADMIN_A);
    String name = unique("hook");
    HttpResponse<String> created =
        send(
            "POST",
            "notification-channels",
            admin,
            webhook(name, "https://hooks.example/x", SECRET));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(created.body()).doesNotContain(SECRET);
    JsonObject ch = json(created);
    long id = ch.getJsonNumber("id").longValue();
    assertThat(ch.getBoolean("has_secret")).isTrue();
    assertThat(ch.containsKey("secret")).isFalse();
    assertThat(send("GET", "notification-channels/" + id, admin, null).body())
        .doesNotContain(SECRET);
    assertThat(send("GET", "notification-channels?kind=webhook", admin, null).body())
        .doesNotContain(SECRET);

    // Replace without a secret keeps it; null clears it (allowed for webhooks).
    HttpResponse<String> kept =
        send(
            "PUT",
            "notification-channels/" + id,
            admin,
            webhook(name, "https://hooks.example/y", null));
    assertThat(kept.statusCode()).as(kept.body()).isEqualTo(200);
    assertThat(json(kept).getBoolean("has_secret")).isTrue();
    assertThat(json(kept).getJsonObject("settings").getString("url"))
        .isEqualTo("https://hooks.example/y");

    try (var c = ApiFixture.connect(ApiFixture.DATABASE);
        var ps =
            c.prepareStatement(
                "SELECT secret_ciphertext FROM notification_channels WHERE id = ?")) {
      ps.setLong(1, id);
      try (var rs = ps.executeQuery()) {
        rs.next();
        assertThat(new String(rs.getBytes(1), java.nio.charset.StandardCharsets.ISO_8859_1))
            .doesNotContain(SECRET);
      }
    }
    String cleared =
        "{\"name\":\""
            + name
            + "\",\"kind\":\"webhook\",\"settings\":{\"url\":\"https://h.example\"},"
            + "\"secret\":null}";
    assertThat(
            json(send("PUT", "notification-channels/" + id, admin, cleared))
                .getBoolean("has_secret"))
        .isFalse();
    assertThat(send("DELETE", "notification-channels/" + id, admin, null).statusCode())
        .isEqualTo(204);
    assertThat(send("GET", "notification-channels/" + id, admin, null).statusCode()).isEqualTo(404);
    assertThat(auditActions("notification_channel", id))
        .containsExactly(
            "notification_channel.created",
            "notification_channel.updated",
            "notification_channel.updated",
            "notification_channel.deleted");
    try (var c = ApiFixture.connect(ApiFixture.DATABASE);
        var ps =
            c.prepareStatement(
                "SELECT string_agg(coalesce(before::text, '') || after::text, ' ') FROM audit_log"
                    + " WHERE entity_type = 'notification_channel' AND entity_id = ?")) {
      ps.setString(1, Long.toString(id));
      try (var rs = ps.executeQuery()) {
        rs.next();
        assertThat(rs.getString(1)).doesNotContain(SECRET).contains("********");
      }
    }
    java.nio.file.Path log = ApiFixture.keyDir().resolve("server.log");
    if (java.nio.file.Files.exists(log)) {
      assertThat(java.nio.file.Files.readString(log)).doesNotContain(SECRET);
    }
  }

  @Test
  void channelSettingsAreValidatedPerKind() throws Exception {
    String admin = token(ADMIN_A);
    assertPointer(
        send("POST", "notification-channels", admin, webhook(unique("h"), "ftp://x.example", null)),
        "/settings/url");
    assertPointer(
        send(
            "POST",
            "notification-channels",
            admin,
            webhook(unique("h"), "https://user:pw@x.example/", null)),
        "/settings/url");
    assertPointer(
        send(
            "POST",
            "notification-channels",
            admin,
            "{\"name\":\""
                + unique("m")
                + "\",\"kind\":\"smtp\",\"settings\":{\"host\":\"mx\","
                + "\"from\":\"ops@example.com\",\"to\":[\"nobody\"]}}"),
        "/settings/to");
    assertPointer(
        send(
            "POST",
            "notification-channels",
            admin,
            "{\"name\":\""
                + unique("m")
                + "\",\"kind\":\"smtp\",\"settings\":{\"host\":\"mx\","
                + "\"from\":\"ops@example.com\",\"to\":[\"a@example.com\"],\"port\":70000}}"),
        "/settings/port");
    assertPointer(
        send(
            "POST",
            "notification-channels",
            admin,
            "{\"name\":\""
                + unique("t")
                + "\",\"kind\":\"telegram\",\"settings\":{\"chat_id\":\"42\"}}"),
        "/secret");
    assertPointer(
        send(
            "POST",
            "notification-channels",
            admin,
            "{\"name\":\""
                + unique("s")
                + "\",\"kind\":\"slack\",\"settings\":{\"token\":\"x\"},"
                + "\"secret\":\"https://hooks.slack.example/1\"}"),
        "/settings/token");
    assertPointer(
        send("POST", "notification-channels", admin, "{\"name\":\"x\",\"kind\":\"pigeon\"}"),
        "/kind");
    HttpResponse<String> smtp =
        send(
            "POST",
            "notification-channels",
            admin,
            "{\"name\":\""
                + unique("m")
                + "\",\"kind\":\"smtp\",\"settings\":{\"host\":\"mx\","
                + "\"port\":587,\"from\":\"ops@example.com\",\"to\":[\"a@example.com\"],"
                + "\"starttls\":true}}");
    assertThat(smtp.statusCode()).as(smtp.body()).isEqualTo(201);
    String name = unique("dup");
    createChannel(admin, webhook(name, "https://a.example", null));
    assertThat(
            send(
                    "POST",
                    "notification-channels",
                    admin,
                    webhook(name.toUpperCase(java.util.Locale.ROOT), "https://b.example", null))
                .statusCode())
        .isEqualTo(409);
  }

  @Test
  void rulesRouteToChannelsOfTheirOwnTenantOnly() throws Exception {
    String admin = token(ADMIN_A);
    String adminB = token(ADMIN_B);
    long channel = createChannel(admin, webhook(unique("r"), "https://a.example", null));
    long channelB = createChannel(adminB, webhook(unique("rb"), "https://b.example", null));
    long host = createHost(admin, unique("rule-host"));
    long hostB = createHost(adminB, unique("rule-host-b"));
    String rule =
        "{\"name\":\"%s\",\"channel_id\":%d,\"match\":{\"severities\":[\"critical\"],"
            + "\"states\":[2],\"host_ids\":[%d]},\"repeat_interval_s\":3600}";
    HttpResponse<String> created =
        send(
            "POST",
            "notification-rules",
            admin,
            String.format(java.util.Locale.ROOT, rule, unique("crit"), channel, host));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    long id = json(created).getJsonNumber("id").longValue();
    assertThat(json(created).getInt("repeat_interval_s")).isEqualTo(3600);
    assertThat(json(created).getJsonObject("match").getJsonArray("severities").getString(0))
        .isEqualTo("critical");

    assertPointer(
        send(
            "POST",
            "notification-rules",
            admin,
            String.format(java.util.Locale.ROOT, rule, unique("x"), channelB, host)),
        "/channel_id");
    assertPointer(
        send(
            "POST",
            "notification-rules",
            admin,
            String.format(java.util.Locale.ROOT, rule, unique("x"), channel, hostB)),
        "/match/host_ids");
    assertPointer(
        send(
            "POST",
            "notification-rules",
            admin,
            "{\"name\":\"x\",\"channel_id\":" + channel + ",\"match\":{\"severities\":[\"meh\"]}}"),
        "/match/severities");
    assertPointer(
        send(
            "POST",
            "notification-rules",
            admin,
            "{\"name\":\"x\",\"channel_id\":" + channel + ",\"repeat_interval_s\":0}"),
        "/repeat_interval_s");

    assertThat(
            json(send("GET", "notification-rules?channel_id=" + channel, admin, null))
                .getJsonArray("items"))
        .hasSize(1);
    HttpResponse<String> put =
        send(
            "PUT",
            "notification-rules/" + id,
            admin,
            "{\"name\":\"renamed-" + id + "\",\"channel_id\":" + channel + ",\"enabled\":false}");
    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    assertThat(json(put).getBoolean("enabled")).isFalse();
    assertThat(json(put).isNull("repeat_interval_s")).isTrue();

    // Tenant B cannot see or touch A's rule and channel.
    assertThat(send("GET", "notification-rules/" + id, adminB, null).statusCode()).isEqualTo(404);
    assertThat(
            send(
                    "PUT",
                    "notification-rules/" + id,
                    adminB,
                    "{\"name\":\"x\",\"channel_id\":" + channelB + "}")
                .statusCode())
        .isEqualTo(404);
    assertThat(send("DELETE", "notification-rules/" + id, adminB, null).statusCode())
        .isEqualTo(404);
    assertThat(send("GET", "notification-channels/" + channel, adminB, null).statusCode())
        .isEqualTo(404);
    assertThat(
            send(
                    "PUT",
                    "notification-channels/" + channel,
                    adminB,
                    webhook("x", "https://x.example", null))
                .statusCode())
        .isEqualTo(404);
    assertThat(send("DELETE", "notification-channels/" + channel, adminB, null).statusCode())
        .isEqualTo(404);
    assertThat(
            send("POST", "notification-channels/" + channel + "/test", adminB, null).statusCode())
        .isEqualTo(404);

    assertThat(send("DELETE", "notification-rules/" + id, admin, null).statusCode()).isEqualTo(204);
    assertThat(auditActions("notification_rule", id))
        .containsExactly(
            "notification_rule.created", "notification_rule.updated", "notification_rule.deleted");
  }

  @Test
  void viewerCannotReadOrChangeNotificationSettings() throws Exception {
    String admin = token(ADMIN_A);
    String viewer = token(VIEWER_A);
    long channel = createChannel(admin, webhook(unique("v"), "https://a.example", null));
    assertThat(send("GET", "notification-channels", viewer, null).statusCode()).isEqualTo(403);
    assertThat(
            send(
                    "POST",
                    "notification-channels",
                    viewer,
                    webhook(unique("v"), "https://a.example", null))
                .statusCode())
        .isEqualTo(403);
    assertThat(
            send(
                    "PUT",
                    "notification-channels/" + channel,
                    viewer,
                    webhook("v", "https://a.example", null))
                .statusCode())
        .isEqualTo(403);
    assertThat(send("DELETE", "notification-channels/" + channel, viewer, null).statusCode())
        .isEqualTo(403);
    assertThat(
            send("POST", "notification-channels/" + channel + "/test", viewer, null).statusCode())
        .isEqualTo(403);
    assertThat(
            send(
                    "POST",
                    "notification-rules",
                    viewer,
                    "{\"name\":\"x\",\"channel_id\":" + channel + "}")
                .statusCode())
        .isEqualTo(403);
    assertThat(send("GET", "notification-rules", viewer, null).statusCode()).isEqualTo(403);
  }

  @Test
  void testNotificationReachesALocalWebhookSigned() throws Exception {
    String admin = token(ADMIN_A);
    try (LocalWebhookReceiver receiver = new LocalWebhookReceiver()) {
      String url = receiver.url();
      long channel = createChannel(admin, webhook(unique("local"), url, SECRET));
      HttpResponse<String> r =
          send("POST", "notification-channels/" + channel + "/test", admin, null);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      assertThat(json(r).getBoolean("delivered")).isTrue();
      assertThat(json(r).getInt("status")).isEqualTo(204);
      LocalWebhookReceiver.Received req = receiver.next(Duration.ofSeconds(10));
      assertThat(req).isNotNull();
      assertThat(req.body()).contains("\"event\":\"test\"").doesNotContain(SECRET);
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(
          new javax.crypto.spec.SecretKeySpec(
              SECRET.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
      String expected =
          "sha256="
              + java.util.HexFormat.of()
                  .formatHex(
                      mac.doFinal(req.body().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      assertThat(req.signature()).isEqualTo(expected);

      // A receiver that is not there: a clear answer, not a 500.
      long dead = createChannel(admin, webhook(unique("dead"), "http://127.0.0.1:1/none", null));
      HttpResponse<String> failed =
          send("POST", "notification-channels/" + dead + "/test", admin, null);
      assertThat(failed.statusCode()).as(failed.body()).isEqualTo(200);
      assertThat(json(failed).getBoolean("delivered")).isFalse();
    }
  }

  // --- watchers in the container --------------------------------------------------------------

  static String query(String sql) throws SQLException {
    try (var c = ApiFixture.connect(ApiFixture.DATABASE);
        var st = c.createStatement();
        var rs = st.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  /**
   * The deployed watchers run on their timers (default tick 30 s, period 60 s): an agent silent for
   * an hour goes offline and its host gets an unreachable alert; a one-off downtime that is over
   * gets its end recorded and audited by the watcher.
   */
  @Test
  void watchersEndDowntimesAndNoticeDeadAgentsInTheContainer() throws Exception {
    String admin = token(ADMIN_A);
    long host = createHost(admin, unique("silent"));
    long tenant = Long.parseLong(query("SELECT tenant_id FROM hosts WHERE id = " + host));
    long agent =
        ApiFixture.id(
            "INSERT INTO agents (tenant_id, host_id, status, last_seen_at)"
                + " VALUES (?, ?, 'online', now() - interval '1 hour') RETURNING id",
            tenant,
            host);
    Instant now = Instant.now();
    long downtime =
        json(send(
                "POST",
                "downtimes",
                admin,
                oneOff(host, now.minusSeconds(7200), now.minusSeconds(3600), "last night")))
            .getJsonNumber("id")
            .longValue();
    long until = System.nanoTime() + Duration.ofSeconds(150).toNanos();
    while (System.nanoTime() < until
        && !("offline".equals(query("SELECT status FROM agents WHERE id = " + agent))
            && json(send("GET", "downtimes/" + downtime, admin, null)).get("ended_at")
                instanceof jakarta.json.JsonString)) {
      Thread.sleep(1000);
    }
    assertThat(query("SELECT status FROM agents WHERE id = " + agent)).isEqualTo("offline");
    assertThat(query("SELECT state FROM host_status WHERE host_id = " + host)).isEqualTo("2");
    assertThat(
            query(
                "SELECT severity FROM alerts WHERE resolved_at IS NULL AND service_id IS NULL"
                    + " AND host_id = "
                    + host))
        .isEqualTo("unreachable");
    assertThat(json(send("GET", "downtimes/" + downtime, admin, null)).isNull("ended_at"))
        .isFalse();
    assertThat(auditActions("downtime", downtime))
        .containsExactly("downtime.created", "downtime.ended");
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
    assertThat(doc.body())
        .contains(
            "/v1/downtimes",
            "/v1/downtimes/{id}",
            "/v1/notification-channels",
            "/v1/notification-channels/{id}",
            "/v1/notification-channels/{id}/test",
            "/v1/notification-rules",
            "/v1/notification-rules/{id}");
  }
}
