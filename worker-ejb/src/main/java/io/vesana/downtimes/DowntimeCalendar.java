package io.vesana.downtimes;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * Whether an instant falls in a downtime, and in which window. Pure and thread-safe.
 *
 * <p>Recurring windows follow the wall clock of their zone: a window "daily at 02:00" starts at
 * 02:00 local time in winter and in summer. On the spring-forward day a start inside the gap (02:30
 * in Europe/Berlin) moves forward by the gap's length (to 03:30); on the fall-back day a start
 * inside the repeated hour uses its first occurrence. A window then lasts its duration in elapsed
 * time, so a 2-hour window is 2 hours long on DST days too.
 */
public final class DowntimeCalendar {

  private DowntimeCalendar() {}

  /** A concrete downtime window, {@code [start, end)}. */
  public record Window(Instant start, Instant end) {
    public boolean contains(Instant t) {
      return !t.isBefore(start) && t.isBefore(end);
    }
  }

  public static boolean activeAt(DowntimeSchedule s, Instant t) {
    return windowAt(s, t).isPresent();
  }

  /** The window of {@code s} containing {@code t}, if any. */
  public static Optional<Window> windowAt(DowntimeSchedule s, Instant t) {
    if (t.isBefore(s.startsAt()) || (s.endsAt() != null && !t.isBefore(s.endsAt()))) {
      return Optional.empty();
    }
    if (!s.recurring()) {
      return Optional.of(new Window(s.startsAt(), s.endsAt()));
    }
    Recurrence r = s.recurrence();
    LocalDate first = s.startsAt().atZone(r.zone()).toLocalDate();
    LocalDate today = t.atZone(r.zone()).toLocalDate();
    // A window that started up to its duration (at most 7 days) ago may still be open.
    long lookBack = r.duration().toDays() + 1;
    for (LocalDate d = today; !d.isBefore(today.minusDays(lookBack)); d = d.minusDays(1)) {
      if (d.isBefore(first) || !r.happensOn(d.getDayOfWeek())) {
        continue;
      }
      Instant start = ZonedDateTime.of(d, r.startTime(), r.zone()).toInstant();
      Window w = new Window(start, clip(start.plus(r.duration()), s.endsAt()));
      if (w.contains(t)) {
        return Optional.of(w);
      }
    }
    return Optional.empty();
  }

  /** The next window of {@code s} starting after {@code t}, if any within the next 8 days. */
  public static Optional<Window> nextAfter(DowntimeSchedule s, Instant t) {
    if (!s.recurring()) {
      return s.startsAt().isAfter(t)
          ? Optional.of(new Window(s.startsAt(), s.endsAt()))
          : Optional.empty();
    }
    Recurrence r = s.recurrence();
    LocalDate first = s.startsAt().atZone(r.zone()).toLocalDate();
    LocalDate today = t.atZone(r.zone()).toLocalDate();
    for (LocalDate d = today; !d.isAfter(today.plusDays(8)); d = d.plusDays(1)) {
      if (d.isBefore(first) || !r.happensOn(d.getDayOfWeek())) {
        continue;
      }
      Instant start = ZonedDateTime.of(d, r.startTime(), r.zone()).toInstant();
      if (s.endsAt() != null && !start.isBefore(s.endsAt())) {
        return Optional.empty();
      }
      if (start.isAfter(t)) {
        return Optional.of(new Window(start, clip(start.plus(r.duration()), s.endsAt())));
      }
    }
    return Optional.empty();
  }

  private static Instant clip(Instant end, Instant until) {
    return until != null && until.isBefore(end) ? until : end;
  }
}
