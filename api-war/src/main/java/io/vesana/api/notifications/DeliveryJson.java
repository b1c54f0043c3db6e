package io.vesana.api.notifications;

import io.vesana.notifications.DeliveryView;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;

/** REST shape of a delivery and its attempts; shared with the alert's delivery list. */
public final class DeliveryJson {

  private DeliveryJson() {}

  public static JsonObject write(DeliveryView d) {
    JsonArrayBuilder attempts = Json.createArrayBuilder();
    for (DeliveryView.Attempt a : d.attemptLog()) {
      JsonObjectBuilder b =
          Json.createObjectBuilder()
              .add("attempt", a.attempt())
              .add("outcome", a.outcome())
              .add("at", a.at().toString())
              .add("duration_ms", a.durationMs());
      if (a.httpStatus() == null) {
        b.addNull("http_status");
      } else {
        b.add("http_status", a.httpStatus());
      }
      text(b, "error", a.error());
      attempts.add(b);
    }
    JsonObjectBuilder b =
        Json.createObjectBuilder()
            .add("id", d.id())
            .add("tenant_id", d.tenantId())
            .add("alert_id", d.alertId())
            .add("channel_id", d.channelId())
            .add("channel_name", d.channelName())
            .add("channel_kind", d.channelKind().code())
            .add("reason", d.reason())
            .add("status", d.status().code())
            .add("attempts", d.attempts());
    if (d.ruleId() == null) {
      b.addNull("rule_id");
    } else {
      b.add("rule_id", d.ruleId());
    }
    time(b, "next_attempt_at", d.nextAttemptAt());
    text(b, "last_error", d.lastError());
    time(b, "sent_at", d.sentAt());
    time(b, "created_at", d.createdAt());
    return b.add("attempt_log", attempts).build();
  }

  private static void text(JsonObjectBuilder b, String k, String v) {
    if (v == null) {
      b.addNull(k);
    } else {
      b.add(k, v);
    }
  }

  private static void time(JsonObjectBuilder b, String k, Instant v) {
    text(b, k, v == null ? null : v.toString());
  }
}
