package io.vesana.ingest;

import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/** Plain counters of an {@link IngestListener}; used by tests and the throughput program. */
public class IngestStats implements IngestListener {

  public final LongAdder stored = new LongAdder();
  public final LongAdder processed = new LongAdder();
  public final LongAdder errors = new LongAdder();
  public final LongAdder retries = new LongAdder();
  public final LongAdder deadLetters = new LongAdder();
  public final LongAdder batches = new LongAdder();
  public final LongAdder contended = new LongAdder();

  @Override
  public void resultsStored(long n) {
    stored.add(n);
  }

  @Override
  public void entriesProcessed(long n) {
    processed.add(n);
  }

  @Override
  public void error(Throwable cause) {
    errors.increment();
  }

  @Override
  public void retry() {
    retries.increment();
  }

  @Override
  public void deadLettered(long n) {
    deadLetters.add(n);
  }

  @Override
  public void statusContended() {
    contended.increment();
  }

  @Override
  public void batch(Duration took) {
    batches.increment();
  }
}
