package io.vesana.notifications;

import io.vesana.downtimes.DowntimeLookup;
import io.vesana.notifications.internal.ClaimedDelivery;
import io.vesana.notifications.internal.JdbcAlertFacts;
import io.vesana.notifications.internal.JdbcChannels;
import io.vesana.notifications.internal.JdbcDeliveryQueue;
import io.vesana.notifications.internal.JdbcRules;
import io.vesana.secrets.FieldCipher;
import io.vesana.secrets.SecretColumn;
import io.vesana.tenancy.TenantScope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Sends due deliveries: lease a batch (any tenant), then for each one read what it needs, check
 * {@link DeliveryGate}, send through the kind's {@link ChannelSender} with no transaction and no
 * row lock held, and record the attempt. A temporary failure is retried after {@link
 * DeliverySettings#backoff} until {@code maxAttempts}; a permanent one is final. After a problem
 * notification is sent, a rule with {@code repeat_interval_s} queues the next repeat. A sender that
 * dies mid-send leaves the lease to expire: delivery is at least once. Thread-safe.
 */
public final class DeliverySender {

  private static final Logger LOG = Logger.getLogger(DeliverySender.class.getName());
  private static final String CONTEXT = SecretColumn.NOTIFICATION_CHANNELS_SECRET.context();

  private final DataSource dataSource;
  private final FieldCipher cipher;
  private final ChannelSenders senders;
  private final DeliverySettings settings;
  private final JdbcDeliveryQueue queue = new JdbcDeliveryQueue();
  private final JdbcAlertFacts alerts = new JdbcAlertFacts();
  private final JdbcChannels channels = new JdbcChannels();
  private final JdbcRules rules = new JdbcRules();
  private final DowntimeLookup downtimes = new DowntimeLookup();

  public DeliverySender(
      DataSource dataSource,
      FieldCipher cipher,
      ChannelSenders senders,
      DeliverySettings settings) {
    this.dataSource = dataSource;
    this.cipher = cipher;
    this.senders = senders;
    this.settings = settings;
  }

  /** Sends up to one batch of the deliveries due at {@code now}; returns how many were leased. */
  public int sendDue(Instant now) throws SQLException {
    List<ClaimedDelivery> claimed;
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(true);
      claimed = queue.claim(c, now, settings.lease(), settings.batch());
    }
    claimed.stream().sorted(Comparator.comparingLong(ClaimedDelivery::id)).forEach(this::deliver);
    return claimed.size();
  }

  /** What a leased delivery needs to be sent; {@code cancel} set when it must not be. */
  private record Prepared(
      OutgoingNotification message, RuleView rule, String secret, String cancel, String broken) {}

  private void deliver(ClaimedDelivery d) {
    try {
      Prepared p;
      try (Connection c = dataSource.getConnection()) {
        c.setAutoCommit(true);
        p = prepare(c, d);
        if (p.cancel() != null) {
          queue.cancel(c, d, p.cancel());
          return;
        }
      }
      Instant started = Instant.now();
      long t0 = System.nanoTime();
      SendOutcome o = p.broken() != null ? SendOutcome.permanent(p.broken()) : send(p);
      long millis = Duration.ofNanos(System.nanoTime() - t0).toMillis();
      record(d, p, o, started, millis);
    } catch (SQLException | RuntimeException e) {
      // Left leased: tried again when the lease runs out.
      LOG.log(Level.WARNING, "delivery " + d.id() + " not processed; retried after its lease", e);
    }
  }

  private Prepared prepare(Connection c, ClaimedDelivery d) throws SQLException {
    TenantScope scope = TenantScope.of(d.tenantId());
    Optional<AlertFacts> alert = alerts.find(c, d.tenantId(), d.alertId());
    Optional<ChannelView> channel = channels.find(c, scope, d.channelId());
    if (alert.isEmpty() || channel.isEmpty()) {
      return new Prepared(null, null, null, "the alert or channel no longer exists", null);
    }
    AlertFacts a = alert.get();
    RuleView rule = d.ruleId() == null ? null : rules.find(c, scope, d.ruleId()).orElse(null);
    boolean problemSent =
        d.reason() == DeliveryReason.RECOVERY
            && queue.problemSent(c, d.tenantId(), d.alertId(), d.channelId());
    Long downtime = null;
    if (d.reason() == DeliveryReason.ESCALATION || d.reason() == DeliveryReason.REPEAT) {
      downtime =
          downtimes
              .inDowntime(c, a.tenantId(), a.hostId(), a.serviceId(), Instant.now())
              .orElse(null);
    }
    String why = DeliveryGate.whyNot(d.reason(), a, channel.get(), rule, problemSent, downtime);
    String secret = null;
    String broken = null;
    if (why == null) {
      byte[] sealed = channels.secret(c, d.tenantId(), d.channelId()).orElse(null);
      try {
        secret = sealed == null ? null : cipher.decrypt(sealed, CONTEXT);
      } catch (RuntimeException e) {
        // A missing key will not come back by retrying; the operator re-enters the secret.
        broken = "the channel's secret cannot be decrypted; enter it again";
      }
    }
    OutgoingNotification n =
        new OutgoingNotification(d.id(), d.reason(), a, channel.get(), Instant.now());
    return new Prepared(n, rule, secret, why, broken);
  }

  private SendOutcome send(Prepared p) {
    ChannelKind kind = p.message().channel().kind();
    return senders
        .forKind(kind)
        .map(s -> s.send(p.message(), p.secret()))
        .orElseGet(
            () ->
                SendOutcome.permanent(
                    "delivery through " + kind.code() + " channels is not available yet"));
  }

  private void record(ClaimedDelivery d, Prepared p, SendOutcome o, Instant started, long millis)
      throws SQLException {
    Instant now = Instant.now();
    int attempt = d.attempts() + 1;
    Instant retryAt = null;
    SendOutcome recorded = o;
    if (o.result() == SendOutcome.Result.TEMPORARY) {
      if (attempt < settings.maxAttempts()) {
        retryAt = now.plus(settings.backoff(attempt));
      } else {
        recorded =
            new SendOutcome(
                SendOutcome.Result.PERMANENT,
                o.httpStatus(),
                "gave up after " + attempt + " attempts: " + o.error());
      }
    }
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        queue.attempted(c, d, recorded, started, millis, retryAt);
        if (o.result() == SendOutcome.Result.SENT) {
          sent(c, d, p, now);
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    }
  }

  /** Alert history and bookkeeping of a sent notification; the next repeat of a problem. */
  private void sent(Connection c, ClaimedDelivery d, Prepared p, Instant now) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO alert_events (tenant_id, alert_id, kind, actor, body, details)"
                + " VALUES (?, ?, 'notified', 'notifications', ?, jsonb_build_object("
                + "'delivery_id', ?::bigint, 'channel_id', ?::bigint, 'reason', ?::text))")) {
      ps.setLong(1, d.tenantId());
      ps.setLong(2, d.alertId());
      ps.setString(3, d.reason().code() + " sent to channel " + p.message().channel().name());
      ps.setLong(4, d.id());
      ps.setLong(5, d.channelId());
      ps.setString(6, d.reason().code());
      ps.executeUpdate();
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE alerts SET last_notified_at = ? WHERE tenant_id = ? AND id = ?")) {
      ps.setTimestamp(1, java.sql.Timestamp.from(now));
      ps.setLong(2, d.tenantId());
      ps.setLong(3, d.alertId());
      ps.executeUpdate();
    }
    RuleView rule = p.rule();
    if (d.reason().announcesProblem() && rule != null && rule.repeatIntervalS() != null) {
      queue.scheduleRepeat(c, d, rule.id(), now, Duration.ofSeconds(rule.repeatIntervalS()));
    }
  }
}
