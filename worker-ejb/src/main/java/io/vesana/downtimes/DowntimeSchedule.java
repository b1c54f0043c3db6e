package io.vesana.downtimes;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * When a downtime applies. One-off: {@code [startsAt, endsAt)}, {@code recurrence} null. Recurring:
 * occurrences of {@code recurrence} from the day of {@code startsAt} (in the recurrence's zone) on,
 * until {@code endsAt} if set.
 */
public record DowntimeSchedule(Instant startsAt, Instant endsAt, Recurrence recurrence) {

  public DowntimeSchedule {
    Objects.requireNonNull(startsAt, "startsAt");
    if (recurrence == null && endsAt == null) {
      throw new IllegalArgumentException("a one-off downtime needs an end");
    }
    if (endsAt != null && !endsAt.isAfter(startsAt)) {
      throw new IllegalArgumentException("the end must be after the start");
    }
  }

  public static DowntimeSchedule oneOff(Instant startsAt, Instant endsAt) {
    return new DowntimeSchedule(startsAt, endsAt, null);
  }

  /**
   * A recurring schedule starting on the local date of {@code from} in the recurrence's zone; the
   * stored start (RFC 5545 DTSTART) carries the recurrence's time of day.
   */
  public static DowntimeSchedule recurring(Instant from, Instant until, Recurrence r) {
    java.time.LocalDate day = from.atZone(r.zone()).toLocalDate();
    ZonedDateTime first = ZonedDateTime.of(day, r.startTime(), r.zone());
    if (!first.toLocalTime().equals(r.startTime())) {
      // The time of day is read back from DTSTART, so DTSTART must not sit in a DST gap (where
      // 02:30 becomes 03:30): the series then starts the next day.
      first = ZonedDateTime.of(day.plusDays(1), r.startTime(), r.zone());
    }
    return new DowntimeSchedule(first.toInstant(), until, r);
  }

  public boolean recurring() {
    return recurrence != null;
  }
}
