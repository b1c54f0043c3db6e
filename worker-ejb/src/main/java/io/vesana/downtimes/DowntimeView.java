package io.vesana.downtimes;

import java.time.Instant;

/** A downtime as the outside sees it. */
public record DowntimeView(
    long id,
    long tenantId,
    DowntimeScope scope,
    Long hostId,
    Long serviceId,
    Long hostGroupId,
    boolean includeChildren,
    DowntimeSchedule schedule,
    String comment,
    Long authorUserId,
    Instant createdAt,
    Instant cancelledAt,
    Instant endedAt,
    long version) {

  /** In effect at {@code t}: not cancelled and {@code t} inside one of its windows. */
  public boolean activeAt(Instant t) {
    return cancelledAt == null && DowntimeCalendar.activeAt(schedule, t);
  }
}
