package io.vesana.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.vesana.testing.Sql;
import io.vesana.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * check_results storage and the hot current_status table. This machine has no TimescaleDB, so the
 * native-partitioning branch is what runs here; the TimescaleDB assertions are skipped (by
 * assumption, visibly) unless the extension is installed and preloaded.
 */
class CheckResultsStorageIT {

  private static final DateTimeFormatter PARTITION_DAY = DateTimeFormatter.BASIC_ISO_DATE;

  private TestDatabase db;
  private Connection c;
  private Sql sql;

  @BeforeEach
  void createMigratedDatabase() throws SQLException {
    db = TestDatabase.createMigrated();
    c = db.dataSource().getConnection();
    sql = new Sql(c);
  }

  @AfterEach
  void dropDatabase() throws SQLException {
    c.close();
    db.close();
  }

  @Test
  void nativeBranch_checkResultsIsRangePartitionedByDayOnCheckedAt() throws SQLException {
    assumeThat(timescaleUsable()).as("TimescaleDB is installed: native branch not used").isFalse();

    assertThat(
            sql.string(
                "SELECT partstrat FROM pg_partitioned_table"
                    + " WHERE partrelid = 'check_results'::regclass"))
        .isEqualTo("r");
    assertThat(
            sql.string(
                "SELECT a.attname FROM pg_partitioned_table p"
                    + " JOIN pg_attribute a ON a.attrelid = p.partrelid AND a.attnum = p.partattrs[0]"
                    + " WHERE p.partrelid = 'check_results'::regclass"))
        .isEqualTo("checked_at");
    assertThat(
            sql.string(
                "SELECT count(*) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                    + " WHERE i.inhparent = 'check_results'::regclass"
                    + " AND pg_get_expr(c.relpartbound, c.oid) = 'DEFAULT'"))
        .isEqualTo("0");
  }

  @Test
  void nativeBranch_dailyPartitionsExistFromEightDaysBackToSevenAhead() throws SQLException {
    assumeThat(timescaleUsable()).as("TimescaleDB is installed: native branch not used").isFalse();
    LocalDate today = utcToday();

    List<String> expected = new ArrayList<>();
    for (int d = -8; d <= 7; d++) {
      expected.add("check_results_p" + today.plusDays(d).format(PARTITION_DAY));
    }

    assertThat(partitions()).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void nativeBranch_resultForNowIsStoredAndResultSixtyDaysAheadIsRejected() throws SQLException {
    assumeThat(timescaleUsable()).as("TimescaleDB is installed: native branch not used").isFalse();
    long[] service = newService();

    assertThat(insertResult(service, "now()")).isEqualTo(1);
    assertThat(sql.string("SELECT count(*) FROM check_results")).isEqualTo("1");

    assertThatThrownBy(() -> insertResult(service, "now() + interval '60 days'"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("no partition")
        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("23514"));
  }

  @Test
  void replayedResultIsStoredOnce() throws SQLException {
    long[] service = newService();
    String at = "date_trunc('second', now())";

    assertThat(insertResult(service, at)).isEqualTo(1);
    assertThat(insertResult(service, at)).as("replay of the same result").isZero();
    assertThat(sql.string("SELECT count(*) FROM check_results")).isEqualTo("1");
  }

  @Test
  void nativeBranch_ensurePartitionsIsIdempotentAndCreatesOnlyMissingDays() throws SQLException {
    assumeThat(timescaleUsable()).as("TimescaleDB is installed: native branch not used").isFalse();

    assertThat(sql.string("SELECT vesana_ensure_check_result_partitions(8, 7)")).isEqualTo("0");
    assertThat(sql.string("SELECT vesana_ensure_check_result_partitions(8, 10)")).isEqualTo("3");
    assertThat(sql.string("SELECT vesana_ensure_check_result_partitions(8, 10)")).isEqualTo("0");
    assertThat(partitions()).hasSize(19);
    long[] service = newService();
    assertThat(insertResult(service, "now() + interval '10 days'")).isEqualTo(1);
  }

  @Test
  void nativeBranch_dropRemovesWholeDaysBeforeCutoffAndReturnsTheCount() throws SQLException {
    assumeThat(timescaleUsable()).as("TimescaleDB is installed: native branch not used").isFalse();
    LocalDate today = utcToday();
    long[] service = newService();
    insertResult(service, "now()");
    insertResult(service, "now() - interval '7 days'");
    // Session time zone must not matter: bounds are compared as instants.
    sql.exec("SET TIME ZONE 'Pacific/Auckland'");

    String cutoff = "'" + today.minusDays(5) + " 00:00:00+00'::timestamptz";
    assertThat(sql.string("SELECT vesana_drop_check_result_partitions_before(" + cutoff + ")"))
        .isEqualTo("3");

    assertThat(partitions())
        .hasSize(13)
        .doesNotContain(
            "check_results_p" + today.minusDays(8).format(PARTITION_DAY),
            "check_results_p" + today.minusDays(6).format(PARTITION_DAY))
        .contains("check_results_p" + today.minusDays(5).format(PARTITION_DAY));
    assertThat(sql.string("SELECT count(*) FROM check_results"))
        .as("today's result kept")
        .isEqualTo("1");
    assertThat(sql.string("SELECT vesana_drop_check_result_partitions_before(" + cutoff + ")"))
        .isEqualTo("0");
  }

  @Test
  void timescaleBranch_hypertableWithCompressionAndRetention_skippedWithoutTimescaleDb()
      throws SQLException {
    assumeThat(timescaleUsable())
        .as("TimescaleDB is not installed and preloaded on this server: branch not testable here")
        .isTrue();

    assertThat(
            sql.string(
                "SELECT count(*) FROM timescaledb_information.hypertables"
                    + " WHERE hypertable_name = 'check_results'"))
        .isEqualTo("1");
    assertThat(
            sql.string(
                "SELECT string_agg(attname, ',' ORDER BY segmentby_column_index)"
                    + " FROM timescaledb_information.compression_settings"
                    + " WHERE hypertable_name = 'check_results' AND segmentby_column_index IS NOT NULL"))
        .isEqualTo("tenant_id,service_id");
    assertThat(
            sql.string(
                "SELECT string_agg(proc_name, ',' ORDER BY proc_name)"
                    + " FROM timescaledb_information.jobs WHERE hypertable_name = 'check_results'"))
        .isEqualTo("policy_compression,policy_retention");
    assertThat(sql.string("SELECT vesana_ensure_check_result_partitions(8, 7)")).isEqualTo("0");
    long[] service = newService();
    assertThat(insertResult(service, "now()")).isEqualTo(1);
  }

  @Test
  void nativeBranch_partitionsSkipInsertVacuumAndEachClosedDayIsVacuumedOnce() throws SQLException {
    assumeThat(timescaleUsable()).as("TimescaleDB is installed: native branch not used").isFalse();
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    assertThat(
            sql.string(
                "SELECT array_to_string(reloptions, ',') FROM pg_class WHERE relname = 'check_results_p"
                    + today.format(PARTITION_DAY)
                    + "'"))
        .contains("autovacuum_vacuum_insert_threshold=-1");
    PartitionMaintenance maintenance = new PartitionMaintenance();
    maintenance.dataSource = db.dataSource();
    maintenance.schema =
        new SchemaMigration() {
          @Override
          public boolean ensureMigrated() {
            return true;
          }
        };
    // The migration prepares 8 days back: those days are over; today and the days ahead are not.
    assertThat(maintenance.vacuumClosedPartitions()).isEqualTo(8);
    assertThat(maintenance.vacuumClosedPartitions()).as("vacuumed once").isZero();
  }

  @Test
  void currentStatusLeavesRoomForHotUpdates() throws SQLException {
    assertThat(
            sql.string(
                "SELECT array_to_string(reloptions, ',') FROM pg_class"
                    + " WHERE oid = 'current_status'::regclass"))
        .contains("fillfactor=50");
  }

  @Test
  void currentStatusHoldsOneRowPerServiceOfThatServicesHost() throws SQLException {
    long[] service = newService();
    long[] other = newService();
    sql.exec(
        "INSERT INTO current_status (service_id, tenant_id, host_id, state)"
            + " VALUES ("
            + service[2]
            + ", "
            + service[0]
            + ", "
            + service[1]
            + ", 2)");

    assertThatThrownBy(
            () ->
                sql.exec(
                    "INSERT INTO current_status (service_id, tenant_id, host_id)"
                        + " VALUES ("
                        + service[2]
                        + ", "
                        + service[0]
                        + ", "
                        + service[1]
                        + ")"))
        .isInstanceOf(SQLException.class)
        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("23505"));
    assertThatThrownBy(
            () ->
                sql.exec(
                    "INSERT INTO current_status (service_id, tenant_id, host_id)"
                        + " VALUES ("
                        + other[2]
                        + ", "
                        + other[0]
                        + ", "
                        + service[1]
                        + ")"))
        .as("service of another host")
        .isInstanceOf(SQLException.class)
        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("23503"));
  }

  /** Creates tenant, host and ping service; returns {tenantId, hostId, serviceId}. */
  private long[] newService() throws SQLException {
    long tenant =
        sql.id(
            "INSERT INTO tenants (slug, name) VALUES ('t' || (random() * 1e9)::bigint, 'T')"
                + " RETURNING id");
    long host =
        sql.id("INSERT INTO hosts (tenant_id, name) VALUES (" + tenant + ", 'web1') RETURNING id");
    long service =
        sql.id(
            "INSERT INTO host_services (tenant_id, host_id, name, kind, settings)"
                + " VALUES ("
                + tenant
                + ", "
                + host
                + ", 'ping', 'ping', '{}') RETURNING id");
    return new long[] {tenant, host, service};
  }

  private int insertResult(long[] service, String checkedAtSql) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO check_results (tenant_id, service_id, checked_at, state, state_type, attempt,"
                + " output, perfdata, latency_ms, execution_ms, source)"
                + " VALUES (?, ?, "
                + checkedAtSql
                + ", 0, 1, 1, 'PING OK', '{\"rta\": 0.4}', 12, 3,"
                + " 'collector') ON CONFLICT DO NOTHING")) {
      ps.setLong(1, service[0]);
      ps.setLong(2, service[2]);
      return ps.executeUpdate();
    }
  }

  private boolean timescaleUsable() throws SQLException {
    return "t"
        .equals(
            sql.string("SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb')"));
  }

  private LocalDate utcToday() throws SQLException {
    return LocalDate.parse(sql.string("SELECT (now() AT TIME ZONE 'UTC')::date"));
  }

  private List<String> partitions() throws SQLException {
    List<String> names = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT c.relname FROM pg_inherits i"
                    + " JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'check_results'::regclass")) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    return names;
  }
}
