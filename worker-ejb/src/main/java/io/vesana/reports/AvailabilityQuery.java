package io.vesana.reports;

import java.time.Instant;

/**
 * What an availability report covers: {@code [from, to)} for the services of one host, one service,
 * or the hosts of a host group (and its nested groups).
 */
public record AvailabilityQuery(
    Instant from, Instant to, Target target, long targetId, boolean excludeDowntimes) {

  /** What {@code targetId} names. */
  public enum Target {
    HOST,
    SERVICE,
    HOST_GROUP
  }
}
