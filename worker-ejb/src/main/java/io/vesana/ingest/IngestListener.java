package io.vesana.ingest;

import java.time.Duration;

/**
 * What the pipeline reports as it works; the metrics adapter implements it in the container, tests
 * use {@link IngestStats}. Implementations must be thread-safe and must not throw.
 */
public interface IngestListener {

  void resultsStored(long n);

  void entriesProcessed(long n);

  void error(Throwable cause);

  void retry();

  void deadLettered(long n);

  /** A batch's optimistic status update lost to another worker; the batch ran again locked. */
  void statusContended();

  void batch(Duration took);
}
