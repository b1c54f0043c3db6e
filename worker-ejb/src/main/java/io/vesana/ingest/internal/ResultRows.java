package io.vesana.ingest.internal;

import io.vesana.ingest.ResolvedResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The check_results rows of one batch, written with a single {@code INSERT ... SELECT FROM
 * unnest(...)}: one round trip and one plan for any batch size. Times travel as epoch milliseconds,
 * which is exact.
 */
final class ResultRows {

  private static final String INSERT =
      "INSERT INTO check_results (tenant_id, service_id, checked_at, received_at, state,"
          + " state_type, attempt, output, long_output, perfdata, latency_ms, execution_ms, source)"
          + " SELECT t, s, timestamptz 'epoch' + c * interval '1 millisecond',"
          + " timestamptz 'epoch' + r * interval '1 millisecond', st, sty, att, o, lo, p::jsonb,"
          + " lat, ex, src"
          + " FROM unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::smallint[],"
          + " ?::smallint[], ?::smallint[], ?::text[], ?::text[], ?::text[], ?::integer[],"
          + " ?::integer[], ?::text[])"
          + " AS u(t, s, c, r, st, sty, att, o, lo, p, lat, ex, src)"
          + " ON CONFLICT DO NOTHING";

  private final List<Object> tenant;
  private final List<Object> service;
  private final List<Object> checked;
  private final List<Object> received;
  private final List<Object> state;
  private final List<Object> stateType;
  private final List<Object> attempt;
  private final List<Object> output;
  private final List<Object> longOutput;
  private final List<Object> perfdata;
  private final List<Object> latency;
  private final List<Object> execution;
  private final List<Object> source;

  ResultRows(int capacity) {
    tenant = new ArrayList<>(capacity);
    service = new ArrayList<>(capacity);
    checked = new ArrayList<>(capacity);
    received = new ArrayList<>(capacity);
    state = new ArrayList<>(capacity);
    stateType = new ArrayList<>(capacity);
    attempt = new ArrayList<>(capacity);
    output = new ArrayList<>(capacity);
    longOutput = new ArrayList<>(capacity);
    perfdata = new ArrayList<>(capacity);
    latency = new ArrayList<>(capacity);
    execution = new ArrayList<>(capacity);
    source = new ArrayList<>(capacity);
  }

  void add(ResolvedResult r, int type, int attemptNo, String perfJson) {
    tenant.add(r.tenantId());
    service.add(r.serviceId());
    checked.add(r.result().checkedAt().toEpochMilli());
    received.add(r.entry().receivedAt().toEpochMilli());
    state.add(r.result().state());
    stateType.add(type);
    attempt.add(attemptNo);
    output.add(r.result().output());
    longOutput.add(r.result().longOutput());
    perfdata.add(perfJson);
    latency.add(latencyMs(r));
    execution.add(r.result().executionMs());
    source.add(r.entry().source());
  }

  /** Receive delay of the result, never negative (sender clocks may run ahead). */
  static Integer latencyMs(ResolvedResult r) {
    long ms = Duration.between(r.result().checkedAt(), r.entry().receivedAt()).toMillis();
    return (int) Math.max(0, Math.min(Integer.MAX_VALUE, ms));
  }

  /** Returns the number of rows actually inserted (duplicates excluded). */
  int insert(Connection c) throws SQLException {
    if (tenant.isEmpty()) {
      return 0;
    }
    try (PreparedStatement ps = c.prepareStatement(INSERT)) {
      int i = 1;
      ps.setArray(i++, c.createArrayOf("bigint", tenant.toArray()));
      ps.setArray(i++, c.createArrayOf("bigint", service.toArray()));
      ps.setArray(i++, c.createArrayOf("bigint", checked.toArray()));
      ps.setArray(i++, c.createArrayOf("bigint", received.toArray()));
      ps.setArray(i++, c.createArrayOf("int4", state.toArray()));
      ps.setArray(i++, c.createArrayOf("int4", stateType.toArray()));
      ps.setArray(i++, c.createArrayOf("int4", attempt.toArray()));
      ps.setArray(i++, c.createArrayOf("text", output.toArray()));
      ps.setArray(i++, c.createArrayOf("text", longOutput.toArray()));
      ps.setArray(i++, c.createArrayOf("text", perfdata.toArray()));
      ps.setArray(i++, c.createArrayOf("int4", latency.toArray()));
      ps.setArray(i++, c.createArrayOf("int4", execution.toArray()));
      ps.setArray(i, c.createArrayOf("text", source.toArray()));
      return ps.executeUpdate();
    }
  }
}
