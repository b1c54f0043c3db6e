package io.vesana.ingest;

import io.vesana.alerts.AlertTransition;
import io.vesana.contract.IngestStream;
import io.vesana.discovery.DiscoveryEntry;
import io.vesana.discovery.DiscoveryIntake;
import io.vesana.heartbeats.HeartbeatEntry;
import io.vesana.heartbeats.HeartbeatIntake;
import io.vesana.ingest.internal.CredentialUse;
import io.vesana.ingest.internal.JdbcResultStore;
import io.vesana.ingest.internal.JdbcServiceContexts;
import jakarta.json.Json;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * One read batch from the stream to PostgreSQL: decode, resolve, store in one transaction, then
 * dead-letter rejected results, acknowledge, and hand alert transitions to the notification hook.
 * An entry is acknowledged only after the transaction holding its results committed.
 *
 * <p>Failures: a transient database failure leaves the whole batch to the caller, which backs off
 * and calls again with what is returned (nothing acknowledged, nothing re-delivered meanwhile). Any
 * other failure is retried entry by entry to isolate the culprit: an entry that fails with a data
 * error (SQLSTATE 22/23, e.g. 23514 no partition for its checked_at) is dead-lettered at once; one
 * that fails otherwise stays pending, so re-deliveries count up to {@code max-deliveries}.
 *
 * <p>Thread-safe: consumer threads share one pipeline.
 */
public final class IngestPipeline {

  private static final Logger LOG = Logger.getLogger(IngestPipeline.class.getName());

  private final DataSource dataSource;
  private final IngestQueue queue;
  private final IngestSettings settings;
  private final IngestListener listener;
  private final Consumer<AlertTransition> alertHook;
  private final IngestEntryDecoder decoder = new IngestEntryDecoder();
  private final JdbcServiceContexts contexts;
  private final JdbcResultStore store = new JdbcResultStore();
  private final HeartbeatIntake heartbeats;
  private final DiscoveryIntake discoveries;

  public IngestPipeline(
      DataSource dataSource,
      IngestQueue queue,
      IngestSettings settings,
      IngestListener listener,
      Consumer<AlertTransition> alertHook) {
    this.dataSource = dataSource;
    this.queue = queue;
    this.settings = settings;
    this.listener = listener;
    this.alertHook = alertHook;
    this.contexts =
        new JdbcServiceContexts(settings.contextCacheEntries(), settings.contextTtl().toNanos());
    this.heartbeats = new HeartbeatIntake(dataSource, queue, listener, alertHook);
    this.discoveries = new DiscoveryIntake(dataSource, queue, listener);
  }

  /**
   * Processes {@code batch}; returns the entries to try again after a back-off because the database
   * is unavailable (empty when done).
   */
  public List<QueuedEntry> process(List<QueuedEntry> batch) {
    long start = System.nanoTime();
    List<DecodedEntry> decoded = new ArrayList<>(batch.size());
    List<String> refused = new ArrayList<>();
    List<QueuedEntry> beats = new ArrayList<>();
    List<QueuedEntry> scans = new ArrayList<>();
    for (QueuedEntry q : batch) {
      if (q.deliveries() > settings.maxDeliveries()) {
        deadLetter(q, "delivered " + q.deliveries() + " times without success");
        refused.add(q.id());
        continue;
      }
      if (HeartbeatEntry.isHeartbeat(q)) {
        beats.add(q);
        continue;
      }
      if (DiscoveryEntry.isDiscovery(q)) {
        scans.add(q);
        continue;
      }
      try {
        decoded.add(decoder.decode(q));
      } catch (UndecodableEntryException e) {
        deadLetter(q, "undecodable: " + e.getMessage());
        refused.add(q.id());
      }
    }
    if (!refused.isEmpty()) {
      queue.ack(refused);
      listener.entriesProcessed(refused.size());
    }
    if (!beats.isEmpty()) {
      // The database is down for heartbeats: it is for results too; retry all after a back-off.
      List<QueuedEntry> again = new ArrayList<>(heartbeats.process(beats));
      if (!again.isEmpty()) {
        again.addAll(scans);
        decoded.forEach(d -> again.add(d.entry()));
        return again;
      }
    }
    if (!scans.isEmpty()) {
      List<QueuedEntry> again = new ArrayList<>(discoveries.process(scans));
      if (!again.isEmpty()) {
        decoded.forEach(d -> again.add(d.entry()));
        return again;
      }
    }
    if (decoded.isEmpty()) {
      return List.of();
    }
    Committed committed;
    try {
      committed = commit(decoded);
    } catch (SQLException | RuntimeException e) {
      listener.error(e);
      listener.retry();
      if (DatabaseFailures.isTransient(e)) {
        LOG.log(Level.WARNING, "database unavailable, batch kept for retry: " + e);
        return decoded.stream().map(DecodedEntry::entry).toList();
      }
      LOG.log(Level.WARNING, "batch failed, retrying entry by entry", e);
      return oneByOne(decoded);
    } finally {
      listener.batch(Duration.ofNanos(System.nanoTime() - start));
    }
    // Outside the try: a Redis failure here is not the batch's fault; the consumer backs off and
    // re-reads its pending entries, and storing them again changes nothing.
    afterCommit(committed);
    return List.of();
  }

  private List<QueuedEntry> oneByOne(List<DecodedEntry> decoded) {
    // A stale cached id is the likeliest non-data cause; drop the cache before isolating.
    contexts.invalidateAll();
    List<QueuedEntry> unfinished = new ArrayList<>();
    for (DecodedEntry d : decoded) {
      if (!unfinished.isEmpty()) {
        unfinished.add(d.entry());
        continue;
      }
      Committed committed;
      try {
        committed = commit(List.of(d));
      } catch (SQLException | RuntimeException e) {
        listener.error(e);
        if (DatabaseFailures.isTransient(e)) {
          unfinished.add(d.entry());
        } else if (e instanceof SQLException sql
            && sql.getSQLState() != null
            && (sql.getSQLState().startsWith("22") || sql.getSQLState().startsWith("23"))) {
          deadLetter(d.entry(), "SQLSTATE " + sql.getSQLState() + ": " + sql.getMessage());
          queue.ack(List.of(d.entry().id()));
          listener.entriesProcessed(1);
        } else if (d.entry().deliveries() >= settings.maxDeliveries()) {
          deadLetter(d.entry(), "failed " + d.entry().deliveries() + " times: " + e);
          queue.ack(List.of(d.entry().id()));
          listener.entriesProcessed(1);
        } else {
          // Stays pending; the consumer's periodic pending sweep re-delivers it.
          LOG.log(Level.WARNING, "entry " + d.entry().id() + " failed, left pending", e);
        }
        continue;
      }
      afterCommit(committed);
    }
    return unfinished;
  }

  private record Committed(
      List<DecodedEntry> entries, List<RejectedResult> rejected, JdbcResultStore.Outcome outcome) {}

  private Committed commit(List<DecodedEntry> entries) throws SQLException {
    List<ResolvedResult> resolved = new ArrayList<>();
    List<RejectedResult> rejected = new ArrayList<>();
    JdbcResultStore.Outcome outcome;
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(true);
      contexts.resolve(c, entries, resolved, rejected);
      c.setAutoCommit(false);
      try {
        outcome = store.store(c, resolved);
        // Last: this may wait for another batch's update of a shared API key's row, and holding
        // nothing else after it keeps lock order acyclic.
        CredentialUse.touch(c, entries);
        c.commit();
      } catch (SQLException | RuntimeException e) {
        rollback(c, e);
        throw e;
      } finally {
        restoreAutoCommit(c);
      }
    }
    return new Committed(entries, rejected, outcome);
  }

  /** Dead letters for rejected results, acknowledgement, then the notification hook. */
  private void afterCommit(Committed done) {
    List<DecodedEntry> entries = done.entries();
    List<RejectedResult> rejected = done.rejected();
    JdbcResultStore.Outcome outcome = done.outcome();
    for (RejectedResult r : rejected) {
      Map<String, String> fields = new HashMap<>(r.entry().entry().fields());
      fields.put(
          IngestStream.F_BODY,
          Json.createObjectBuilder()
              .add("results", Json.createArrayBuilder().add(r.result().raw()))
              .build()
              .toString());
      queue.deadLetter(fields, r.reason(), r.entry().entry().deliveries());
    }
    if (!rejected.isEmpty()) {
      listener.deadLettered(rejected.size());
    }
    queue.ack(entries.stream().map(d -> d.entry().id()).toList());
    listener.resultsStored(outcome.stored());
    if (outcome.contended()) {
      listener.statusContended();
    }
    listener.entriesProcessed(entries.size());
    for (AlertTransition t : outcome.alerts()) {
      try {
        alertHook.accept(t);
      } catch (RuntimeException e) {
        // The alert is committed; a failing observer must not replay the batch.
        listener.error(e);
        LOG.log(Level.WARNING, "notification hook failed for alert " + t.alertId(), e);
      }
    }
  }

  private void deadLetter(QueuedEntry q, String reason) {
    Map<String, String> fields = q.fields() == null ? Map.of("original_id", q.id()) : q.fields();
    queue.deadLetter(fields, reason, q.deliveries());
    listener.deadLettered(1);
    LOG.warning(() -> "entry " + q.id() + " dead-lettered: " + reason);
  }

  private static void rollback(Connection c, Exception cause) {
    try {
      c.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  private static void restoreAutoCommit(Connection c) {
    try {
      c.setAutoCommit(true);
    } catch (SQLException e) {
      // The connection is broken; the pool discards it on validation.
      LOG.log(Level.FINE, "could not restore autocommit", e);
    }
  }
}
