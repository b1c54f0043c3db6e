package io.vesana.bench;

import java.io.IOException;
import java.io.Reader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The in-run ceiling: raw {@code COPY} of rows shaped like the benchmark's results (same tenant,
 * same services, same output and perfdata sizes) into the same {@code check_results} table, with
 * nothing else in the path. The rows are dated three days back so they never meet the load's, and
 * deleted afterwards.
 */
final class CopyCeiling {

  record Result(long rows, double seconds) {
    double rowsPerSecond() {
      return rows / seconds;
    }
  }

  static Result measure(Connection c, long tenantId, long rows) throws SQLException, IOException {
    List<Long> services = serviceIds(c, tenantId);
    Instant base = Instant.now().minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
    CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
    long start = System.nanoTime();
    long copied =
        copy.copyIn(
            "COPY check_results (tenant_id, service_id, checked_at, received_at, state, state_type,"
                + " attempt, output, perfdata, execution_ms, source) FROM STDIN",
            new RowReader(tenantId, services, base, rows));
    double seconds = (System.nanoTime() - start) / 1e9;
    try (PreparedStatement del =
        c.prepareStatement(
            "DELETE FROM check_results WHERE tenant_id = ? AND checked_at >= ? AND checked_at < ?")) {
      del.setLong(1, tenantId);
      del.setObject(2, java.sql.Timestamp.from(base));
      del.setObject(3, java.sql.Timestamp.from(base.plus(1, ChronoUnit.DAYS)));
      del.executeUpdate();
    }
    return new Result(copied, seconds);
  }

  static List<Long> serviceIds(Connection c, long tenantId) throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement("SELECT id FROM host_services WHERE tenant_id = ? ORDER BY id")) {
      ps.setLong(1, tenantId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
      }
    }
    return ids;
  }

  /** Generates COPY text rows on the fly, so memory stays flat whatever the row count. */
  private static final class RowReader extends Reader {
    private final long tenantId;
    private final List<Long> services;
    private final Instant base;
    private final long rows;
    private long next;
    private String pending = "";
    private int pos;

    RowReader(long tenantId, List<Long> services, Instant base, long rows) {
      this.tenantId = tenantId;
      this.services = services;
      this.base = base;
      this.rows = rows;
    }

    @Override
    public int read(char[] buf, int off, int len) {
      if (pos == pending.length()) {
        if (next == rows) {
          return -1;
        }
        pending = row(next++);
        pos = 0;
      }
      int n = Math.min(len, pending.length() - pos);
      pending.getChars(pos, pos + n, buf, off);
      pos += n;
      return n;
    }

    private String row(long i) {
      long service = services.get((int) (i % services.size()));
      Instant at = base.plusMillis(i / services.size() * 1000 + i % 1000);
      return tenantId
          + "\t"
          + service
          + "\t"
          + at
          + "\t"
          + at
          + "\t0\t1\t1\t"
          + LoadGenerator.OUTPUT
          + "\t"
          + LoadGenerator.PERFDATA_JSON
          + "\t12\tagent\n";
    }

    @Override
    public void close() {}
  }
}
