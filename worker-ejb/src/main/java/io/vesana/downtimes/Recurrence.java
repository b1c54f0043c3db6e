package io.vesana.downtimes;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * When a recurring downtime repeats: every day, or on the given weekdays, from {@code startTime}
 * (wall-clock time in {@code zone}) for {@code duration}. Stored as the subset of RFC 5545 the
 * schema's {@code rrule} column takes: {@code FREQ=DAILY} or {@code FREQ=WEEKLY;BYDAY=MO,FR}; the
 * time of day is the DTSTART's ({@code downtimes.starts_at}) in the zone, as in RFC 5545.
 *
 * @param days weekdays it happens on; empty means every day
 */
public record Recurrence(Set<DayOfWeek> days, LocalTime startTime, Duration duration, ZoneId zone) {

  /** A window longer than a week would overlap the next one and never end. */
  public static final Duration MAX_DURATION = Duration.ofDays(7);

  private static final List<String> CODES = List.of("MO", "TU", "WE", "TH", "FR", "SA", "SU");

  public Recurrence {
    days = days.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(days));
    if (duration.isNegative() || duration.isZero() || duration.compareTo(MAX_DURATION) > 0) {
      throw new IllegalArgumentException("duration must be more than 0 and at most 7 days");
    }
    if (startTime.getNano() != 0) {
      startTime = startTime.withNano(0);
    }
  }

  public boolean happensOn(DayOfWeek day) {
    return days.isEmpty() || days.contains(day);
  }

  /** The rrule column's value. */
  public String rrule() {
    if (days.isEmpty()) {
      return "FREQ=DAILY";
    }
    return "FREQ=WEEKLY;BYDAY="
        + EnumSet.copyOf(days).stream().map(Recurrence::code).collect(Collectors.joining(","));
  }

  /** Reads back what {@link #rrule()} wrote; anything else is refused. */
  public static Recurrence fromRrule(
      String rrule, LocalTime startTime, Duration duration, ZoneId zone) {
    if ("FREQ=DAILY".equals(rrule)) {
      return new Recurrence(Set.of(), startTime, duration, zone);
    }
    String prefix = "FREQ=WEEKLY;BYDAY=";
    if (rrule == null || !rrule.startsWith(prefix)) {
      throw new IllegalArgumentException("unsupported rrule " + rrule);
    }
    EnumSet<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    for (String c : rrule.substring(prefix.length()).split(",")) {
      days.add(day(c));
    }
    return new Recurrence(days, startTime, duration, zone);
  }

  /** A two-letter RFC 5545 weekday code (MO..SU) as a day; IllegalArgumentException otherwise. */
  public static DayOfWeek day(String code) {
    int i = CODES.indexOf(code.toUpperCase(Locale.ROOT));
    if (i < 0) {
      throw new IllegalArgumentException("unknown weekday " + code + " (use MO..SU)");
    }
    return DayOfWeek.of(i + 1);
  }

  public static String code(DayOfWeek d) {
    return CODES.get(d.getValue() - 1);
  }
}
