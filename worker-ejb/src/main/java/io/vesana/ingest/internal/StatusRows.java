package io.vesana.ingest.internal;

import io.vesana.checks.CheckStateMachine;
import io.vesana.checks.ServiceStatus;
import io.vesana.ingest.ResolvedResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * current_status and state_changes for one batch. Rows are read either plainly (optimistic: the
 * update is guarded by the {@code last_check_at} that was read) or locked {@code FOR UPDATE} in
 * service id order (pessimistic: two workers with overlapping batches queue instead of
 * deadlocking). A service's first result inserts its (default, pending) row first, so every
 * evaluated service has a row. Updates run in service id order too. Every statement names tenant_id
 * (plain JDBC is not seen by the tenant filter).
 */
final class StatusRows {

  private static final String READ =
      "SELECT cs.service_id, cs.state, cs.state_type, cs.attempt, cs.last_hard_state,"
          + " cs.last_check_at, cs.last_change_at, cs.last_hard_change_at, cs.last_ok_at"
          + " FROM current_status cs"
          + " JOIN unnest(?::bigint[], ?::bigint[]) AS u(t, s)"
          + " ON cs.tenant_id = u.t AND cs.service_id = u.s";

  private static final String LOCK = READ + " ORDER BY cs.service_id FOR UPDATE OF cs";

  private static final String CREATE =
      "INSERT INTO current_status (service_id, tenant_id, host_id)"
          + " SELECT s, t, h FROM unnest(?::bigint[], ?::bigint[], ?::bigint[]) AS u(s, t, h)"
          + " ORDER BY s ON CONFLICT (service_id) DO NOTHING";

  private static final String UPDATE =
      "UPDATE current_status cs SET state = u.st, state_type = u.sty, attempt = u.att,"
          + " last_hard_state = u.hst,"
          + " last_check_at = timestamptz 'epoch' + u.chk * interval '1 millisecond',"
          + " next_check_due_at = timestamptz 'epoch' + u.due * interval '1 millisecond',"
          + " last_change_at = timestamptz 'epoch' + u.chg * interval '1 millisecond',"
          + " last_hard_change_at = timestamptz 'epoch' + u.hchg * interval '1 millisecond',"
          + " last_ok_at = timestamptz 'epoch' + u.ok * interval '1 millisecond',"
          + " output = u.o, long_output = u.lo, perfdata = u.p::jsonb, latency_ms = u.lat,"
          + " execution_ms = u.ex, updated_at = clock_timestamp()"
          + " FROM unnest(?::bigint[], ?::bigint[], ?::smallint[], ?::smallint[], ?::smallint[],"
          + " ?::smallint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[],"
          + " ?::text[], ?::text[], ?::text[], ?::integer[], ?::integer[], ?::bigint[])"
          + " AS u(t, s, st, sty, att, hst, chk, due, chg, hchg, ok, o, lo, p, lat, ex, prev)"
          + " WHERE cs.tenant_id = u.t AND cs.service_id = u.s"
          // The guard: unchanged since it was read (re-checked after waiting for a row lock).
          + " AND cs.last_check_at IS NOT DISTINCT FROM"
          + " timestamptz 'epoch' + u.prev * interval '1 millisecond'";

  private static final String CHANGES =
      "INSERT INTO state_changes (tenant_id, host_id, service_id, changed_at, old_state,"
          + " new_state, state_type, attempt, output)"
          + " SELECT t, h, s, timestamptz 'epoch' + c * interval '1 millisecond', os, ns, sty, att, o"
          + " FROM unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::smallint[],"
          + " ?::smallint[], ?::smallint[], ?::smallint[], ?::text[])"
          + " AS u(t, h, s, c, os, ns, sty, att, o)";

  /**
   * Reads (creating where missing) the status rows of the batch's services; with {@code lock},
   * locks them too.
   */
  Map<Long, ServiceStatus> read(
      Connection c, Map<Long, List<ResolvedResult>> byService, boolean lock) throws SQLException {
    String sql = lock ? LOCK : READ;
    Map<Long, ServiceStatus> found =
        select(c, sql, byService.keySet().stream().toList(), byService);
    if (found.size() < byService.size()) {
      List<Long> missing =
          byService.keySet().stream().filter(id -> !found.containsKey(id)).toList();
      try (PreparedStatement ps = c.prepareStatement(CREATE)) {
        ps.setObject(1, missing.stream().mapToLong(Long::longValue).toArray());
        ps.setObject(
            2, missing.stream().mapToLong(id -> byService.get(id).get(0).tenantId()).toArray());
        ps.setObject(
            3, missing.stream().mapToLong(id -> byService.get(id).get(0).hostId()).toArray());
        ps.executeUpdate();
      }
      found.putAll(select(c, sql, missing, byService));
    }
    return found;
  }

  private static Map<Long, ServiceStatus> select(
      Connection c, String sql, List<Long> ids, Map<Long, List<ResolvedResult>> byService)
      throws SQLException {
    Map<Long, ServiceStatus> out = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, ids.stream().mapToLong(id -> byService.get(id).get(0).tenantId()).toArray());
      ps.setObject(2, ids.stream().mapToLong(Long::longValue).toArray());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Instant lastCheck = instant(rs.getTimestamp(6));
          out.put(
              rs.getLong(1),
              lastCheck == null
                  ? ServiceStatus.pending()
                  : new ServiceStatus(
                      rs.getInt(2),
                      rs.getInt(3),
                      rs.getInt(4),
                      rs.getInt(5),
                      lastCheck,
                      instant(rs.getTimestamp(7)),
                      instant(rs.getTimestamp(8)),
                      instant(rs.getTimestamp(9))));
        }
      }
    }
    return out;
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }

  /** Status updates (latest per service) and state changes collected while evaluating. */
  static final class Updates {
    private final List<Object[]> status = new ArrayList<>();
    private final List<Object[]> changes = new ArrayList<>();

    /** {@code before} is the status as read; the update applies only if it is still current. */
    void status(ResolvedResult r, ServiceStatus before, ServiceStatus s, String perfJson) {
      status.add(
          new Object[] {
            r.tenantId(),
            r.serviceId(),
            s.state(),
            s.stateType(),
            s.attempt(),
            s.lastHardState(),
            JdbcResultStore.millis(s.lastCheckAt()),
            JdbcResultStore.millis(CheckStateMachine.nextCheckDue(s, r.config())),
            JdbcResultStore.millis(s.lastChangeAt()),
            JdbcResultStore.millis(s.lastHardChangeAt()),
            JdbcResultStore.millis(s.lastOkAt()),
            r.result().output(),
            r.result().longOutput(),
            perfJson,
            ResultRows.latencyMs(r),
            r.result().executionMs(),
            JdbcResultStore.millis(before.lastCheckAt())
          });
    }

    void change(ResolvedResult r, CheckStateMachine.Change ch) {
      changes.add(
          new Object[] {
            r.tenantId(),
            r.hostId(),
            r.serviceId(),
            r.result().checkedAt().toEpochMilli(),
            ch.oldState(),
            ch.newState(),
            ch.stateType(),
            ch.attempt(),
            r.result().output()
          });
    }
  }

  private static final String[] STATUS_TYPES = {
    "bigint", "bigint", "int4", "int4", "int4", "int4", "bigint", "bigint", "bigint", "bigint",
    "bigint", "text", "text", "text", "int4", "int4", "bigint"
  };

  private static final String[] CHANGE_TYPES = {
    "bigint", "bigint", "bigint", "bigint", "int4", "int4", "int4", "int4", "text"
  };

  /**
   * Applies the status updates; returns false, having changed nothing that matters, if any row's
   * {@code last_check_at} is no longer the one that was read (another worker stored a newer result
   * of that service in between). The caller then rolls back and retries under locks.
   */
  boolean updateStatus(Connection c, Updates u) throws SQLException {
    return columns(c, UPDATE, STATUS_TYPES, u.status) == u.status.size();
  }

  void insertChanges(Connection c, Updates u) throws SQLException {
    columns(c, CHANGES, CHANGE_TYPES, u.changes);
  }

  /**
   * Runs {@code sql} with one array parameter per column of {@code rows}. Typed arrays (Long[],
   * Integer[], String[]) go to the server in binary; Object[] would be formatted as array text.
   */
  private static int columns(Connection c, String sql, String[] types, List<Object[]> rows)
      throws SQLException {
    if (rows.isEmpty()) {
      return 0;
    }
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int col = 0; col < types.length; col++) {
        Object[] values =
            switch (types[col]) {
              case "bigint" -> new Long[rows.size()];
              case "int4" -> new Integer[rows.size()];
              default -> new String[rows.size()];
            };
        for (int i = 0; i < values.length; i++) {
          values[i] = rows.get(i)[col];
        }
        ps.setObject(col + 1, values);
      }
      return ps.executeUpdate();
    }
  }
}
