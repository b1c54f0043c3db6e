package io.vesana.reports;

import static org.assertj.core.api.Assertions.assertThat;

import io.vesana.auth.Caller;
import io.vesana.reports.AvailabilityQuery.Target;
import io.vesana.testing.Sql;
import io.vesana.testing.TestDatabase;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Availability from real state_changes, downtimes and host groups rows. */
class AvailabilityReportsIT {

  static final Instant FROM = Instant.parse("2025-03-01T00:00:00Z");
  static final Instant TO = Instant.parse("2025-03-02T00:00:00Z"); // 24 h

  TestDatabase db;
  Connection c;
  Sql sql;
  AvailabilityReports reports;
  long tenant;
  long other;
  long group;
  long host;
  long web;
  long db1;

  @BeforeEach
  void setUp() throws Exception {
    db = TestDatabase.createMigrated();
    c = db.dataSource().getConnection();
    sql = new Sql(c);
    reports = new AvailabilityReports(db.dataSource(), 31);
    tenant = sql.id("INSERT INTO tenants (slug, name) VALUES ('acme', 'Acme') RETURNING id");
    other = sql.id("INSERT INTO tenants (slug, name) VALUES ('globex', 'Globex') RETURNING id");
    long parent =
        sql.id(
            "INSERT INTO host_groups (tenant_id, name) VALUES (" + tenant + ", 'dc') RETURNING id");
    group =
        sql.id(
            "INSERT INTO host_groups (tenant_id, parent_id, name) VALUES ("
                + tenant
                + ", "
                + parent
                + ", 'rack') RETURNING id");
    host =
        sql.id(
            "INSERT INTO hosts (tenant_id, name, host_group_id) VALUES ("
                + tenant
                + ", 'web1', "
                + group
                + ") RETURNING id");
    web = service(tenant, host, "http");
    db1 = service(tenant, host, "disk");
  }

  @AfterEach
  void tearDown() throws Exception {
    c.close();
    db.close();
  }

  long service(long t, long h, String name) throws Exception {
    return sql.id(
        "INSERT INTO host_services (tenant_id, host_id, name, kind, settings) VALUES ("
            + t
            + ", "
            + h
            + ", '"
            + name
            + "', 'ping', '{}') RETURNING id");
  }

  void change(long service, String at, int from, int to, int type) throws Exception {
    sql.exec(
        "INSERT INTO state_changes (tenant_id, host_id, service_id, changed_at, old_state,"
            + " new_state, state_type) VALUES ("
            + tenant
            + ", "
            + host
            + ", "
            + service
            + ", '"
            + at
            + "', "
            + from
            + ", "
            + to
            + ", "
            + type
            + ")");
  }

  Caller admin(long t) {
    return new Caller(1, t, "a@x", Set.of("tenant_admin"), Set.of("reports.read"), Set.of());
  }

  ServiceAvailability line(List<ServiceAvailability> page, long service) {
    return page.stream().filter(s -> s.serviceId() == service).findFirst().orElseThrow();
  }

  @Test
  void theStateBeforeThePeriodAndHardChangesInItMakeTheTimes() throws Exception {
    change(web, "2025-02-27T00:00:00Z", 3, 2, 1); // critical since before the period
    change(web, "2025-03-01T06:00:00Z", 2, 0, 1); // recovered at 06:00
    change(web, "2025-03-01T12:00:00Z", 0, 2, 0); // soft problem: ignored
    change(web, "2025-03-01T12:05:00Z", 2, 0, 0);
    change(web, "2025-03-01T18:00:00Z", 0, 1, 1); // warning 18:00..end
    change(web, "2025-03-02T01:00:00Z", 1, 0, 1); // after the period: ignored

    var page =
        reports
            .page(admin(tenant), new AvailabilityQuery(FROM, TO, Target.HOST, host, false), 0, 10)
            .orElseThrow();

    assertThat(page).extracting(ServiceAvailability::serviceName).containsExactly("http", "disk");
    var t = line(page, web).times();
    assertThat(t.criticalMs()).isEqualTo(6 * 3_600_000L);
    assertThat(t.okMs()).isEqualTo(12 * 3_600_000L);
    assertThat(t.warningMs()).isEqualTo(6 * 3_600_000L);
    assertThat(t.availabilityPercent()).isEqualTo(50.0);
    var d = line(page, db1).times();
    assertThat(d.noDataMs()).as("never checked").isEqualTo(24 * 3_600_000L);
    assertThat(d.availabilityPercent()).isNull();
  }

  @Test
  void withoutAnEarlierChangeTheFirstChangesOldStateIsTheStartingState() throws Exception {
    change(web, "2025-03-01T18:00:00Z", 2, 0, 1);
    var t =
        reports
            .page(admin(tenant), new AvailabilityQuery(FROM, TO, Target.SERVICE, web, false), 0, 10)
            .orElseThrow()
            .get(0)
            .times();
    assertThat(t.criticalMs()).isEqualTo(18 * 3_600_000L);
    assertThat(t.okMs()).isEqualTo(6 * 3_600_000L);
  }

  @Test
  void oneOffDowntimesOfTheServiceHostOrAncestorGroupAreLeftOutWhenAsked() throws Exception {
    change(web, "2025-02-01T00:00:00Z", 0, 2, 1); // critical the whole period
    sql.exec(
        "INSERT INTO downtimes (tenant_id, scope, host_group_id, starts_at, ends_at, comment)"
            + " SELECT "
            + tenant
            + ", 'host_group', parent_id, '2025-03-01T00:00:00Z', '2025-03-01T06:00:00Z', 'dc'"
            + " FROM host_groups WHERE id = "
            + group);
    sql.exec(
        "INSERT INTO downtimes (tenant_id, scope, host_id, service_id, starts_at, ends_at,"
            + " cancelled_at, comment) VALUES ("
            + tenant
            + ", 'service', "
            + host
            + ", "
            + web
            + ", '2025-03-01T12:00:00Z', '2025-03-01T20:00:00Z', '2025-03-01T15:00:00Z', 'x')");
    var q = new AvailabilityQuery(FROM, TO, Target.HOST_GROUP, group, true);
    var t = line(reports.page(admin(tenant), q, 0, 10).orElseThrow(), web).times();
    assertThat(t.downtimeMs()).as("6 h + 3 h until cancelled").isEqualTo(9 * 3_600_000L);
    assertThat(t.criticalMs()).isEqualTo(15 * 3_600_000L);

    var counted =
        reports
            .page(admin(tenant), new AvailabilityQuery(FROM, TO, Target.HOST, host, false), 0, 10)
            .orElseThrow();
    assertThat(line(counted, web).times().criticalMs()).isEqualTo(24 * 3_600_000L);
  }

  @Test
  void pagesAreKeysetByServiceIdAndAnotherTenantsTargetIsNotFound() throws Exception {
    var q = new AvailabilityQuery(FROM, TO, Target.HOST, host, false);
    var first = reports.page(admin(tenant), q, 0, 1).orElseThrow();
    var second = reports.page(admin(tenant), q, first.get(0).serviceId(), 1).orElseThrow();
    assertThat(first).hasSize(1);
    assertThat(second).extracting(ServiceAvailability::serviceId).containsExactly(db1);
    assertThat(reports.page(admin(other), q, 0, 10)).isEmpty();
    assertThat(
            reports.page(
                admin(other),
                new AvailabilityQuery(FROM, TO, Target.HOST_GROUP, group, false),
                0,
                1))
        .isEmpty();
  }
}
