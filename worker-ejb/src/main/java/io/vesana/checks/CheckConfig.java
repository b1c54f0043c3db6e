package io.vesana.checks;

/**
 * The effective configuration the state machine needs: host-service override, else the profile
 * check, else the defaults ({@link #DEFAULTS}).
 */
public record CheckConfig(
    int maxCheckAttempts, int checkIntervalSeconds, int retryIntervalSeconds) {

  public static final CheckConfig DEFAULTS = new CheckConfig(3, 60, 60);

  public CheckConfig {
    if (maxCheckAttempts < 1 || checkIntervalSeconds < 1 || retryIntervalSeconds < 1) {
      throw new IllegalArgumentException("attempts and intervals must be positive");
    }
  }
}
