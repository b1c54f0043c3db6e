package io.vesana.notifications;

import java.time.Instant;
import java.util.List;

/**
 * A delivery as the outside sees it, with its attempts (at most {@code max-attempts} of them).
 *
 * @param ruleId null once the rule was deleted
 * @param nextAttemptAt when it is tried next; null unless it is still pending
 */
public record DeliveryView(
    long id,
    long tenantId,
    long alertId,
    long channelId,
    String channelName,
    ChannelKind channelKind,
    Long ruleId,
    String reason,
    DeliveryStatus status,
    int attempts,
    Instant nextAttemptAt,
    String lastError,
    Instant sentAt,
    Instant createdAt,
    List<Attempt> attemptLog) {

  /**
   * One send attempt.
   *
   * @param httpStatus null when no HTTP answer was received
   */
  public record Attempt(
      int attempt, String outcome, Integer httpStatus, String error, Instant at, int durationMs) {}
}
