package io.vesana.notifications.internal;

import io.vesana.notifications.AlertFacts;
import io.vesana.notifications.OutgoingNotification;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/** The JSON document a webhook receives for a delivery; its fields are part of the public API. */
final class AlertMessages {

  private AlertMessages() {}

  static JsonObject webhook(OutgoingNotification n) {
    AlertFacts a = n.alert();
    JsonObjectBuilder alert =
        Json.createObjectBuilder()
            .add("id", a.id())
            .add("host_id", a.hostId())
            .add("host_name", a.hostName())
            .add("severity", a.severity())
            .add("state", a.open() ? "open" : "resolved")
            .add("acknowledged", a.acknowledged())
            .add("opened_at", a.openedAt().toString());
    if (a.serviceId() == null) {
      alert.addNull("service_id").addNull("service_name");
    } else {
      alert.add("service_id", a.serviceId()).add("service_name", a.serviceName());
    }
    nullable(alert, "summary", a.summary());
    nullable(alert, "resolved_at", a.resolvedAt() == null ? null : a.resolvedAt().toString());
    return Json.createObjectBuilder()
        .add("event", "alert." + n.reason().code())
        .add("delivery_id", n.deliveryId())
        .add("tenant_id", a.tenantId())
        .add("channel_id", n.channel().id())
        .add("sent_at", n.at().toString())
        .add("message", n.headline())
        .add("alert", alert)
        .build();
  }

  private static void nullable(JsonObjectBuilder b, String k, String v) {
    if (v == null) {
      b.addNull(k);
    } else {
      b.add(k, v);
    }
  }
}
