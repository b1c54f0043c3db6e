package io.vesana.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * CPU time, not wall time, of the two sides of an ingest run: this JVM (the worker) and the
 * PostgreSQL backends serving this test's database (read from /proc, Linux only). CPU time per
 * result barely moves when other work shares the machine, which wall-clock rows/s does (by 2-3x on
 * our shared 2-core machine), so it is what tells whether a change made the write path cheaper.
 */
final class CpuMeter {

  private final DataSource dataSource;
  private long jvmStart;
  private final Map<Integer, Long> pgStart = new HashMap<>();

  CpuMeter(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  void start() throws SQLException {
    jvmStart = jvmNanos();
    pgStart.clear();
    pgStart.putAll(backends());
  }

  /** CPU nanoseconds since {@link #start()}: {jvm, postgresql}. */
  long[] elapsed() throws SQLException {
    long pg = 0;
    for (Map.Entry<Integer, Long> e : backends().entrySet()) {
      pg += e.getValue() - pgStart.getOrDefault(e.getKey(), 0L);
    }
    return new long[] {jvmNanos() - jvmStart, pg};
  }

  private static long jvmNanos() {
    return processNanos("self");
  }

  /** utime + stime of a process, in nanoseconds (clock ticks of 10 ms: USER_HZ is 100). */
  private static long processNanos(String pid) {
    try {
      String stat = Files.readString(Path.of("/proc", pid, "stat"), StandardCharsets.US_ASCII);
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L;
    } catch (IOException | RuntimeException e) {
      return 0; // not Linux, or the process just ended: counted as nothing
    }
  }

  /** CPU nanoseconds so far of each client backend connected to this database. */
  private Map<Integer, Long> backends() throws SQLException {
    Map<Integer, Long> out = new HashMap<>();
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
                    + " AND backend_type = 'client backend'")) {
      while (rs.next()) {
        int pid = rs.getInt(1);
        out.put(pid, processNanos(Integer.toString(pid)));
      }
    }
    return out;
  }
}
