package io.vesana.api;

import static io.vesana.api.ApiFixture.ADMIN_A;
import static io.vesana.api.ApiFixture.ADMIN_B;
import static io.vesana.api.ApiFixture.PASSWORD;
import static io.vesana.api.ApiFixture.VIEWER_A;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
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
 * The delivery log over real HTTP on Payara Micro with the real PostgreSQL: a delivery queued for a
 * webhook channel is sent by the container's delivery timer to a loopback receiver, then listed
 * under the alert and in {@code /notification-deliveries} with its attempt; filters, paging, 400s;
 * another tenant's alert answers 404 and its deliveries never show; the signing key never appears.
 */
@ExtendWith(ArquillianExtension.class)
class DeliveriesIT {

  static final String KEY = "delivery-signing-key-do-not-show";

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

  @Test
  void aQueuedDeliveryIsSentByTheContainerAndListedWithItsAttempt() throws Exception {
    String admin = token(ADMIN_A);
    try (LocalWebhookReceiver receiver = new LocalWebhookReceiver()) {
      long channel = webhook(admin, receiver.url());
      long alert = alert(admin);
      long delivery = queue(alert, channel, "problem");

      LocalWebhookReceiver.Received got = receiver.next(Duration.ofSeconds(40));
      assertThat(got).as("sent by the delivery timer").isNotNull();
      assertThat(got.signature()).startsWith("sha256=");
      assertThat(got.body()).contains("\"event\":\"alert.problem\"", "\"delivery_id\":" + delivery);

      JsonObject d = awaitStatus(admin, alert, "sent");
      assertThat(d.getJsonNumber("id").longValue()).isEqualTo(delivery);
      assertThat(d.getString("channel_name")).isEqualTo(channelName);
      assertThat(d.getString("channel_kind")).isEqualTo("webhook");
      assertThat(d.getString("reason")).isEqualTo("problem");
      assertThat(d.getInt("attempts")).isEqualTo(1);
      assertThat(d.isNull("next_attempt_at")).isTrue();
      assertThat(d.isNull("sent_at")).isFalse();
      JsonObject attempt = d.getJsonArray("attempt_log").getJsonObject(0);
      assertThat(attempt.getString("outcome")).isEqualTo("sent");
      assertThat(attempt.getInt("http_status")).isEqualTo(204);

      HttpResponse<String> viewer =
          send("GET", "alerts/" + alert + "/deliveries", token(VIEWER_A), null);
      assertThat(viewer.statusCode()).as(viewer.body()).isEqualTo(200);
      assertThat(viewer.body()).doesNotContain(KEY);
      HttpResponse<String> filtered =
          send("GET", "notification-deliveries?status=sent&alert_id=" + alert, admin, null);
      assertThat(json(filtered).getJsonArray("items")).hasSize(1);
      HttpResponse<String> none =
          send("GET", "notification-deliveries?status=queued&alert_id=" + alert, admin, null);
      assertThat(json(none).getJsonArray("items")).isEmpty();
      HttpResponse<String> audit =
          send("GET", "notification-deliveries?channel_id=" + channel, admin, null);
      assertThat(audit.body()).contains("\"id\":" + delivery).doesNotContain(KEY);
    }
  }

  @Test
  void pagesAndBadParameters() throws Exception {
    String admin = token(ADMIN_A);
    // A disabled channel: the timer cancels these, which keeps them out of the receiver's way.
    long channel = webhook(admin, "http://127.0.0.1:9/never");
    ApiFixture.id(
        "UPDATE notification_channels SET enabled = false WHERE id = ? RETURNING id", channel);
    long alert = alert(admin);
    long first = queue(alert, channel, "problem");
    long second = queue(alert, channel, "repeat");
    long third = queue(alert, channel, "recovery");

    JsonObject page1 = json(send("GET", "alerts/" + alert + "/deliveries?limit=2", admin, null));
    assertThat(page1.getJsonArray("items"))
        .extracting(v -> v.asJsonObject().getJsonNumber("id").longValue())
        .containsExactly(first, second);
    long next = page1.getJsonNumber("next_after").longValue();
    JsonObject page2 =
        json(send("GET", "alerts/" + alert + "/deliveries?limit=2&after=" + next, admin, null));
    assertThat(page2.getJsonArray("items"))
        .extracting(v -> v.asJsonObject().getJsonNumber("id").longValue())
        .containsExactly(third);
    assertThat(page2.isNull("next_after")).isTrue();

    assertThat(send("GET", "alerts/" + alert + "/deliveries?limit=0", admin, null).statusCode())
        .isEqualTo(400);
    HttpResponse<String> bad = send("GET", "notification-deliveries?status=lost", admin, null);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("status must be one of");
    assertThat(send("GET", "notification-deliveries?limit=501", admin, null).statusCode())
        .isEqualTo(400);
    assertThat(send("GET", "alerts/" + alert + "/deliveries", null, null).statusCode())
        .isEqualTo(401);
    assertThat(send("GET", "alerts/999999999/deliveries", admin, null).statusCode()).isEqualTo(404);
  }

  @Test
  void anotherTenantsAlertAndDeliveriesDoNotExist() throws Exception {
    String adminA = token(ADMIN_A);
    String adminB = token(ADMIN_B);
    long channelA = webhook(adminA, "http://127.0.0.1:9/never");
    ApiFixture.id(
        "UPDATE notification_channels SET enabled = false WHERE id = ? RETURNING id", channelA);
    long alertA = alert(adminA);
    long deliveryA = queue(alertA, channelA, "problem");

    HttpResponse<String> read = send("GET", "alerts/" + alertA + "/deliveries", adminB, null);
    assertThat(read.statusCode()).isEqualTo(404);
    assertThat(read.body()).doesNotContain("\"channel_id\"");
    for (String q : new String[] {"alert_id=" + alertA, "channel_id=" + channelA, "limit=500"}) {
      HttpResponse<String> list = send("GET", "notification-deliveries?" + q, adminB, null);
      assertThat(list.statusCode()).isEqualTo(200);
      assertThat(list.body()).doesNotContain("\"id\":" + deliveryA + ",");
    }
    // The deliveries are read-only: no method writes them, for any tenant.
    assertThat(send("DELETE", "notification-deliveries", adminA, null).statusCode()).isEqualTo(405);
    assertThat(send("POST", "alerts/" + alertA + "/deliveries", adminB, "{}").statusCode())
        .isIn(404, 405);
  }

  // --- helpers ---------------------------------------------------------------------------------

  String channelName;

  long webhook(String token, String url) throws Exception {
    channelName = unique("hook");
    String body =
        "{\"name\":\""
            + channelName
            + "\",\"kind\":\"webhook\",\"settings\":{\"url\":\""
            + url
            + "\"},\"secret\":\""
            + KEY
            + "\"}";
    HttpResponse<String> r = send("POST", "notification-channels", token, body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return json(r).getJsonNumber("id").longValue();
  }

  /** An open alert on a new host of the caller's tenant, as the worker would have opened it. */
  long alert(String token) throws Exception {
    long host = createHost(token, unique("web"));
    long service = service(host, "CPU");
    return ApiFixture.id(
        "INSERT INTO alerts (tenant_id, host_id, service_id, severity, state, summary)"
            + " SELECT tenant_id, host_id, id, 'critical', 2, 'load 9' FROM host_services"
            + " WHERE id = ? RETURNING id",
        service);
  }

  /** Queues a delivery the way dispatch does (the worker runs dispatch, not this WAR's tests). */
  static long queue(long alert, long channel, String reason) throws SQLException {
    return ApiFixture.id(
        "INSERT INTO notification_deliveries (tenant_id, alert_id, channel_id, reason, dedupe_ref)"
            + " SELECT tenant_id, id, ?, ?, ? FROM alerts WHERE id = ? RETURNING id",
        channel,
        reason,
        "alert:"
            + alert
            + ":"
            + reason
            + ":channel:"
            + channel
            + ":"
            + Instant.now().toEpochMilli(),
        alert);
  }

  JsonObject awaitStatus(String token, long alert, String status) throws Exception {
    Instant until = Instant.now().plusSeconds(30);
    JsonObject last = null;
    while (Instant.now().isBefore(until)) {
      HttpResponse<String> r = send("GET", "alerts/" + alert + "/deliveries", token, null);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      last = json(r).getJsonArray("items").getJsonObject(0);
      if (last.getString("status").equals(status)) {
        return last;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("delivery not " + status + ": " + last);
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

  static JsonObject json(HttpResponse<String> r) {
    return OperationsIT.json(r);
  }

  static long service(long host, String name) throws SQLException {
    return OperationsIT.service(host, name);
  }

  static String unique(String prefix) {
    return OperationsIT.unique(prefix);
  }
}
