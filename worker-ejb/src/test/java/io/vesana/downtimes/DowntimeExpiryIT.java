package io.vesana.downtimes;

import static org.assertj.core.api.Assertions.assertThat;

import io.vesana.alerts.AlertTransition;
import io.vesana.downtimes.internal.JdbcDowntimes;
import io.vesana.testing.Sql;
import io.vesana.testing.TestDatabase;
import java.sql.Connection;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Downtime lookup, suppression and the expiry watcher's work on a migrated database: coverage by
 * service, host (with and without children) and nested host group; flags and alert events follow
 * downtimes in and out; one-offs end once with an audit record.
 */
class DowntimeExpiryIT {

  TestDatabase db;
  Connection c;
  Sql sql;
  long tenant;
  long other;
  long parentGroup;
  long childGroup;
  long web;
  long db1;
  long cpu;
  long disk;
  long query;
  long user;
  final JdbcDowntimes rows = new JdbcDowntimes();
  final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  @BeforeEach
  void seed() throws Exception {
    db = TestDatabase.createMigrated();
    c = db.dataSource().getConnection();
    sql = new Sql(c);
    tenant = sql.id("INSERT INTO tenants (slug, name) VALUES ('acme', 'acme') RETURNING id");
    other = sql.id("INSERT INTO tenants (slug, name) VALUES ('globex', 'globex') RETURNING id");
    user =
        sql.id(
            "INSERT INTO users (tenant_id, email, display_name) VALUES ("
                + tenant
                + ", 'a@acme.test', 'A') RETURNING id");
    parentGroup = sql.id(group("dc", null));
    childGroup = sql.id(group("rack", parentGroup));
    web = sql.id("INSERT INTO hosts (tenant_id, name) VALUES (" + tenant + ", 'web') RETURNING id");
    db1 =
        sql.id(
            "INSERT INTO hosts (tenant_id, name, host_group_id) VALUES ("
                + tenant
                + ", 'db1', "
                + childGroup
                + ") RETURNING id");
    cpu = service(web, "CPU");
    disk = service(web, "Disk");
    query = service(db1, "Query");
    sql.exec(
        "INSERT INTO current_status (service_id, tenant_id, host_id) SELECT id, tenant_id, host_id"
            + " FROM host_services");
    sql.exec("INSERT INTO host_status (host_id, tenant_id) SELECT id, tenant_id FROM hosts");
  }

  @AfterEach
  void close() throws Exception {
    c.close();
    db.close();
  }

  private String group(String name, Long parent) {
    return "INSERT INTO host_groups (tenant_id, name, parent_id) VALUES ("
        + tenant
        + ", '"
        + name
        + "', "
        + parent
        + ") RETURNING id";
  }

  private long service(long host, String name) throws Exception {
    return sql.id(
        "INSERT INTO host_services (tenant_id, host_id, name, kind, settings) VALUES ("
            + tenant
            + ", "
            + host
            + ", '"
            + name
            + "', 'passive', '{}') RETURNING id");
  }

  private long downtime(
      DowntimeScope scope,
      Long host,
      Long service,
      Long group,
      boolean children,
      DowntimeSchedule s)
      throws Exception {
    return rows.insert(
        c,
        tenant,
        new DowntimeDraft(null, scope, host, service, group, children, s, "maintenance"),
        user);
  }

  private DowntimeSchedule now(Duration before, Duration after) {
    return DowntimeSchedule.oneOff(now.minus(before), now.plus(after));
  }

  private Long lookup(long host, Long service) throws Exception {
    return new DowntimeLookup().inDowntime(c, tenant, host, service, now).orElse(null);
  }

  @Test
  void lookupFindsServiceHostAndNestedGroupDowntimes() throws Exception {
    assertThat(lookup(web, cpu)).isNull();
    long onDisk =
        downtime(
            DowntimeScope.SERVICE,
            web,
            disk,
            null,
            true,
            now(Duration.ofHours(1), Duration.ofHours(1)));
    assertThat(lookup(web, disk)).isEqualTo(onDisk);
    assertThat(lookup(web, cpu)).as("other service of the host").isNull();
    assertThat(lookup(web, null)).as("the host itself").isNull();

    long hostOnly =
        downtime(
            DowntimeScope.HOST,
            web,
            null,
            null,
            false,
            now(Duration.ofHours(1), Duration.ofHours(1)));
    assertThat(lookup(web, null)).isEqualTo(hostOnly);
    assertThat(lookup(web, cpu)).as("host without children").isNull();

    long onParent =
        downtime(
            DowntimeScope.HOST_GROUP,
            null,
            null,
            parentGroup,
            true,
            now(Duration.ofHours(1), Duration.ofHours(1)));
    assertThat(lookup(db1, query)).isEqualTo(onParent);
    assertThat(lookup(db1, null)).isEqualTo(onParent);
  }

  @Test
  void groupDowntimeWithoutChildrenDoesNotReachNestedGroups() throws Exception {
    downtime(
        DowntimeScope.HOST_GROUP,
        null,
        null,
        parentGroup,
        false,
        now(Duration.ofHours(1), Duration.ofHours(1)));
    assertThat(lookup(db1, query)).isNull();
  }

  @Test
  void pastFutureCancelledAndOtherTenantsDowntimesDoNotCount() throws Exception {
    downtime(
        DowntimeScope.SERVICE,
        web,
        cpu,
        null,
        true,
        DowntimeSchedule.oneOff(now.minus(Duration.ofHours(2)), now.minus(Duration.ofHours(1))));
    downtime(
        DowntimeScope.SERVICE,
        web,
        cpu,
        null,
        true,
        DowntimeSchedule.oneOff(now.plus(Duration.ofHours(1)), now.plus(Duration.ofHours(2))));
    long cancelled =
        downtime(
            DowntimeScope.SERVICE,
            web,
            cpu,
            null,
            true,
            now(Duration.ofHours(1), Duration.ofHours(1)));
    rows.cancel(c, tenant, cancelled, user);
    assertThat(lookup(web, cpu)).isNull();
    assertThat(new DowntimeLookup().inDowntime(c, other, web, cpu, now)).isEmpty();
  }

  @Test
  void recurringWindowIsDecidedByTheCalendar() throws Exception {
    ZoneId zone = ZoneId.of("Europe/Berlin");
    LocalTime nowLocal = now.atZone(zone).toLocalTime();
    DayOfWeek today = now.atZone(zone).getDayOfWeek();
    // Started 10 minutes ago today, 1 hour long: in downtime; the same on another weekday: not.
    Recurrence active =
        new Recurrence(Set.of(today), nowLocal.minusMinutes(10), Duration.ofHours(1), zone);
    Recurrence elsewhere =
        new Recurrence(Set.of(today.plus(3)), nowLocal.minusMinutes(10), Duration.ofHours(1), zone);
    downtime(
        DowntimeScope.SERVICE,
        web,
        disk,
        null,
        true,
        DowntimeSchedule.recurring(now.minus(Duration.ofDays(30)), null, elsewhere));
    assertThat(lookup(web, disk)).isNull();
    long id =
        downtime(
            DowntimeScope.SERVICE,
            web,
            disk,
            null,
            true,
            DowntimeSchedule.recurring(now.minus(Duration.ofDays(30)), null, active));
    // Skip the minute around local midnight, where "10 minutes ago" is yesterday.
    if (nowLocal.isAfter(LocalTime.of(0, 11))) {
      assertThat(lookup(web, disk)).isEqualTo(id);
    }
  }

  @Test
  void alertOpenedInDowntimeIsFlaggedAndNotNotifiedButRecoveryIsAnnounced() throws Exception {
    long alert = openAlert(web, cpu);
    AlertTransition opened =
        new AlertTransition(tenant, web, cpu, alert, AlertTransition.Kind.OPENED, 2, now, "CRIT");
    DowntimeSuppression suppression = new DowntimeSuppression();
    assertThat(suppression.suppress(c, opened)).isEmpty();
    long id =
        downtime(
            DowntimeScope.HOST,
            web,
            null,
            null,
            true,
            now(Duration.ofHours(1), Duration.ofHours(1)));
    assertThat(suppression.suppress(c, opened)).contains(id);
    assertThat(
            sql.string(
                "SELECT string_agg(kind || ':' || (details->>'downtime_id'), ',')"
                    + " FROM alert_events WHERE alert_id = "
                    + alert))
        .isEqualTo("downtime_started:" + id);
    AlertTransition resolved =
        new AlertTransition(tenant, web, cpu, alert, AlertTransition.Kind.RESOLVED, 0, now, "OK");
    assertThat(suppression.suppress(c, resolved)).isEmpty();
  }

  private long openAlert(long host, Long service) throws Exception {
    return sql.id(
        "INSERT INTO alerts (tenant_id, host_id, service_id, severity, state) VALUES ("
            + tenant
            + ", "
            + host
            + ", "
            + service
            + ", 'critical', 2) RETURNING id");
  }

  @Test
  void watcherFlagsCoveredRowsRecordsEventsAndEndsExpiredOneOffsOnce() throws Exception {
    long alert = openAlert(web, cpu);
    long hostAlert = openAlert(db1, null);
    long running =
        downtime(
            DowntimeScope.HOST,
            web,
            null,
            null,
            true,
            now(Duration.ofMinutes(5), Duration.ofMinutes(5)));
    downtime(
        DowntimeScope.HOST_GROUP,
        null,
        null,
        parentGroup,
        true,
        now(Duration.ofMinutes(5), Duration.ofHours(5)));
    long neverRan =
        downtime(
            DowntimeScope.HOST,
            web,
            null,
            null,
            true,
            DowntimeSchedule.oneOff(now.plus(Duration.ofHours(1)), now.plus(Duration.ofHours(2))));
    rows.cancel(c, tenant, neverRan, user);
    DowntimeExpiry expiry = new DowntimeExpiry();

    DowntimeExpiry.Outcome first = expiry.run(c, now);
    assertThat(sql.string("SELECT ended_at IS NOT NULL FROM downtimes WHERE id = " + neverRan))
        .as("a cancelled future downtime is done with, without an 'ended' record")
        .isEqualTo("t");
    assertThat(first.servicesEntered()).isEqualTo(3);
    assertThat(first.hostsEntered()).isEqualTo(2);
    assertThat(first.ended()).isZero();
    assertThat(sql.string("SELECT count(*) FROM current_status WHERE in_downtime")).isEqualTo("3");
    assertThat(expiry.run(c, now))
        .as("idempotent")
        .isEqualTo(new DowntimeExpiry.Outcome(0, 0, 0, 0, 0));

    // Ten minutes later the host downtime is over; the group one still runs.
    DowntimeExpiry.Outcome later = expiry.run(c, now.plus(Duration.ofMinutes(10)));
    assertThat(later.ended()).isEqualTo(1);
    assertThat(later.servicesLeft()).isEqualTo(2);
    assertThat(later.hostsLeft()).isEqualTo(1);
    assertThat(
            sql.string(
                "SELECT string_agg(kind, ',' ORDER BY id) FROM alert_events WHERE alert_id = "
                    + alert))
        .isEqualTo("downtime_started,downtime_ended");
    assertThat(
            sql.string(
                "SELECT string_agg(kind, ',' ORDER BY id) FROM alert_events WHERE alert_id = "
                    + hostAlert))
        .isEqualTo("downtime_started");
    assertThat(sql.string("SELECT action || ':' || entity_id || ':' || actor_label FROM audit_log"))
        .isEqualTo("downtime.ended:" + running + ":downtime-watcher");
    assertThat(sql.string("SELECT ended_at IS NOT NULL FROM downtimes WHERE id = " + running))
        .isEqualTo("t");
    assertThat(expiry.run(c, now.plus(Duration.ofMinutes(11))).ended()).as("ended once").isZero();
  }
}
