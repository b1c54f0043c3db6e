package io.vesana.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vesana.reports.AvailabilityTally.Window;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AvailabilityTallyTest {

  static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  static Instant at(long minutes) {
    return T0.plusSeconds(minutes * 60);
  }

  static long min(long m) {
    return m * 60_000;
  }

  @Test
  void theStateAtTheStartCountsUntilTheFirstChangeAndTheLastUntilTheEnd() {
    var t = new AvailabilityTally(at(0), at(100), 0, List.of());
    t.change(at(10), 2);
    t.change(at(40), 1);
    t.change(at(50), 0);
    var times = t.finish();
    assertThat(times.okMs()).isEqualTo(min(10 + 50));
    assertThat(times.criticalMs()).isEqualTo(min(30));
    assertThat(times.warningMs()).isEqualTo(min(10));
    assertThat(times.availabilityPercent()).isEqualTo(60.0);
  }

  @Test
  void aPeriodWithoutChangesIsAllInTheInitialState() {
    var times = new AvailabilityTally(at(0), at(60), 2, List.of()).finish();
    assertThat(times.criticalMs()).isEqualTo(min(60));
    assertThat(times.availabilityPercent()).isZero();
  }

  @Test
  void noDataIsNeitherAvailableNorUnavailable() {
    var t = new AvailabilityTally(at(0), at(100), AvailabilityTally.NO_DATA, List.of());
    t.change(at(50), 0);
    var times = t.finish();
    assertThat(times.noDataMs()).isEqualTo(min(50));
    assertThat(times.okMs()).isEqualTo(min(50));
    assertThat(times.availabilityPercent()).isEqualTo(100.0);
    assertThat(new AvailabilityTally(at(0), at(1), -1, List.of()).finish().availabilityPercent())
        .isNull();
  }

  @Test
  void downtimeIsCutOutOfEveryStateOnceEvenWhenWindowsOverlapAndStickOut() {
    var downtimes =
        List.of(
            new Window(at(-30), at(10)), // sticks out before the period
            new Window(at(20), at(40)),
            new Window(at(30), at(50)), // overlaps the previous one
            new Window(at(90), at(200))); // sticks out after it
    var t = new AvailabilityTally(at(0), at(100), 2, downtimes);
    t.change(at(45), 0);
    var times = t.finish();
    // critical 0..45 minus downtime 0..10 and 20..45 = 10 minutes
    assertThat(times.criticalMs()).isEqualTo(min(10));
    // ok 45..100 minus downtime 45..50 and 90..100 = 40 minutes
    assertThat(times.okMs()).isEqualTo(min(40));
    assertThat(times.downtimeMs()).isEqualTo(min(10 + 30 + 10));
    long sum =
        times.okMs()
            + times.warningMs()
            + times.criticalMs()
            + times.unknownMs()
            + times.noDataMs()
            + times.downtimeMs();
    assertThat(sum).as("the parts add up to the period").isEqualTo(min(100));
    assertThat(times.availabilityPercent()).isEqualTo(80.0);
  }

  @Test
  void changesAtTheSameInstantLeaveOnlyTheLastOne() {
    var t = new AvailabilityTally(at(0), at(10), 0, List.of());
    t.change(at(5), 2);
    t.change(at(5), 3);
    var times = t.finish();
    assertThat(times.criticalMs()).isZero();
    assertThat(times.unknownMs()).isEqualTo(min(5));
  }

  @Test
  void outOfOrderChangesAndEmptyPeriodsAreRefused() {
    var t = new AvailabilityTally(at(0), at(10), 0, List.of());
    t.change(at(5), 2);
    assertThatThrownBy(() -> t.change(at(4), 0)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> new AvailabilityTally(at(1), at(1), 0, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AvailabilityTally(at(0), at(1), 4, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
