package io.vesana.reports;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Adds up how long one service spent in each state over {@code [from, to)}, fed the state at {@code
 * from} and then its changes in time order. Time inside a downtime is counted apart and left out of
 * every state, so a planned outage does not lower availability. Not thread-safe; one tally per
 * service.
 *
 * <p>Downtime windows may overlap each other and the period's edges: they are clipped and merged
 * first, so no millisecond is counted twice.
 */
public final class AvailabilityTally {

  /** State value for "no state known yet" (before the first result of a new service). */
  public static final int NO_DATA = -1;

  /** A half-open time window {@code [start, end)}. */
  public record Window(Instant start, Instant end) {}

  private final long from;
  private final long to;
  private final List<long[]> downtimes;
  private final long[] stateMs = new long[4];
  private long noDataMs;
  private long downtimeMs;
  private long segmentStart;
  private int state;
  private boolean finished;

  public AvailabilityTally(Instant from, Instant to, int initialState, List<Window> downtimes) {
    if (!to.isAfter(from)) {
      throw new IllegalArgumentException("the period must end after it starts");
    }
    this.from = from.toEpochMilli();
    this.to = to.toEpochMilli();
    this.downtimes = merge(downtimes, this.from, this.to);
    this.segmentStart = this.from;
    this.state = checkState(initialState);
  }

  /** The service changed to {@code newState} at {@code at}; changes must come in time order. */
  public void change(Instant at, int newState) {
    long t = Math.max(from, Math.min(to, at.toEpochMilli()));
    if (finished || t < segmentStart) {
      throw new IllegalStateException("changes must come in time order, before finish()");
    }
    close(t);
    state = checkState(newState);
  }

  /** Closes the last segment at the period's end and answers the totals. */
  public ServiceAvailability.Times finish() {
    if (!finished) {
      close(to);
      finished = true;
    }
    return new ServiceAvailability.Times(
        stateMs[0], stateMs[1], stateMs[2], stateMs[3], noDataMs, downtimeMs);
  }

  private void close(long end) {
    long length = end - segmentStart;
    long inDowntime = overlap(segmentStart, end);
    downtimeMs += inDowntime;
    if (state == NO_DATA) {
      noDataMs += length - inDowntime;
    } else {
      stateMs[state] += length - inDowntime;
    }
    segmentStart = end;
  }

  private long overlap(long start, long end) {
    long sum = 0;
    for (long[] w : downtimes) {
      sum += Math.max(0, Math.min(end, w[1]) - Math.max(start, w[0]));
    }
    return sum;
  }

  private static List<long[]> merge(List<Window> windows, long from, long to) {
    List<long[]> clipped = new ArrayList<>();
    for (Window w : windows) {
      long s = Math.max(from, w.start().toEpochMilli());
      long e = Math.min(to, w.end().toEpochMilli());
      if (e > s) {
        clipped.add(new long[] {s, e});
      }
    }
    clipped.sort(Comparator.comparingLong(w -> w[0]));
    List<long[]> merged = new ArrayList<>();
    for (long[] w : clipped) {
      long[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last != null && w[0] <= last[1]) {
        last[1] = Math.max(last[1], w[1]);
      } else {
        merged.add(w);
      }
    }
    return merged;
  }

  private static int checkState(int s) {
    if (s < NO_DATA || s > 3) {
      throw new IllegalArgumentException("state must be 0..3 or NO_DATA, was " + s);
    }
    return s;
  }
}
