package io.vesana.notifications;

import java.time.Instant;

/** One message to send: which delivery, why, about which alert, through which channel. */
public record OutgoingNotification(
    long deliveryId, DeliveryReason reason, AlertFacts alert, ChannelView channel, Instant at) {

  /** A one-line human text, e.g. "PROBLEM: web / CPU is critical: load 9.1". */
  public String headline() {
    String what =
        alert.serviceName() == null
            ? alert.hostName()
            : alert.hostName() + " / " + alert.serviceName();
    String state = reason == DeliveryReason.RECOVERY ? "OK again" : "is " + alert.severity();
    String summary = alert.summary() == null ? "" : ": " + alert.summary();
    return label() + ": " + what + " " + state + summary;
  }

  private String label() {
    return switch (reason) {
      case PROBLEM -> "PROBLEM";
      case ESCALATION -> "ESCALATION";
      case REPEAT -> "STILL A PROBLEM";
      case RECOVERY -> "RECOVERY";
    };
  }
}
