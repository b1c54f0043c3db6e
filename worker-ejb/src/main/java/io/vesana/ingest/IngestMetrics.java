package io.vesana.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Timer;

/**
 * The pipeline's MicroProfile metrics (application scope, {@code /metrics?scope=application}):
 * counters {@code vesana.ingest.results.stored}, {@code .entries.processed}, {@code .errors},
 * {@code .retries}, {@code .dead.letters}, {@code .status.contended}; timer {@code
 * vesana.ingest.batch}; gauges {@code vesana.ingest.stream.length} and {@code .group.lag}, sampled
 * from Redis at most once a second however often they are scraped.
 */
@ApplicationScoped
public class IngestMetrics implements IngestListener {

  private static final Logger LOG = Logger.getLogger(IngestMetrics.class.getName());

  @Inject MetricRegistry registry;

  private Counter stored;
  private Counter processed;
  private Counter errors;
  private Counter retries;
  private Counter deadLetters;
  private Counter contended;
  private Timer batch;

  @jakarta.annotation.PostConstruct
  void register() {
    stored = registry.counter("vesana.ingest.results.stored");
    processed = registry.counter("vesana.ingest.entries.processed");
    errors = registry.counter("vesana.ingest.errors");
    retries = registry.counter("vesana.ingest.retries");
    deadLetters = registry.counter("vesana.ingest.dead.letters");
    contended = registry.counter("vesana.ingest.status.contended");
    batch = registry.timer("vesana.ingest.batch");
  }

  /** Registers the stream gauges; called by the consumers when they start. */
  public void watch(IngestQueue queue) {
    Sampled length = new Sampled(queue::length);
    Sampled lag = new Sampled(queue::lag);
    registry.gauge("vesana.ingest.stream.length", length, Sampled::get);
    registry.gauge("vesana.ingest.group.lag", lag, Sampled::get);
  }

  @Override
  public void resultsStored(long n) {
    stored.inc(n);
  }

  @Override
  public void entriesProcessed(long n) {
    processed.inc(n);
  }

  @Override
  public void error(Throwable cause) {
    errors.inc();
  }

  @Override
  public void retry() {
    retries.inc();
  }

  @Override
  public void deadLettered(long n) {
    deadLetters.inc(n);
  }

  @Override
  public void statusContended() {
    contended.inc();
  }

  @Override
  public void batch(Duration took) {
    batch.update(took);
  }

  /** A Redis-backed value read at most once per second; -1 while Redis cannot answer. */
  static final class Sampled {
    private final LongSupplier source;
    private final AtomicLong value = new AtomicLong(-1);
    private volatile long sampledAt = System.nanoTime() - 2_000_000_000L;

    Sampled(LongSupplier source) {
      this.source = source;
    }

    Long get() {
      long now = System.nanoTime();
      if (now - sampledAt >= 1_000_000_000L) {
        sampledAt = now;
        try {
          value.set(source.getAsLong());
        } catch (RuntimeException e) {
          LOG.log(Level.FINE, "stream gauge not sampled", e);
          value.set(-1);
        }
      }
      return value.get();
    }
  }
}
