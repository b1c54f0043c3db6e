package io.vesana.notifications;

import java.time.Duration;

/**
 * How the sender works; read from {@code vesana.notifications.delivery.*} by {@link DeliveryTimer}.
 *
 * @param batch deliveries leased per claim
 * @param lease how long a claimed delivery is left to its sender before another may take it (longer
 *     than {@code timeout}: a sender that died mid-send is retried after it)
 * @param retryBase delay before the second attempt; doubled per attempt up to {@code retryMax}
 * @param maxAttempts temporary failures after which a delivery fails for good
 * @param timeout connect and answer timeout of one HTTP attempt
 */
public record DeliverySettings(
    int batch,
    Duration lease,
    Duration retryBase,
    Duration retryMax,
    int maxAttempts,
    Duration timeout) {

  public DeliverySettings {
    if (batch < 1
        || maxAttempts < 1
        || retryBase.isNegative()
        || retryMax.compareTo(retryBase) < 0) {
      throw new IllegalArgumentException("batch and max attempts >= 1, 0 <= retry base <= max");
    }
    if (lease.compareTo(timeout.multipliedBy(2)) < 0) {
      throw new IllegalArgumentException("the lease must be at least twice the timeout");
    }
  }

  public static DeliverySettings defaults() {
    return new DeliverySettings(
        20,
        Duration.ofSeconds(120),
        Duration.ofSeconds(30),
        Duration.ofHours(1),
        8,
        Duration.ofSeconds(10));
  }

  /**
   * The wait after failed attempt number {@code attempt} (1-based): base * 2^(attempt-1), capped.
   */
  public Duration backoff(int attempt) {
    Duration d = retryBase;
    for (int i = 1; i < attempt && d.compareTo(retryMax) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(retryMax) > 0 ? retryMax : d;
  }
}
