package io.vesana.checks;

import java.time.Instant;
import java.util.Optional;

/**
 * Soft/hard state semantics of one service, as in Icinga/Nagios. OK always resets the attempt
 * counter and is hard; a non-OK result after OK is soft attempt 1 and becomes hard once {@code
 * max_check_attempts} consecutive non-OK results are seen; a hard non-OK that changes to another
 * non-OK state is a hard change too. A result not newer than the last one applied is ignored, so
 * replays and late arrivals never move the state backwards or record a change twice.
 *
 * <p>Stateless and thread-safe: every call returns a new value.
 */
public final class CheckStateMachine {

  private CheckStateMachine() {}

  /** What a result does to a service. */
  public sealed interface Outcome permits Ignored, Applied {}

  /** Not newer than the last applied result: stored, but no effect on status. */
  public record Ignored() implements Outcome {}

  /**
   * The new status; {@code change} when the state or state type moved, {@code hardChange} when the
   * hard state moved (the alerting trigger).
   */
  public record Applied(
      ServiceStatus status, Optional<Change> change, Optional<HardChange> hardChange)
      implements Outcome {}

  public record Change(int oldState, int newState, int stateType, int attempt) {}

  /** A hard transition: a problem opened (from OK), changed (non-OK to non-OK) or recovered. */
  public record HardChange(int oldHardState, int newHardState) {
    public boolean isRecovery() {
      return newHardState == 0;
    }

    public boolean isProblemStart() {
      return oldHardState == 0 && newHardState != 0;
    }
  }

  public static Outcome apply(
      ServiceStatus s, int newState, Instant checkedAt, CheckConfig config) {
    if (newState < 0 || newState > 3) {
      throw new IllegalArgumentException("state must be 0..3, was " + newState);
    }
    if (s.hasResult() && !checkedAt.isAfter(s.lastCheckAt())) {
      return new Ignored();
    }
    int type;
    int attempt;
    if (newState == 0) {
      type = ServiceStatus.HARD;
      attempt = 1;
    } else if (s.state() == 0) {
      attempt = 1;
      type = config.maxCheckAttempts() <= 1 ? ServiceStatus.HARD : ServiceStatus.SOFT;
    } else if (s.stateType() == ServiceStatus.HARD) {
      attempt = s.attempt();
      type = ServiceStatus.HARD;
    } else {
      attempt = Math.min(s.attempt() + 1, config.maxCheckAttempts());
      type = attempt >= config.maxCheckAttempts() ? ServiceStatus.HARD : ServiceStatus.SOFT;
    }
    boolean changed = newState != s.state() || type != s.stateType();
    int hardState = type == ServiceStatus.HARD ? newState : s.lastHardState();
    boolean hardChanged = hardState != s.lastHardState();
    ServiceStatus next =
        new ServiceStatus(
            newState,
            type,
            attempt,
            hardState,
            checkedAt,
            newState != s.state() || !s.hasResult() ? checkedAt : s.lastChangeAt(),
            hardChanged || !s.hasResult() ? checkedAt : s.lastHardChangeAt(),
            newState == 0 ? checkedAt : s.lastOkAt());
    Optional<Change> change =
        changed ? Optional.of(new Change(s.state(), newState, type, attempt)) : Optional.empty();
    Optional<HardChange> hard =
        hardChanged ? Optional.of(new HardChange(s.lastHardState(), hardState)) : Optional.empty();
    return new Applied(next, change, hard);
  }

  /** When the next result is due: the retry interval while in a soft problem state. */
  public static Instant nextCheckDue(ServiceStatus s, CheckConfig config) {
    int seconds =
        s.state() != 0 && s.stateType() == ServiceStatus.SOFT
            ? config.retryIntervalSeconds()
            : config.checkIntervalSeconds();
    return s.lastCheckAt().plusSeconds(seconds);
  }
}
