package io.vesana.baselines;

import java.time.Instant;

/**
 * A metric's baseline and the service's current value of it.
 *
 * @param current the value in the service's latest result; null when that result lacks the metric
 */
public record BaselineView(
    String metric,
    Instant windowStart,
    Instant windowEnd,
    long samples,
    double mean,
    double stddev,
    double min,
    double max,
    Instant computedAt,
    Double current,
    Instant currentAt) {

  public double lower(double k) {
    return mean - k * stddev;
  }

  public double upper(double k) {
    return mean + k * stddev;
  }

  /**
   * Whether the current value lies outside mean ± k·σ. With σ = 0 (a constant metric) any other
   * value is outside: a change of a value that never moved is what an operator wants to see.
   */
  public boolean anomalous(double k) {
    return current != null && (current < lower(k) || current > upper(k));
  }
}
