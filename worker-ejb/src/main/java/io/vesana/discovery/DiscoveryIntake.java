package io.vesana.discovery;

import io.vesana.discovery.internal.JdbcScanResults;
import io.vesana.ingest.DatabaseFailures;
import io.vesana.ingest.IngestListener;
import io.vesana.ingest.IngestQueue;
import io.vesana.ingest.QueuedEntry;
import io.vesana.ingest.UndecodableEntryException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Discovery entries of one read batch, one transaction per entry (a scan is rare and may be large):
 * the scan, its hosts and their suggestions ({@link JdbcScanResults}). An entry is acknowledged
 * after its commit, also when the scan was stored before (a replay). Dead-lettered at once: an
 * undecodable entry, one whose API key belongs to no collector, one failing with a data error
 * (SQLSTATE 22/23). A transient database failure hands the rest back for retry; any other failure
 * leaves the entry pending, so re-deliveries count up to the pipeline's limit. Thread-safe.
 */
public final class DiscoveryIntake {

  private static final Logger LOG = Logger.getLogger(DiscoveryIntake.class.getName());

  private final DataSource dataSource;
  private final IngestQueue queue;
  private final IngestListener listener;
  private final JdbcScanResults store = new JdbcScanResults();

  public DiscoveryIntake(DataSource dataSource, IngestQueue queue, IngestListener listener) {
    this.dataSource = dataSource;
    this.queue = queue;
    this.listener = listener;
  }

  /** Stores the scans; returns the entries to retry after a back-off (else empty). */
  public List<QueuedEntry> process(List<QueuedEntry> entries) {
    List<QueuedEntry> again = new ArrayList<>();
    for (QueuedEntry q : entries) {
      if (!again.isEmpty()) {
        again.add(q);
        continue;
      }
      DiscoveryEntry e;
      try {
        e = DiscoveryEntry.decode(q);
      } catch (UndecodableEntryException ex) {
        refuse(q, "undecodable discovery: " + ex.getMessage());
        continue;
      }
      try {
        if (record(e) == JdbcScanResults.Outcome.NO_COLLECTOR) {
          refuse(q, "API key " + e.credentialId() + " belongs to no collector");
          continue;
        }
      } catch (SQLException | RuntimeException ex) {
        listener.error(ex);
        if (DatabaseFailures.isTransient(ex)) {
          listener.retry();
          again.add(q);
        } else if (ex instanceof SQLException s && "23505".equals(s.getSQLState())) {
          // Another worker stored the same scan at the same moment: done.
          done(q);
        } else if (ex instanceof SQLException s
            && s.getSQLState() != null
            && (s.getSQLState().startsWith("22") || s.getSQLState().startsWith("23"))) {
          refuse(q, "SQLSTATE " + s.getSQLState() + ": " + s.getMessage());
        } else {
          LOG.log(Level.WARNING, "discovery entry " + q.id() + " failed, left pending", ex);
        }
        continue;
      }
      done(q);
    }
    return again;
  }

  private JdbcScanResults.Outcome record(DiscoveryEntry e) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        JdbcScanResults.Outcome o = store.store(c, e);
        c.commit();
        return o;
      } catch (SQLException | RuntimeException ex) {
        c.rollback();
        throw ex;
      } finally {
        c.setAutoCommit(true);
      }
    }
  }

  private void done(QueuedEntry q) {
    queue.ack(List.of(q.id()));
    listener.entriesProcessed(1);
  }

  private void refuse(QueuedEntry q, String reason) {
    queue.deadLetter(q.fields(), reason, q.deliveries());
    queue.ack(List.of(q.id()));
    listener.deadLettered(1);
    listener.entriesProcessed(1);
    LOG.warning(() -> "entry " + q.id() + " dead-lettered: " + reason);
  }
}
