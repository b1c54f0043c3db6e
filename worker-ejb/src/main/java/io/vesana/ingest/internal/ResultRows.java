package io.vesana.ingest.internal;

import io.vesana.ingest.ResolvedResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;

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
          + " AS u(t, s, c, r, st, sty, att, o, lo, p, lat, ex, src)";

  private static final String INSERT_OR_SKIP = INSERT + " ON CONFLICT DO NOTHING";

  private final int capacity;
  private int size;
  private final long[] tenant;
  private final long[] service;
  private final long[] checked;
  private final long[] received;
  private final short[] state;
  private final short[] stateType;
  private final short[] attempt;
  private final String[] output;
  private final String[] longOutput;
  private final String[] perfdata;
  private final int[] latency;
  private final Integer[] execution;
  private final String[] source;

  ResultRows(int capacity) {
    this.capacity = capacity;
    tenant = new long[capacity];
    service = new long[capacity];
    checked = new long[capacity];
    received = new long[capacity];
    state = new short[capacity];
    stateType = new short[capacity];
    attempt = new short[capacity];
    output = new String[capacity];
    longOutput = new String[capacity];
    perfdata = new String[capacity];
    latency = new int[capacity];
    execution = new Integer[capacity];
    source = new String[capacity];
  }

  int size() {
    return size;
  }

  void add(ResolvedResult r, int type, int attemptNo, String perfJson) {
    if (size == capacity) {
      throw new IllegalStateException("more rows than the batch has results");
    }
    int i = size++;
    tenant[i] = r.tenantId();
    service[i] = r.serviceId();
    checked[i] = r.result().checkedAt().toEpochMilli();
    received[i] = r.entry().receivedAt().toEpochMilli();
    state[i] = (short) r.result().state();
    stateType[i] = (short) type;
    attempt[i] = (short) attemptNo;
    output[i] = r.result().output();
    longOutput[i] = r.result().longOutput();
    perfdata[i] = perfJson;
    latency[i] = latencyMs(r);
    execution[i] = r.result().executionMs();
    source[i] = r.entry().source();
  }

  /** Receive delay of the result, never negative (sender clocks may run ahead). */
  static int latencyMs(ResolvedResult r) {
    long ms = Duration.between(r.result().checkedAt(), r.entry().receivedAt()).toMillis();
    return (int) Math.max(0, Math.min(Integer.MAX_VALUE, ms));
  }

  /**
   * Inserts the rows; with {@code skipDuplicates}, {@code ON CONFLICT DO NOTHING} skips rows whose
   * key exists, otherwise a duplicate fails the statement (SQLSTATE 23505). Returns the number of
   * rows actually inserted. Typed arrays (long[], short[], int[], Integer[], String[]) let pgjdbc
   * send the parameters in binary instead of formatting and escaping an array literal per column.
   */
  int insert(Connection c, boolean skipDuplicates) throws SQLException {
    if (size == 0) {
      return 0;
    }
    try (PreparedStatement ps = c.prepareStatement(skipDuplicates ? INSERT_OR_SKIP : INSERT)) {
      int i = 1;
      ps.setObject(i++, Arrays.copyOf(tenant, size));
      ps.setObject(i++, Arrays.copyOf(service, size));
      ps.setObject(i++, Arrays.copyOf(checked, size));
      ps.setObject(i++, Arrays.copyOf(received, size));
      ps.setObject(i++, Arrays.copyOf(state, size));
      ps.setObject(i++, Arrays.copyOf(stateType, size));
      ps.setObject(i++, Arrays.copyOf(attempt, size));
      ps.setObject(i++, Arrays.copyOf(output, size));
      ps.setObject(i++, Arrays.copyOf(longOutput, size));
      ps.setObject(i++, Arrays.copyOf(perfdata, size));
      ps.setObject(i++, Arrays.copyOf(latency, size));
      ps.setObject(i++, Arrays.copyOf(execution, size));
      ps.setObject(i, Arrays.copyOf(source, size));
      return ps.executeUpdate();
    }
  }
}
