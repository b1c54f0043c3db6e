package io.vesana.ingest.internal;

import io.vesana.alerts.AlertTransition;
import io.vesana.alerts.internal.JdbcAlertWriter;
import io.vesana.checks.CheckStateMachine;
import io.vesana.checks.CheckStateMachine.Applied;
import io.vesana.checks.ServiceStatus;
import io.vesana.ingest.PerfdataParser;
import io.vesana.ingest.ResolvedResult;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes one batch of resolved results inside the caller's transaction: current_status (evaluated
 * by {@link CheckStateMachine}, updated once per service), check_results (duplicates skipped by the
 * primary key), state_changes, and alert open/resolve.
 *
 * <p>Optimistic first: the status rows are read without locks and each update is guarded by the
 * {@code last_check_at} that was read. Two workers rarely hold results of the same service at once
 * (an agent's batches are minutes apart), so this almost always succeeds, and it saves a tuple lock
 * (a page write and a WAL record) per service. If another worker got there first, the batch rolls
 * back to a savepoint and runs again with the rows locked {@code FOR UPDATE} in id order.
 *
 * <p>Replays are harmless by construction: a result already stored is skipped by {@code ON CONFLICT
 * DO NOTHING}, and a result not newer than the status's {@code last_check_at} is ignored by the
 * state machine, so it produces no status update, state change or alert. Stateless apart from the
 * parser; thread-safe.
 */
public final class JdbcResultStore {

  /**
   * What a committed batch did; {@code contended} when the optimistic attempt lost to another
   * worker and the batch ran again under locks.
   */
  public record Outcome(int stored, List<AlertTransition> alerts, boolean contended) {}

  private final PerfdataParser perfdata = new PerfdataParser();
  private final JdbcAlertWriter alertWriter = new JdbcAlertWriter();
  private final StatusRows statusRows = new StatusRows();

  public Outcome store(Connection c, List<ResolvedResult> results) throws SQLException {
    if (results.isEmpty()) {
      return new Outcome(0, List.of(), false);
    }
    // Per service, oldest first, so the machine sees results in check order; services in id order.
    Map<Long, List<ResolvedResult>> byService = new TreeMap<>();
    for (ResolvedResult r : results) {
      byService.computeIfAbsent(r.serviceId(), k -> new ArrayList<>()).add(r);
    }
    for (List<ResolvedResult> list : byService.values()) {
      list.sort(Comparator.comparing(r -> r.result().checkedAt()));
    }
    Savepoint optimistic = c.setSavepoint();
    Outcome done = attempt(c, byService, results.size(), false);
    if (done != null) {
      c.releaseSavepoint(optimistic);
      return done;
    }
    c.rollback(optimistic);
    done = attempt(c, byService, results.size(), true);
    if (done == null) {
      throw new IllegalStateException("a locked current_status row changed under its lock");
    }
    return done;
  }

  /** One pass over the batch; null when an optimistic status update found a row changed. */
  private Outcome attempt(
      Connection c, Map<Long, List<ResolvedResult>> byService, int size, boolean lock)
      throws SQLException {
    Map<Long, ServiceStatus> current = statusRows.read(c, byService, lock);
    // Newer than the status's last_check_at: cannot be stored yet (see insert). Else: replay or
    // late.
    ResultRows fresh = new ResultRows(size);
    ResultRows stale = new ResultRows(size);
    StatusRows.Updates updates = new StatusRows.Updates();
    List<HardStep> hardSteps = new ArrayList<>();
    for (Map.Entry<Long, List<ResolvedResult>> e : byService.entrySet()) {
      ServiceStatus before = current.get(e.getKey());
      ServiceStatus status = before;
      ResolvedResult latest = null;
      String latestPerf = null;
      for (ResolvedResult r : e.getValue()) {
        String perf = perfdata.toJson(r.result().perfdata());
        CheckStateMachine.Outcome o =
            CheckStateMachine.apply(status, r.result().state(), r.result().checkedAt(), r.config());
        if (o instanceof Applied a) {
          status = a.status();
          latest = r;
          latestPerf = perf;
          fresh.add(r, status.stateType(), status.attempt(), perf);
          a.change().ifPresent(ch -> updates.change(r, ch));
          a.hardChange().ifPresent(h -> hardSteps.add(new HardStep(r, h)));
        } else {
          // Late or replayed: kept as history, outside the state machine.
          stale.add(r, ServiceStatus.HARD, 1, perf);
        }
      }
      if (latest != null) {
        updates.status(latest, before, status, latestPerf);
      }
    }
    // The status update comes first: from here on this transaction holds the row of every service
    // with a fresh result, which is what makes the plain insert of fresh results safe.
    if (!statusRows.updateStatus(c, updates)) {
      return null;
    }
    int stored = insert(c, fresh, stale);
    statusRows.insertChanges(c, updates);
    List<AlertTransition> alerts = new ArrayList<>();
    for (HardStep step : hardSteps) {
      ResolvedResult r = step.result();
      if (step.change().isRecovery()) {
        alertWriter
            .recovery(
                c,
                r.tenantId(),
                r.hostId(),
                r.serviceId(),
                r.result().checkedAt(),
                r.result().output())
            .ifPresent(alerts::add);
      } else {
        alertWriter
            .problem(
                c,
                r.tenantId(),
                r.hostId(),
                r.serviceId(),
                step.change().newHardState(),
                r.result().checkedAt(),
                r.result().output())
            .ifPresent(alerts::add);
      }
    }
    return new Outcome(stored, alerts, lock);
  }

  /**
   * check_results rows of the batch. A stored result never lies after its service's last_check_at
   * (it either advanced it or was older), and every writer holds the service's status row (locked
   * by the guarded update) while it inserts, so an applied result (newer than last_check_at) cannot
   * be stored already: those go in with a plain INSERT, which costs less than half of {@code ON
   * CONFLICT DO NOTHING}'s speculative insertion. Replayed and late results take {@code ON CONFLICT
   * DO NOTHING}, after the fresh ones (a same-time duplicate within the batch is one of them).
   * Should a row written some other way break the rule, the plain insert fails with 23505 inside a
   * savepoint and the fresh rows are inserted with {@code ON CONFLICT DO NOTHING} instead: exactly
   * once either way.
   */
  private static int insert(Connection c, ResultRows fresh, ResultRows stale) throws SQLException {
    int stored = 0;
    if (fresh.size() > 0) {
      Savepoint sp = c.setSavepoint();
      try {
        stored = fresh.insert(c, false);
        c.releaseSavepoint(sp);
      } catch (SQLException e) {
        if (!"23505".equals(e.getSQLState())) {
          throw e;
        }
        c.rollback(sp);
        stored = fresh.insert(c, true);
      }
    }
    return stored + stale.insert(c, true);
  }

  private record HardStep(ResolvedResult result, CheckStateMachine.HardChange change) {}

  /** Instant to epoch millis for the bigint[] columns; null stays null. */
  static Long millis(Instant t) {
    return t == null ? null : t.toEpochMilli();
  }
}
