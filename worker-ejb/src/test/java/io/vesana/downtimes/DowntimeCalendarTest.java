package io.vesana.downtimes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DowntimeCalendarTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  private static Instant at(String s) {
    return Instant.parse(s);
  }

  @Test
  void oneOffIsActiveFromItsStartUntilJustBeforeItsEnd() {
    DowntimeSchedule s =
        DowntimeSchedule.oneOff(at("2025-06-01T10:00:00Z"), at("2025-06-01T12:00:00Z"));
    assertThat(DowntimeCalendar.activeAt(s, at("2025-06-01T09:59:59Z"))).isFalse();
    assertThat(DowntimeCalendar.activeAt(s, at("2025-06-01T10:00:00Z"))).isTrue();
    assertThat(DowntimeCalendar.activeAt(s, at("2025-06-01T11:59:59Z"))).isTrue();
    assertThat(DowntimeCalendar.activeAt(s, at("2025-06-01T12:00:00Z"))).isFalse();
  }

  @Test
  void weeklyWindowFollowsTheWallClockInWinterAndSummer() {
    // Sundays 02:00-04:00 Berlin time: 01:00Z in winter (CET), 00:00Z in summer (CEST).
    Recurrence r =
        new Recurrence(Set.of(DayOfWeek.SUNDAY), LocalTime.of(2, 0), Duration.ofHours(2), BERLIN);
    DowntimeSchedule s = DowntimeSchedule.recurring(at("2025-01-01T00:00:00Z"), null, r);
    assertThat(DowntimeCalendar.activeAt(s, at("2025-01-05T01:00:00Z"))).isTrue();
    assertThat(DowntimeCalendar.activeAt(s, at("2025-01-05T00:59:00Z"))).isFalse();
    assertThat(DowntimeCalendar.activeAt(s, at("2025-01-05T02:59:00Z"))).isTrue();
    assertThat(DowntimeCalendar.activeAt(s, at("2025-01-05T03:00:00Z"))).isFalse();
    assertThat(DowntimeCalendar.activeAt(s, at("2025-07-06T00:00:00Z"))).isTrue();
    assertThat(DowntimeCalendar.activeAt(s, at("2025-07-06T02:00:00Z"))).isFalse();
    // A Monday at the same hour is not in the window.
    assertThat(DowntimeCalendar.activeAt(s, at("2025-07-07T00:30:00Z"))).isFalse();
  }

  @Test
  void startInsideTheSpringForwardGapMovesForwardAndKeepsItsLength() {
    // 2025-03-30: Berlin clocks jump from 02:00 CET to 03:00 CEST; 02:30 does not exist.
    Recurrence r = new Recurrence(Set.of(), LocalTime.of(2, 30), Duration.ofHours(1), BERLIN);
    DowntimeSchedule s = DowntimeSchedule.recurring(at("2025-03-01T00:00:00Z"), null, r);
    DowntimeCalendar.Window w =
        DowntimeCalendar.windowAt(s, at("2025-03-30T01:45:00Z")).orElseThrow();
    // 03:30 CEST = 01:30Z, one hour long.
    assertThat(w.start()).isEqualTo(at("2025-03-30T01:30:00Z"));
    assertThat(w.end()).isEqualTo(at("2025-03-30T02:30:00Z"));
    assertThat(DowntimeCalendar.activeAt(s, at("2025-03-30T01:29:00Z"))).isFalse();
    // The day before, 02:30 CET = 01:30Z as well, the day after 02:30 CEST = 00:30Z.
    assertThat(DowntimeCalendar.activeAt(s, at("2025-03-29T01:30:00Z"))).isTrue();
    assertThat(DowntimeCalendar.activeAt(s, at("2025-03-31T00:30:00Z"))).isTrue();
    assertThat(DowntimeCalendar.activeAt(s, at("2025-03-31T01:30:00Z"))).isFalse();
  }

  @Test
  void seriesStartingOnTheSpringForwardDayKeepsItsTimeOfDay() {
    Recurrence r = new Recurrence(Set.of(), LocalTime.of(2, 30), Duration.ofHours(1), BERLIN);
    DowntimeSchedule s = DowntimeSchedule.recurring(at("2025-03-30T00:00:00Z"), null, r);
    // Stored DTSTART is what the time of day is read back from: 02:30 on the next day.
    assertThat(s.startsAt().atZone(BERLIN).toLocalTime()).isEqualTo(LocalTime.of(2, 30));
    assertThat(s.startsAt()).isEqualTo(at("2025-03-31T00:30:00Z"));
  }

  @Test
  void startInsideTheRepeatedFallBackHourUsesItsFirstOccurrence() {
    // 2025-10-26: 02:00-03:00 happens twice in Berlin (CEST, then CET).
    Recurrence r = new Recurrence(Set.of(), LocalTime.of(2, 15), Duration.ofMinutes(30), BERLIN);
    DowntimeSchedule s = DowntimeSchedule.recurring(at("2025-10-01T00:00:00Z"), null, r);
    DowntimeCalendar.Window w =
        DowntimeCalendar.windowAt(s, at("2025-10-26T00:20:00Z")).orElseThrow();
    assertThat(w.start()).isEqualTo(at("2025-10-26T00:15:00Z"));
    assertThat(w.end()).isEqualTo(at("2025-10-26T00:45:00Z"));
    // The second 02:15 (CET, 01:15Z) is not a second window.
    assertThat(DowntimeCalendar.activeAt(s, at("2025-10-26T01:20:00Z"))).isFalse();
  }

  @Test
  void windowCrossingMidnightIsActiveOnTheNextDayAndEndOfSeriesCutsIt() {
    Recurrence r =
        new Recurrence(Set.of(DayOfWeek.FRIDAY), LocalTime.of(22, 0), Duration.ofHours(6), BERLIN);
    DowntimeSchedule s =
        DowntimeSchedule.recurring(at("2025-06-01T00:00:00Z"), at("2025-06-14T00:00:00Z"), r);
    // Friday 2025-06-06 22:00 CEST = 20:00Z until Saturday 02:00Z.
    assertThat(DowntimeCalendar.activeAt(s, at("2025-06-07T01:00:00Z"))).isTrue();
    assertThat(DowntimeCalendar.activeAt(s, at("2025-06-07T02:00:00Z"))).isFalse();
    // Friday 2025-06-13 window is cut at the series end 2025-06-14T00:00Z.
    DowntimeCalendar.Window w =
        DowntimeCalendar.windowAt(s, at("2025-06-13T21:00:00Z")).orElseThrow();
    assertThat(w.end()).isEqualTo(at("2025-06-14T00:00:00Z"));
    assertThat(DowntimeCalendar.activeAt(s, at("2025-06-14T00:30:00Z"))).isFalse();
    // Before the series starts: nothing.
    assertThat(DowntimeCalendar.activeAt(s, at("2025-05-31T01:00:00Z"))).isFalse();
  }

  @Test
  void nextWindowIsFoundForRecurringAndOneOff() {
    Recurrence r =
        new Recurrence(Set.of(DayOfWeek.MONDAY), LocalTime.of(1, 0), Duration.ofHours(1), BERLIN);
    DowntimeSchedule s = DowntimeSchedule.recurring(at("2025-06-01T00:00:00Z"), null, r);
    assertThat(DowntimeCalendar.nextAfter(s, at("2025-06-03T00:00:00Z")).orElseThrow().start())
        .isEqualTo(at("2025-06-08T23:00:00Z"));
    DowntimeSchedule o =
        DowntimeSchedule.oneOff(at("2025-06-01T10:00:00Z"), at("2025-06-01T12:00:00Z"));
    assertThat(DowntimeCalendar.nextAfter(o, at("2025-06-01T11:00:00Z"))).isEmpty();
  }

  @Test
  void rruleRoundTripsAndForeignRulesAreRefused() {
    Recurrence r =
        new Recurrence(
            Set.of(DayOfWeek.SUNDAY, DayOfWeek.MONDAY),
            LocalTime.of(3, 0),
            Duration.ofHours(1),
            BERLIN);
    assertThat(r.rrule()).isEqualTo("FREQ=WEEKLY;BYDAY=MO,SU");
    assertThat(Recurrence.fromRrule(r.rrule(), r.startTime(), r.duration(), BERLIN)).isEqualTo(r);
    assertThat(
            Recurrence.fromRrule("FREQ=DAILY", LocalTime.NOON, Duration.ofHours(1), BERLIN).days())
        .isEmpty();
    assertThatThrownBy(
            () ->
                Recurrence.fromRrule(
                    "FREQ=MONTHLY;BYMONTHDAY=1", LocalTime.NOON, Duration.ofHours(1), BERLIN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Recurrence(Set.of(), LocalTime.NOON, Duration.ofDays(8), BERLIN))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
