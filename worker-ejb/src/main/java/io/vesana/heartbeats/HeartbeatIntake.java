package io.vesana.heartbeats;

import io.vesana.alerts.AlertTransition;
import io.vesana.contract.IngestStream;
import io.vesana.ingest.DatabaseFailures;
import io.vesana.ingest.IngestListener;
import io.vesana.ingest.IngestQueue;
import io.vesana.ingest.QueuedEntry;
import io.vesana.ingest.UndecodableEntryException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Heartbeat entries of one read batch, in one transaction: the agent (by its token) or collector
 * (by its API key) is seen now (the receive time: the sender's clock may be wrong), online, with
 * the software version and platform it reports; one that was offline recovers ({@link
 * EdgeLiveness#recover}). A disabled component stays disabled. Entries are acknowledged after the
 * commit; an undecodable one is dead-lettered. A transient database failure hands the entries back
 * for retry; any other failure leaves them pending, so re-deliveries count up to the pipeline's
 * limit. Thread-safe.
 */
public final class HeartbeatIntake {

  private static final Logger LOG = Logger.getLogger(HeartbeatIntake.class.getName());

  private final DataSource dataSource;
  private final IngestQueue queue;
  private final IngestListener listener;
  private final Consumer<AlertTransition> alertHook;
  private final EdgeLiveness liveness = new EdgeLiveness();

  public HeartbeatIntake(
      DataSource dataSource,
      IngestQueue queue,
      IngestListener listener,
      Consumer<AlertTransition> alertHook) {
    this.dataSource = dataSource;
    this.queue = queue;
    this.listener = listener;
    this.alertHook = alertHook;
  }

  /** Records the heartbeats; returns the entries to retry after a back-off (else empty). */
  public List<QueuedEntry> process(List<QueuedEntry> entries) {
    List<HeartbeatEntry> beats = new ArrayList<>(entries.size());
    for (QueuedEntry q : entries) {
      try {
        beats.add(HeartbeatEntry.decode(q));
      } catch (UndecodableEntryException e) {
        queue.deadLetter(q.fields(), "undecodable heartbeat: " + e.getMessage(), q.deliveries());
        queue.ack(List.of(q.id()));
        listener.deadLettered(1);
        listener.entriesProcessed(1);
      }
    }
    if (beats.isEmpty()) {
      return List.of();
    }
    List<AlertTransition> recovered;
    try {
      recovered = record(beats);
    } catch (SQLException | RuntimeException e) {
      listener.error(e);
      if (DatabaseFailures.isTransient(e)) {
        listener.retry();
        return beats.stream().map(HeartbeatEntry::entry).toList();
      }
      LOG.log(Level.WARNING, "heartbeats not recorded, left pending", e);
      return List.of();
    }
    queue.ack(beats.stream().map(b -> b.entry().id()).toList());
    listener.entriesProcessed(beats.size());
    recovered.forEach(alertHook);
    return List.of();
  }

  private List<AlertTransition> record(List<HeartbeatEntry> beats) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        List<AlertTransition> recovered = new ArrayList<>();
        for (HeartbeatEntry b : beats) {
          recovered.addAll(seen(c, b));
        }
        c.commit();
        return recovered;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    }
  }

  /** Updates the sender's row(s); recovers those that were offline. */
  List<AlertTransition> seen(Connection c, HeartbeatEntry b) throws SQLException {
    EdgeKind kind =
        IngestStream.SOURCE_AGENT.equals(b.source()) ? EdgeKind.AGENT : EdgeKind.COLLECTOR;
    String platform =
        kind == EdgeKind.AGENT
            ? ", hostname = coalesce(?, t.hostname), os = coalesce(?, t.os),"
                + " arch = coalesce(?, t.arch)"
            : "";
    // Several agents may share an enrolment token; the hostname tells them apart when both know it.
    String sameHost =
        kind == EdgeKind.AGENT
            ? " AND (?::text IS NULL OR t.hostname IS NULL OR lower(t.hostname) = lower(?))"
            : "";
    List<long[]> wasOffline = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "WITH old AS (SELECT t.id, t.status FROM "
                + kind.table
                + " t WHERE t.tenant_id = ? AND t."
                + kind.credentialColumn
                + " = ? AND t.status <> 'disabled'"
                + sameHost
                + " FOR UPDATE)"
                + " UPDATE "
                + kind.table
                + " t SET status = 'online', last_seen_at = greatest(t.last_seen_at, ?),"
                + " software_version = coalesce(?, t.software_version), updated_at = now()"
                + platform
                + " FROM old WHERE t.id = old.id RETURNING t.id, old.status = 'offline'")) {
      int i = 1;
      ps.setLong(i++, b.tenantId());
      ps.setLong(i++, b.credentialId());
      if (kind == EdgeKind.AGENT) {
        ps.setString(i++, b.hostname());
        ps.setString(i++, b.hostname());
      }
      ps.setTimestamp(i++, Timestamp.from(b.receivedAt()));
      ps.setString(i++, b.softwareVersion());
      if (kind == EdgeKind.AGENT) {
        ps.setString(i++, b.hostname());
        ps.setString(i++, b.os());
        ps.setString(i, b.arch());
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (rs.getBoolean(2)) {
            wasOffline.add(new long[] {rs.getLong(1)});
          }
        }
      }
    }
    List<AlertTransition> recovered = new ArrayList<>();
    for (long[] id : wasOffline) {
      recovered.addAll(liveness.recover(c, kind, b.tenantId(), id[0], b.receivedAt()));
    }
    return recovered;
  }
}
