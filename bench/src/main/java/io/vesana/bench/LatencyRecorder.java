package io.vesana.bench;

import java.util.Arrays;

/** Collects latencies in microseconds and reports percentiles. Thread-safe (synchronized). */
final class LatencyRecorder {

  private long[] values = new long[1 << 16];
  private int size;

  synchronized void record(long micros) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = micros;
  }

  synchronized int count() {
    return size;
  }

  /** The p-th percentile (0..100) in milliseconds, or NaN with no samples. */
  synchronized double percentileMs(double p) {
    if (size == 0) {
      return Double.NaN;
    }
    long[] sorted = Arrays.copyOf(values, size);
    Arrays.sort(sorted);
    int index = (int) Math.min(size - 1, Math.ceil(p / 100.0 * size) - 1);
    return sorted[Math.max(0, index)] / 1000.0;
  }
}
