package io.vesana.notifications;

import io.vesana.alerts.AlertTransition;
import io.vesana.downtimes.DowntimeSuppression;
import io.vesana.notifications.internal.JdbcAlertFacts;
import io.vesana.notifications.internal.JdbcDeliveryQueue;
import io.vesana.notifications.internal.JdbcRules;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a committed alert transition into queued deliveries, on the caller's connection and
 * transaction. Idempotent: each delivery's {@code dedupe_ref} names the alert event and the channel
 * ({@code alert:<id>:opened|state:<state>:<epoch ms>|recovery:channel:<id>}), so running it twice
 * for one transition (a replayed batch, two observers) queues nothing new.
 *
 * <p>Problems (opened, state changed): nothing while the alert is acknowledged or in downtime
 * ({@link DowntimeSuppression} flags the alert then). Otherwise the tenant's enabled rules on
 * enabled channels are tried highest {@code priority} first and the first matching rule per channel
 * decides; its {@code escalation_delay_s} makes the delivery due that long after the alert opened.
 * A state change adds nothing for a channel that still has an untried problem delivery waiting.
 *
 * <p>Recoveries (never suppressed by downtime) go to each channel that was sent, or is still being
 * sent, a problem notification of the alert, when that rule has {@code notify_on_recovery}; the
 * sender drops one whose problem never reached the channel. Stateless and thread-safe.
 */
public final class NotificationDispatch {

  private final JdbcAlertFacts alerts = new JdbcAlertFacts();
  private final JdbcRules rules = new JdbcRules();
  private final JdbcDeliveryQueue queue = new JdbcDeliveryQueue();
  private final DowntimeSuppression downtimes = new DowntimeSuppression();

  /** Queues what {@code t} calls for; returns the number of new deliveries. */
  public int dispatch(Connection c, AlertTransition t, Instant now) throws SQLException {
    Optional<AlertFacts> found = alerts.find(c, t.tenantId(), t.alertId());
    if (found.isEmpty()) {
      return 0; // deleted with its host meanwhile
    }
    AlertFacts a = found.get();
    if (t.kind() == AlertTransition.Kind.RESOLVED) {
      return recovery(c, a, now);
    }
    // Resolved since (a later transition of the same batch): its recovery finds nothing sent.
    if (!a.open() || a.acknowledged() || downtimes.suppress(c, t).isPresent()) {
      return 0;
    }
    String event =
        t.kind() == AlertTransition.Kind.OPENED
            ? "opened"
            : "state:" + t.state() + ":" + t.at().toEpochMilli();
    int queued = 0;
    for (RuleView r : firstRulePerChannel(c, a).values()) {
      if (t.kind() != AlertTransition.Kind.OPENED
          && queue.problemWaiting(c, a.tenantId(), a.id(), r.channelId())) {
        continue;
      }
      Instant due = a.openedAt().plusSeconds(r.escalationDelayS());
      DeliveryReason reason =
          r.escalationDelayS() > 0 ? DeliveryReason.ESCALATION : DeliveryReason.PROBLEM;
      String ref = "alert:" + a.id() + ":" + event + ":channel:" + r.channelId();
      if (queue
          .insert(c, a.tenantId(), a.id(), r.channelId(), r.id(), reason, ref, later(due, now))
          .isPresent()) {
        queued++;
      }
    }
    return queued;
  }

  private Map<Long, RuleView> firstRulePerChannel(Connection c, AlertFacts a) throws SQLException {
    Map<Long, RuleView> perChannel = new LinkedHashMap<>();
    for (RuleView r : rules.enabledForDispatch(c, a.tenantId())) {
      if (!perChannel.containsKey(r.channelId()) && RuleMatch.matches(r.match(), a)) {
        perChannel.put(r.channelId(), r);
      }
    }
    return perChannel;
  }

  private int recovery(Connection c, AlertFacts a, Instant now) throws SQLException {
    int queued = 0;
    for (long[] target : queue.recoveryTargets(c, a.tenantId(), a.id())) {
      long channel = target[0];
      Long rule = target[1] == 0 ? null : target[1];
      String ref = "alert:" + a.id() + ":recovery:channel:" + channel;
      if (queue
          .insert(c, a.tenantId(), a.id(), channel, rule, DeliveryReason.RECOVERY, ref, now)
          .isPresent()) {
        queued++;
      }
    }
    return queued;
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
