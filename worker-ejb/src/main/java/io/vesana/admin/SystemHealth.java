package io.vesana.admin;

import io.vesana.ingest.DeadLetters;
import io.vesana.ingest.IngestQueue;
import io.vesana.redis.RedisProbe;
import io.vesana.schema.VesanaDataSource;
import io.vesana.watchers.WatcherRuns;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * One snapshot of the installation's health for super admins. Every probe is independent: a failing
 * one is reported as down with the error's type (never its message, which may hold connection
 * details) and the others still answer.
 */
@ApplicationScoped
public class SystemHealth {

  /** Watchers whose last run is shown. */
  public static final List<String> WATCHERS = List.of("retention-purge", "pipeline-self-test");

  /** A dependency's reachability. */
  public record Probe(boolean up, Long latencyMs, String error) {}

  /** The ingest stream: entries in it, not yet delivered (-1: unknown), dead letters. */
  public record Ingest(Long length, Long lag, Long deadLetters, String error) {}

  /** The pipeline self-test's verdict, or the error type when it could not be read. */
  public record SelfTest(PipelineSelfTest.Status status, String error) {}

  /** The snapshot. */
  public record Snapshot(
      Probe database,
      Probe redis,
      Ingest ingest,
      Map<String, Optional<Instant>> watchers,
      SelfTest selfTest) {}

  @Resource(lookup = VesanaDataSource.JNDI_NAME)
  DataSource dataSource;

  @Inject RedisProbe redis;
  @Inject IngestQueue queue;
  @Inject DeadLetters deadLetters;
  @Inject WatcherRuns runs;
  @Inject PipelineSelfTest selfTest;

  public Snapshot snapshot() {
    Map<String, Optional<Instant>> watchers = new LinkedHashMap<>();
    for (String w : WATCHERS) {
      try {
        watchers.put(w, runs.lastRun(w));
      } catch (RuntimeException e) {
        watchers.put(w, Optional.empty());
      }
    }
    return new Snapshot(database(), redis(), ingest(), watchers, selfTest());
  }

  private SelfTest selfTest() {
    try {
      return new SelfTest(selfTest.status(), null);
    } catch (RuntimeException e) {
      return new SelfTest(null, e.getClass().getSimpleName());
    }
  }

  private Probe database() {
    long start = System.nanoTime();
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT 1")) {
      rs.next();
      return new Probe(true, Duration.ofNanos(System.nanoTime() - start).toMillis(), null);
    } catch (Exception e) {
      return new Probe(false, null, e.getClass().getSimpleName());
    }
  }

  private Probe redis() {
    try {
      return new Probe(true, redis.ping().toMillis(), null);
    } catch (RuntimeException e) {
      return new Probe(false, null, e.getClass().getSimpleName());
    }
  }

  private Ingest ingest() {
    try {
      return new Ingest(queue.length(), queue.lag(), deadLetters.count(), null);
    } catch (RuntimeException e) {
      return new Ingest(null, null, null, e.getClass().getSimpleName());
    }
  }
}
