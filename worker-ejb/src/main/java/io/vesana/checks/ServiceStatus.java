package io.vesana.checks;

import java.time.Instant;

/**
 * The state-machine part of a service's {@code current_status} row. {@code lastCheckAt == null}
 * means the service has no result yet (pending), which the machine treats as a hard OK.
 *
 * @param stateType 0 soft, 1 hard, as stored
 */
public record ServiceStatus(
    int state,
    int stateType,
    int attempt,
    int lastHardState,
    Instant lastCheckAt,
    Instant lastChangeAt,
    Instant lastHardChangeAt,
    Instant lastOkAt) {

  public static final int SOFT = 0;
  public static final int HARD = 1;

  /** A service that has never reported. */
  public static ServiceStatus pending() {
    return new ServiceStatus(0, HARD, 1, 0, null, null, null, null);
  }

  public boolean hasResult() {
    return lastCheckAt != null;
  }
}
