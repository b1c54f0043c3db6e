package io.vesana.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import io.vesana.alerts.AlertTransition;
import io.vesana.alerts.internal.JdbcAlertWriter;
import io.vesana.notifications.internal.JdbcChannels;
import io.vesana.secrets.FieldCipher;
import io.vesana.secrets.SecretColumn;
import io.vesana.testing.Sql;
import io.vesana.testing.TestDatabase;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Dispatch and delivery on a migrated database with a real loopback HTTP server as the webhook,
 * Slack and Teams peer: rule matching (severity, nested host group, priority, disabled rule or
 * channel), no second send when a transition is dispatched again, temporary failures retried with
 * back-off until sent, permanent failures and exhausted retries given up, downtime suppression,
 * recovery notices, escalation delay cancelled by an acknowledgement, repeats.
 */
class NotificationDeliveryIT {

  static final Duration BASE = Duration.ofSeconds(60);

  TestDatabase db;
  Connection c;
  Sql sql;
  FieldCipher cipher;
  WebhookPeer peer;
  DeliverySender sender;
  final NotificationDispatch dispatch = new NotificationDispatch();
  final JdbcAlertWriter alerts = new JdbcAlertWriter();
  final Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  long tenant;
  long parentGroup;
  long web;
  long cpu;
  long disk;

  @BeforeEach
  void world() throws Exception {
    db = TestDatabase.createMigrated();
    c = db.dataSource().getConnection();
    sql = new Sql(c);
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    cipher = FieldCipher.of(key);
    peer = new WebhookPeer();
    DeliverySettings s =
        new DeliverySettings(
            20, Duration.ofSeconds(5), BASE, Duration.ofSeconds(90), 3, Duration.ofMillis(400));
    sender = new DeliverySender(db.dataSource(), cipher, ChannelSenders.standard(s.timeout()), s);
    tenant = sql.id("INSERT INTO tenants (slug, name) VALUES ('acme', 'Acme') RETURNING id");
    parentGroup =
        sql.id(
            "INSERT INTO host_groups (tenant_id, name) VALUES (" + tenant + ", 'dc') RETURNING id");
    long rack =
        sql.id(
            "INSERT INTO host_groups (tenant_id, name, parent_id) VALUES ("
                + tenant
                + ", 'rack', "
                + parentGroup
                + ") RETURNING id");
    web =
        sql.id(
            "INSERT INTO hosts (tenant_id, name, host_group_id) VALUES ("
                + tenant
                + ", 'web', "
                + rack
                + ") RETURNING id");
    cpu = service("CPU");
    disk = service("Disk");
  }

  @AfterEach
  void close() throws Exception {
    peer.close();
    c.close();
    db.close();
  }

  @Test
  void matchingRulesQueueOneSignedDeliveryPerChannelHighestPriorityFirst() throws Exception {
    long hook = webhook("ops", "/hook", "signing-key");
    long other = webhook("other", "/other", null);
    long off = webhook("off", "/off", null);
    sql.exec("UPDATE notification_channels SET enabled = false WHERE id = " + off);
    long low = rule("low", "{\"severities\": [\"critical\"]}", hook, 0, null, true, 1);
    long high = rule("high", "{\"host_group_ids\": [" + parentGroup + "]}", hook, 0, null, true, 5);
    rule("warnings only", "{\"severities\": [\"warning\"]}", other, 0, null, true, 0);
    rule("other host", "{\"host_ids\": [" + (web + 1000) + "]}", other, 0, null, true, 0);
    long disabled = rule("disabled", "{}", other, 0, null, true, 0);
    sql.exec("UPDATE notification_rules SET enabled = false WHERE id = " + disabled);
    rule("channel off", "{}", off, 0, null, true, 0);

    AlertTransition opened = open(cpu, 2, "load 9.1");
    assertThat(dispatch.dispatch(c, opened, Instant.now())).isEqualTo(1);
    assertThat(deliveries()).containsExactly(hook + ":problem:queued:0:rule=" + high);
    assertThat(low).isNotEqualTo(high);

    assertThat(sender.sendDue(Instant.now())).isEqualTo(1);
    assertThat(peer.received()).hasSize(1);
    WebhookPeer.Received got = peer.received().get(0);
    assertThat(got.path()).isEqualTo("/hook");
    assertThat(got.event()).isEqualTo("alert.problem");
    assertThat(got.signature()).isEqualTo("sha256=" + hmac("signing-key", got.body()));
    JsonObject body = Json.createReader(new StringReader(got.body())).readObject();
    assertThat(body.getString("message")).isEqualTo("PROBLEM: web / CPU is critical: load 9.1");
    assertThat(body.getJsonObject("alert").getInt("id")).isEqualTo((int) opened.alertId());
    assertThat(deliveries()).containsExactly(hook + ":problem:sent:1:rule=" + high);
    assertThat(attempts()).containsExactly("1:sent:204:null");
    assertThat(sql.string("SELECT count(*) FROM alert_events WHERE kind = 'notified'"))
        .isEqualTo("1");
    assertThat(sql.string("SELECT last_notified_at IS NOT NULL FROM alerts")).isEqualTo("t");
  }

  @Test
  void aTransitionDispatchedAgainIsNotSentAgain() throws Exception {
    long hook = webhook("ops", "/hook", null);
    rule("all", "{}", hook, 0, null, true, 0);
    AlertTransition opened = open(cpu, 2, "CRIT");
    AlertTransition changed = open(cpu, 1, "WARN");

    assertThat(dispatch.dispatch(c, opened, Instant.now())).isEqualTo(1);
    assertThat(dispatch.dispatch(c, opened, Instant.now())).isZero();
    // The state change finds the first notification still waiting: it will say WARN when sent.
    assertThat(dispatch.dispatch(c, changed, Instant.now())).isZero();
    sender.sendDue(Instant.now());
    assertThat(dispatch.dispatch(c, opened, Instant.now())).isZero();
    sender.sendDue(Instant.now().plusSeconds(3600));

    assertThat(peer.received()).hasSize(1);
    assertThat(peer.received().get(0).body()).contains("is warning: WARN");
    assertThat(deliveries()).containsExactly(hook + ":problem:sent:1:rule=" + ruleId("all"));
  }

  @Test
  void temporaryFailuresAreRetriedWithGrowingBackoffUntilSent() throws Exception {
    long hook = webhook("ops", "/hook", null);
    rule("all", "{}", hook, 0, null, true, 0);
    peer.answer(503, 429);
    dispatch.dispatch(c, open(cpu, 2, "CRIT"), Instant.now());

    Instant t0 = Instant.now();
    sender.sendDue(t0);
    assertThat(deliveries())
        .containsExactly(hook + ":problem:failed_temporary:1:rule=" + ruleId("all"));
    assertThat(secondsUntilNextAttempt(t0)).isBetween(59L, 62L);
    assertThat(sender.sendDue(Instant.now())).as("not due before its back-off").isZero();

    sender.sendDue(t0.plus(BASE).plusSeconds(5));
    assertThat(secondsUntilNextAttempt(t0)).as("doubled, capped at 90 s").isBetween(89L, 92L);
    sender.sendDue(t0.plusSeconds(3600));

    assertThat(peer.received()).hasSize(3);
    assertThat(deliveries()).containsExactly(hook + ":problem:sent:3:rule=" + ruleId("all"));
    assertThat(attempts())
        .containsExactly(
            "1:failed_temporary:503:the receiver answered HTTP 503",
            "2:failed_temporary:429:the receiver answered HTTP 429",
            "3:sent:204:null");
  }

  @Test
  void permanentFailuresAndExhaustedRetriesAreGivenUp() throws Exception {
    long refused = webhook("refused", "/refused", null);
    long flaky = webhook("flaky", "/flaky", null);
    long slow = webhook("slow", "/slow", null);
    long mail = smtp("mail");
    rule("refused", "{\"host_ids\": [" + web + "]}", refused, 0, null, true, 0);
    rule("mail", "{}", mail, 0, null, true, 0);
    dispatch.dispatch(c, open(cpu, 2, "CRIT"), Instant.now());
    peer.answer(404);
    sender.sendDue(Instant.now());
    assertThat(sender.sendDue(Instant.now().plusSeconds(86400))).isZero();
    assertThat(statusAndError(refused))
        .isEqualTo("failed_permanent:the receiver answered HTTP 404");
    assertThat(statusAndError(mail))
        .isEqualTo("failed_permanent:delivery through smtp channels is not available yet");

    sql.exec("UPDATE notification_rules SET enabled = false");
    rule("flaky", "{}", flaky, 0, null, true, 0);
    dispatch.dispatch(c, open(disk, 2, "CRIT"), Instant.now());
    peer.answer(500, 502, 500);
    for (int i = 0; i < 4; i++) {
      sender.sendDue(Instant.now().plusSeconds(3600L * (i + 1)));
    }
    assertThat(statusAndError(flaky))
        .isEqualTo("failed_permanent:gave up after 3 attempts: the receiver answered HTTP 500");

    sql.exec("UPDATE notification_rules SET enabled = false");
    rule("slow", "{}", slow, 0, null, true, 0);
    long db2 =
        sql.id("INSERT INTO hosts (tenant_id, name) VALUES (" + tenant + ", 'db2') RETURNING id");
    peer.delay(Duration.ofSeconds(2));
    dispatch.dispatch(c, openHost(db2), Instant.now());
    sender.sendDue(Instant.now());
    assertThat(statusAndError(slow)).isEqualTo("failed_temporary:no answer within 400 ms");
  }

  @Test
  void nothingIsQueuedForAnAlertOpenedInDowntime() throws Exception {
    long hook = webhook("ops", "/hook", null);
    rule("all", "{}", hook, 0, null, true, 0);
    sql.exec(
        "INSERT INTO downtimes (tenant_id, scope, host_id, starts_at, ends_at, comment) VALUES ("
            + tenant
            + ", 'host', "
            + web
            + ", now() - interval '1 hour', now() + interval '1 hour', 'patching')");
    AlertTransition opened = open(cpu, 2, "CRIT");

    assertThat(dispatch.dispatch(c, opened, Instant.now())).isZero();
    assertThat(deliveries()).isEmpty();
    assertThat(sql.string("SELECT count(*) FROM alert_events WHERE kind = 'downtime_started'"))
        .isEqualTo("1");
    // Its recovery is not announced either: no channel heard of the problem.
    assertThat(dispatch.dispatch(c, resolve(cpu), Instant.now())).isZero();
  }

  @Test
  void recoveryGoesToChannelsThatHeardOfTheProblemIfTheirRuleAsksForIt() throws Exception {
    long hook = webhook("ops", "/hook", null);
    long quiet = webhook("quiet", "/quiet", null);
    long slack = slack("chat", "/slack");
    rule("ops", "{}", hook, 0, null, true, 0);
    rule("quiet", "{}", quiet, 0, null, false, 0);
    rule("chat", "{\"severities\": [\"critical\"]}", slack, 0, null, true, 0);
    dispatch.dispatch(c, open(cpu, 2, "CRIT"), Instant.now());
    sender.sendDue(Instant.now());
    assertThat(peer.received()).hasSize(3);

    assertThat(dispatch.dispatch(c, resolve(cpu), Instant.now())).isEqualTo(2);
    sender.sendDue(Instant.now());

    List<WebhookPeer.Received> got = peer.received().subList(3, 5);
    assertThat(got)
        .extracting(WebhookPeer.Received::path)
        .containsExactlyInAnyOrder("/hook", "/slack");
    assertThat(got)
        .filteredOn(r -> r.path().equals("/hook"))
        .singleElement()
        .satisfies(r -> assertThat(r.event()).isEqualTo("alert.recovery"));
    assertThat(got)
        .filteredOn(r -> r.path().equals("/slack"))
        .singleElement()
        .satisfies(r -> assertThat(r.body()).contains("\"text\":\"RECOVERY: web / CPU OK again"));
  }

  @Test
  void anAlertResolvedBeforeItsProblemWasSentIsNotAnnouncedAtAll() throws Exception {
    long hook = webhook("ops", "/hook", null);
    rule("ops", "{}", hook, 0, null, true, 0);
    dispatch.dispatch(c, open(cpu, 2, "CRIT"), Instant.now());
    dispatch.dispatch(c, resolve(cpu), Instant.now());
    sender.sendDue(Instant.now());

    assertThat(peer.received()).isEmpty();
    assertThat(deliveries())
        .extracting(s -> s.split(":")[1] + ":" + s.split(":")[2])
        .containsExactlyInAnyOrder("problem:cancelled", "recovery:cancelled");
  }

  @Test
  void escalationWaitsItsDelayAndIsCancelledByAnAcknowledgement() throws Exception {
    long hook = webhook("ops", "/hook", null);
    long boss = webhook("boss", "/boss", null);
    rule("ops", "{}", hook, 0, null, true, 0);
    rule("boss", "{}", boss, 600, null, true, 0);
    AlertTransition opened = open(cpu, 2, "CRIT");
    dispatch.dispatch(c, opened, Instant.now());
    sender.sendDue(Instant.now());
    assertThat(peer.received()).extracting(WebhookPeer.Received::path).containsExactly("/hook");
    assertThat(
            sql.string(
                "SELECT next_attempt_at = opened_at + interval '600 s' FROM"
                    + " notification_deliveries d JOIN alerts a ON a.id = d.alert_id WHERE reason = 'escalation'"))
        .isEqualTo("t");

    sql.exec("UPDATE alerts SET acknowledged = true WHERE id = " + opened.alertId());
    sender.sendDue(start.plusSeconds(601));
    assertThat(peer.received()).hasSize(1);
    assertThat(statusAndError(boss))
        .isEqualTo("cancelled:the alert was acknowledged before this was sent");
  }

  @Test
  void anUnacknowledgedEscalationIsSentAndRepeatsFollowUntilAcknowledged() throws Exception {
    long boss = webhook("boss", "/boss", null);
    rule("boss", "{}", boss, 600, 300, true, 0);
    AlertTransition opened = open(cpu, 2, "CRIT");
    dispatch.dispatch(c, opened, Instant.now());

    sender.sendDue(start.plusSeconds(601));
    assertThat(peer.received())
        .extracting(WebhookPeer.Received::event)
        .containsExactly("alert.escalation");
    Instant now = Instant.now();
    sender.sendDue(now.plusSeconds(301));
    assertThat(deliveries())
        .extracting(d -> d.split(":")[1] + ":" + d.split(":")[2])
        .containsExactly("escalation:sent", "repeat:sent", "repeat:queued");
    assertThat(secondsUntilLastDelivery(Instant.now()))
        .as("one interval after the last")
        .isBetween(298L, 301L);
    assertThat(peer.received())
        .extracting(WebhookPeer.Received::event)
        .containsExactly("alert.escalation", "alert.repeat");
    assertThat(peer.received().get(1).body()).contains("STILL A PROBLEM: web / CPU is critical");

    sql.exec("UPDATE alerts SET acknowledged = true WHERE id = " + opened.alertId());
    sender.sendDue(now.plusSeconds(3600));
    assertThat(peer.received()).hasSize(2);
    assertThat(deliveries())
        .extracting(s -> s.split(":")[1] + ":" + s.split(":")[2])
        .containsExactly("escalation:sent", "repeat:sent", "repeat:cancelled");
  }

  // --- helpers

  private long service(String name) throws Exception {
    return sql.id(
        "INSERT INTO host_services (tenant_id, host_id, name, kind, settings) VALUES ("
            + tenant
            + ", "
            + web
            + ", '"
            + name
            + "', 'passive', '{}') RETURNING id");
  }

  private long webhook(String name, String path, String key) throws Exception {
    return channel(name, ChannelKind.WEBHOOK, "{\"url\": \"" + peer.url(path) + "\"}", key);
  }

  private long slack(String name, String path) throws Exception {
    return channel(name, ChannelKind.SLACK, "{\"channel\": \"#ops\"}", peer.url(path));
  }

  private long smtp(String name) throws Exception {
    return channel(
        name,
        ChannelKind.SMTP,
        "{\"host\": \"127.0.0.1\", \"from\": \"v@acme.test\", \"to\": [\"ops@acme.test\"]}",
        null);
  }

  private long channel(String name, ChannelKind kind, String settings, String secret)
      throws Exception {
    byte[] sealed =
        secret == null
            ? null
            : cipher.encrypt(secret, SecretColumn.NOTIFICATION_CHANNELS_SECRET.context());
    JsonObject s = Json.createReader(new StringReader(settings)).readObject();
    return new JdbcChannels().insert(c, tenant, name, kind, s, sealed, true);
  }

  private long rule(
      String name,
      String match,
      long channel,
      int delay,
      Integer repeat,
      boolean recovery,
      int priority)
      throws Exception {
    return sql.id(
        "INSERT INTO notification_rules (tenant_id, name, match, channel_id, escalation_delay_s,"
            + " repeat_interval_s, notify_on_recovery, priority) VALUES ("
            + tenant
            + ", '"
            + name
            + "', '"
            + match
            + "', "
            + channel
            + ", "
            + delay
            + ", "
            + repeat
            + ", "
            + recovery
            + ", "
            + priority
            + ") RETURNING id");
  }

  private long ruleId(String name) throws Exception {
    return sql.id("SELECT id FROM notification_rules WHERE name = '" + name + "'");
  }

  private AlertTransition open(long service, int state, String output) throws Exception {
    return alerts.problem(c, tenant, web, service, state, start, output).orElseThrow();
  }

  private AlertTransition resolve(long service) throws Exception {
    return alerts.recovery(c, tenant, web, service, start.plusSeconds(1), "OK").orElseThrow();
  }

  private AlertTransition openHost(long host) throws Exception {
    long id =
        sql.id(
            "INSERT INTO alerts (tenant_id, host_id, severity, state, summary, opened_at) VALUES ("
                + tenant
                + ", "
                + host
                + ", 'down', 2, 'no ping', now()) RETURNING id");
    return new AlertTransition(
        tenant, host, 0, id, AlertTransition.Kind.OPENED, 2, Instant.now(), "no ping");
  }

  /** "channel:reason:status:attempts:rule=id" in id order. */
  private List<String> deliveries() throws Exception {
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT channel_id, reason, status, attempts, rule_id FROM notification_deliveries"
                    + " ORDER BY id")) {
      while (rs.next()) {
        out.add(
            rs.getLong(1)
                + ":"
                + rs.getString(2)
                + ":"
                + rs.getString(3)
                + ":"
                + rs.getInt(4)
                + ":rule="
                + rs.getString(5));
      }
    }
    return out;
  }

  private List<String> attempts() throws Exception {
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT attempt, outcome, http_status, error FROM notification_delivery_attempts"
                    + " ORDER BY delivery_id, attempt")) {
      while (rs.next()) {
        out.add(
            rs.getInt(1) + ":" + rs.getString(2) + ":" + rs.getString(3) + ":" + rs.getString(4));
      }
    }
    return out;
  }

  private String statusAndError(long channel) throws Exception {
    return sql.string(
        "SELECT status || ':' || coalesce(last_error, '') FROM notification_deliveries"
            + " WHERE channel_id = "
            + channel
            + " ORDER BY id DESC LIMIT 1");
  }

  private long secondsUntilLastDelivery(Instant from) throws Exception {
    return sql.id(
        "SELECT round(extract(epoch FROM next_attempt_at - '"
            + from
            + "'::timestamptz))::bigint FROM notification_deliveries ORDER BY id DESC LIMIT 1");
  }

  private long secondsUntilNextAttempt(Instant from) throws Exception {
    return sql.id(
        "SELECT round(extract(epoch FROM next_attempt_at - '"
            + from
            + "'::timestamptz))::bigint FROM notification_deliveries");
  }

  private static String hmac(String key, String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
  }
}
