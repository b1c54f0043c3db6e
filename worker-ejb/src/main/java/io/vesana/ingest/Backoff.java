package io.vesana.ingest;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

/**
 * Exponential back-off with jitter: the n-th consecutive failure waits a random time between half
 * and all of {@code min * 2^n}, capped at {@code max}, so workers that failed together do not retry
 * together. One instance per consumer thread.
 */
final class Backoff {

  private final long minMs;
  private final long maxMs;
  private int failures;

  Backoff(Duration min, Duration max) {
    this.minMs = Math.max(1, min.toMillis());
    this.maxMs = Math.max(minMs, max.toMillis());
  }

  void reset() {
    failures = 0;
  }

  long nextDelayMs() {
    long ceiling = minMs << Math.min(failures, 20);
    failures++;
    long capped = Math.min(maxMs, ceiling);
    return capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
  }

  /** Sleeps the next delay, in short slices so a stop request is honoured quickly. */
  void pause(BooleanSupplier running) {
    long until = System.nanoTime() + nextDelayMs() * 1_000_000L;
    while (running.getAsBoolean() && System.nanoTime() - until < 0) {
      try {
        Thread.sleep(Math.min(100, Math.max(1, (until - System.nanoTime()) / 1_000_000L)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
