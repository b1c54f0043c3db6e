package io.vesana.alerts;

import java.time.Instant;

/**
 * What happened to an alert in a committed transaction; the payload of the notification hook.
 * Carries ids, not entities.
 */
public record AlertTransition(
    long tenantId,
    long hostId,
    long serviceId,
    long alertId,
    Kind kind,
    int state,
    Instant at,
    String summary) {

  public enum Kind {
    OPENED,
    STATE_CHANGED,
    RESOLVED
  }
}
