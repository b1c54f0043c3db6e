package io.vesana.baselines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vesana.auth.Caller;
import io.vesana.testing.Sql;
import io.vesana.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Baseline math against known data on real PostgreSQL: mean and sample standard deviation per
 * service and metric over the window only, numeric values only, a minimum of samples, batches of
 * services, removal of baselines no longer backed by data, and the read side's band and flag.
 */
class BaselinesIT {

  TestDatabase db;
  Connection c;
  Sql sql;
  long acme;
  long globex;
  long load;
  long other;
  long quiet;
  final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  @BeforeEach
  void world() throws Exception {
    db = TestDatabase.createMigrated();
    c = db.dataSource().getConnection();
    sql = new Sql(c);
    acme = sql.id("INSERT INTO tenants (slug, name) VALUES ('acme', 'Acme') RETURNING id");
    globex = sql.id("INSERT INTO tenants (slug, name) VALUES ('globex', 'Globex') RETURNING id");
    load = service(acme, "web-1", "Load");
    other = service(globex, "db-1", "Load");
    quiet = service(acme, "old-1", "Load");
    // load: "load" 1..10 in the window, plus values that must not count: one before the window,
    // a "U" (null) value; "rare" has too few samples.
    for (int i = 1; i <= 10; i++) {
      String rare = i <= 3 ? "," + metric("rare", 1) : "";
      result(load, now.minus(Duration.ofHours(i * 12L)), metric("load", i) + rare);
    }
    result(load, now.minus(Duration.ofDays(7)).minusSeconds(3600), metric("load", 1000));
    result(load, now.minusSeconds(60), "{\"label\":\"load\",\"value\":null}");
    for (int i = 0; i < 10; i++) {
      result(other, now.minus(Duration.ofHours(i + 1L)), metric("temp", 20));
    }
    result(quiet, now.minus(Duration.ofDays(3)), metric("load", 1));
    status(load, now.minusSeconds(30), metric("load", 15.5));
    status(other, now.minusSeconds(30), metric("temp", 20));
    status(quiet, now.minus(Duration.ofDays(10)), metric("load", 1));
  }

  @AfterEach
  void drop() throws Exception {
    c.close();
    db.close();
  }

  long service(long tenant, String host, String name) throws Exception {
    long h =
        sql.id(
            "INSERT INTO hosts (tenant_id, name) VALUES ("
                + tenant
                + ", '"
                + host
                + "') RETURNING id");
    return sql.id(
        "INSERT INTO host_services (tenant_id, host_id, name, kind, settings) VALUES ("
            + tenant
            + ", "
            + h
            + ", '"
            + name
            + "', 'passive', '{}') RETURNING id");
  }

  static String metric(String label, double value) {
    return "{\"label\":\"" + label + "\",\"value\":" + value + ",\"uom\":\"\"}";
  }

  void result(long service, Instant at, String metrics) throws Exception {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO check_results (tenant_id, service_id, checked_at, state, state_type,"
                + " perfdata, source) SELECT tenant_id, id, ?, 0, 1, ?::jsonb, 'api'"
                + " FROM host_services WHERE id = ?")) {
      ps.setTimestamp(1, Timestamp.from(at));
      ps.setString(2, "{\"metrics\":[" + metrics + "]}");
      ps.setLong(3, service);
      ps.executeUpdate();
    }
  }

  void status(long service, Instant at, String metrics) throws Exception {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO current_status (service_id, tenant_id, host_id, state, last_check_at,"
                + " perfdata) SELECT id, tenant_id, host_id, 0, ?, ?::jsonb FROM host_services"
                + " WHERE id = ?")) {
      ps.setTimestamp(1, Timestamp.from(at));
      ps.setString(2, "{\"metrics\":[" + metrics + "]}");
      ps.setLong(3, service);
      ps.executeUpdate();
    }
  }

  Caller caller(long tenant) {
    return new Caller(1, tenant, "u@x", Set.of("viewer"), Set.of("hosts.read"), Set.of());
  }

  @Test
  void meanAndSampleDeviationOverTheWindowPerServiceAndMetricInBatches() throws Exception {
    BaselineComputation computation = new BaselineComputation(Duration.ofDays(7), 10, 1);
    BaselineComputation.Outcome o = computation.run(c, now);

    assertThat(o.services()).as("the quiet service is not read").isEqualTo(2);
    assertThat(o.baselines()).isEqualTo(2);
    assertThat(sql.string("SELECT string_agg(metric, ',' ORDER BY metric) FROM service_baselines"))
        .as("rare has 3 samples, fewer than 10")
        .isEqualTo("load,temp");
    List<BaselineView> mine =
        new BaselineQueries(db.dataSource()).ofService(caller(acme), load).orElseThrow();
    BaselineView l = mine.stream().filter(b -> b.metric().equals("load")).findFirst().orElseThrow();
    assertThat(l.samples()).isEqualTo(10);
    assertThat(l.mean()).isCloseTo(5.5, within(1e-9));
    assertThat(l.stddev()).isCloseTo(Math.sqrt(55.0 / 6.0), within(1e-9));
    assertThat(l.min()).isEqualTo(1.0);
    assertThat(l.max()).isEqualTo(10.0);
    assertThat(l.windowStart()).isEqualTo(now.minus(Duration.ofDays(7)));
    assertThat(l.current()).isEqualTo(15.5);
    assertThat(l.anomalous(4)).as("15.5 < 5.5 + 4 * 3.03 = 17.6").isFalse();
    assertThat(l.anomalous(3)).as("15.5 > 5.5 + 3 * 3.03 = 14.58").isTrue();
    assertThat(l.upper(3)).isCloseTo(5.5 + 3 * Math.sqrt(55.0 / 6.0), within(1e-9));
    assertThat(l.lower(3)).isCloseTo(5.5 - 3 * Math.sqrt(55.0 / 6.0), within(1e-9));

    assertThat(new BaselineQueries(db.dataSource()).ofService(caller(acme), other))
        .as("another tenant's service is not found")
        .isEmpty();
    BaselineView temp =
        new BaselineQueries(db.dataSource()).ofService(caller(globex), other).orElseThrow().get(0);
    assertThat(temp.stddev()).isZero();
    assertThat(temp.anomalous(3)).as("a constant metric at its constant").isFalse();
  }

  @Test
  void aRerunReplacesTheNumbersAndRemovesBaselinesNoLongerBackedByData() throws Exception {
    BaselineComputation computation = new BaselineComputation(Duration.ofDays(7), 10, 500);
    computation.run(c, now);
    sql.exec("DELETE FROM check_results WHERE service_id = " + other);
    result(load, now.minusSeconds(10), metric("load", 100));
    BaselineComputation.Outcome o = computation.run(c, now.plusSeconds(1));
    assertThat(o.removed()).as("temp lost its data").isEqualTo(1);
    assertThat(sql.string("SELECT samples || ' ' || max_value FROM service_baselines"))
        .isEqualTo("11 100");
  }
}
