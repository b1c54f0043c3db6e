package io.vesana.baselines;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Recomputes every baseline: for each service that had a result in the window [now - window, now)
 * (its current_status says so, so idle services cost nothing), per numeric perfdata label, count,
 * mean, sample standard deviation, min and max of the values in the window, kept when there are at
 * least {@code minSamples}. Services are taken {@code batchServices} at a time in (tenant, service)
 * order, one statement (and, under autocommit, one transaction) per batch, reading check_results
 * through its primary key per service: a run never scans the whole table at once and holds no long
 * transaction. Baselines not refreshed by a run (the service went quiet, the metric disappeared,
 * too few samples) are deleted at its end.
 *
 * <p>Stateless apart from its settings; thread-safe. Safe to run twice concurrently (the last
 * writer wins, both compute the same numbers).
 */
public final class BaselineComputation {

  /** What a run did. */
  public record Outcome(int services, long baselines, long removed) {}

  private final Duration window;
  private final int minSamples;
  private final int batchServices;

  public BaselineComputation(Duration window, int minSamples, int batchServices) {
    if (window.toMinutes() < 1 || minSamples < 2 || batchServices < 1) {
      throw new IllegalArgumentException(
          "window must be at least a minute, min samples at least 2, batch at least 1");
    }
    this.window = window;
    this.minSamples = minSamples;
    this.batchServices = batchServices;
  }

  public Outcome run(Connection c, Instant now) throws SQLException {
    Instant from = now.minus(window);
    long afterTenant = 0;
    long afterService = 0;
    int services = 0;
    long baselines = 0;
    while (true) {
      List<long[]> batch = nextBatch(c, from, afterTenant, afterService);
      if (batch.isEmpty()) {
        break;
      }
      services += batch.size();
      baselines += compute(c, batch, from, now);
      long[] last = batch.get(batch.size() - 1);
      afterTenant = last[0];
      afterService = last[1];
    }
    long removed;
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM service_baselines WHERE computed_at < ?")) {
      ps.setTimestamp(1, Timestamp.from(now));
      removed = ps.executeUpdate();
    }
    return new Outcome(services, baselines, removed);
  }

  private List<long[]> nextBatch(Connection c, Instant from, long afterTenant, long afterService)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT tenant_id, service_id FROM current_status WHERE last_check_at >= ?"
                + " AND (tenant_id, service_id) > (?, ?) ORDER BY tenant_id, service_id LIMIT ?")) {
      ps.setTimestamp(1, Timestamp.from(from));
      ps.setLong(2, afterTenant);
      ps.setLong(3, afterService);
      ps.setInt(4, batchServices);
      List<long[]> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new long[] {rs.getLong(1), rs.getLong(2)});
        }
      }
      return out;
    }
  }

  private long compute(Connection c, List<long[]> batch, Instant from, Instant to)
      throws SQLException {
    Long[] tenants = new Long[batch.size()];
    Long[] services = new Long[batch.size()];
    for (int i = 0; i < batch.size(); i++) {
      tenants[i] = batch.get(i)[0];
      services[i] = batch.get(i)[1];
    }
    Array t = c.createArrayOf("bigint", tenants);
    Array s = c.createArrayOf("bigint", services);
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO service_baselines (tenant_id, service_id, metric, window_start,"
                + " window_end, samples, mean, stddev, min_value, max_value, computed_at)"
                + " SELECT r.tenant_id, r.service_id, m->>'label', ?, ?, count(*),"
                + " avg((m->>'value')::float8), coalesce(stddev_samp((m->>'value')::float8), 0),"
                + " min((m->>'value')::float8), max((m->>'value')::float8), ?"
                + " FROM unnest(?::bigint[], ?::bigint[]) AS b (tenant_id, service_id)"
                + " JOIN check_results r ON r.tenant_id = b.tenant_id"
                + " AND r.service_id = b.service_id AND r.checked_at >= ? AND r.checked_at < ?"
                + " CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN"
                + " jsonb_typeof(r.perfdata -> 'metrics') = 'array' THEN r.perfdata -> 'metrics'"
                + " ELSE '[]'::jsonb END) AS m"
                + " WHERE jsonb_typeof(m -> 'value') = 'number' AND m ->> 'label' IS NOT NULL"
                + " GROUP BY r.tenant_id, r.service_id, m->>'label' HAVING count(*) >= ?"
                + " ON CONFLICT (tenant_id, service_id, metric) DO UPDATE SET"
                + " window_start = EXCLUDED.window_start, window_end = EXCLUDED.window_end,"
                + " samples = EXCLUDED.samples, mean = EXCLUDED.mean, stddev = EXCLUDED.stddev,"
                + " min_value = EXCLUDED.min_value, max_value = EXCLUDED.max_value,"
                + " computed_at = EXCLUDED.computed_at")) {
      Timestamp start = Timestamp.from(from);
      Timestamp end = Timestamp.from(to);
      ps.setTimestamp(1, start);
      ps.setTimestamp(2, end);
      ps.setTimestamp(3, end);
      ps.setArray(4, t);
      ps.setArray(5, s);
      ps.setTimestamp(6, start);
      ps.setTimestamp(7, end);
      ps.setInt(8, minSamples);
      return ps.executeUpdate();
    }
  }
}
