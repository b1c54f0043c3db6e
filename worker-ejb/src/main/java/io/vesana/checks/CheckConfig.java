package io.vesana.checks;

/**
 * The effective configuration the state machine needs: host-service override, else the profile
 * check, else the defaults ({@link #DEFAULTS}), by the one rule of {@link Sourced#pick}.
 */
public record CheckConfig(
    int maxCheckAttempts, int checkIntervalSeconds, int retryIntervalSeconds) {

  public static final CheckConfig DEFAULTS = new CheckConfig(3, 60, 60);

  public CheckConfig {
    if (maxCheckAttempts < 1 || checkIntervalSeconds < 1 || retryIntervalSeconds < 1) {
      throw new IllegalArgumentException("attempts and intervals must be positive");
    }
  }

  /** Merges the host service's values (null: inherit) over its profile check's (null: none). */
  public static CheckConfig merge(
      Integer serviceAttempts,
      Integer checkAttempts,
      Integer serviceInterval,
      Integer checkInterval,
      Integer serviceRetry,
      Integer checkRetry) {
    return new CheckConfig(
        Sourced.pick(serviceAttempts, checkAttempts, DEFAULTS.maxCheckAttempts, false).value(),
        Sourced.pick(serviceInterval, checkInterval, DEFAULTS.checkIntervalSeconds, false).value(),
        Sourced.pick(serviceRetry, checkRetry, DEFAULTS.retryIntervalSeconds, false).value());
  }
}
