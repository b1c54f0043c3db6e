package io.vesana.admin;

import java.time.Duration;
import java.time.Instant;

/**
 * The pipeline self-test's memory between runs, shared by all instances ({@link SelfTestRecords}),
 * and the rules that move it on. Pure and immutable; all times are the database's clock.
 *
 * @param outstanding the {@code checked_at} of the probe sent and not yet seen, or null
 * @param lastLagMs from enqueue to {@code current_status} of the last probe seen, or null
 * @param lastSeenAt when that probe reached {@code current_status}
 * @param failingSince {@code checked_at} of the first probe of the current failure (not seen within
 *     the timeout), or null while probes arrive
 */
public record SelfTestState(
    Instant outstanding, Long lastLagMs, Instant lastSeenAt, Instant failingSince) {

  public static final SelfTestState NEW = new SelfTestState(null, null, null, null);

  /** What the database shows of the synthetic service, read in one statement. */
  public record Observation(Instant now, Instant lastCheckAt, Instant updatedAt) {

    /** The probe checked at {@code sentAt} (or a later one) has reached current_status. */
    boolean reached(Instant sentAt) {
      return lastCheckAt != null && !lastCheckAt.isBefore(sentAt);
    }

    long lagMs() {
      return Duration.between(lastCheckAt, updatedAt).toMillis();
    }
  }

  /** Overall verdict for health. */
  public enum Verdict {
    NOT_STARTED,
    PENDING,
    OK,
    FAILING
  }

  /** The state after looking at the database: the outstanding probe seen, timed out, or waiting. */
  public SelfTestState observe(Observation o, Duration timeout) {
    if (outstanding == null) {
      return this;
    }
    if (o.reached(outstanding)) {
      return new SelfTestState(null, o.lagMs(), o.updatedAt(), null);
    }
    if (timedOut(o, timeout)) {
      Instant since = failingSince != null ? failingSince : outstanding;
      return new SelfTestState(null, lastLagMs, lastSeenAt, since);
    }
    return this;
  }

  /** Whether a new probe should go out now: only when none is waiting to be seen. */
  public boolean readyToSend() {
    return outstanding == null;
  }

  public SelfTestState sent(Instant checkedAt) {
    return new SelfTestState(checkedAt, lastLagMs, lastSeenAt, failingSince);
  }

  public boolean timedOut(Observation o, Duration timeout) {
    return outstanding != null
        && !o.reached(outstanding)
        && Duration.between(outstanding, o.now()).compareTo(timeout) > 0;
  }

  /** The verdict on this state as the database shows it now (no watcher run needed). */
  public Verdict verdict(Observation o, Duration timeout) {
    SelfTestState s = observe(o, timeout);
    if (s.failingSince != null) {
      return Verdict.FAILING;
    }
    if (s.outstanding != null && s.lastLagMs == null) {
      return Verdict.PENDING;
    }
    return s.lastLagMs == null ? Verdict.NOT_STARTED : Verdict.OK;
  }
}
