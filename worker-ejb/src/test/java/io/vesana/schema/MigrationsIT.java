package io.vesana.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.vesana.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Applying the schema: from empty in one go, idempotent, and safe when instances start at once. */
class MigrationsIT {

  private TestDatabase db;

  @BeforeEach
  void createEmptyDatabase() {
    db = TestDatabase.createEmpty();
  }

  @AfterEach
  void dropDatabase() {
    db.close();
  }

  @Test
  void emptyDatabaseMigratesInOneGoAndSecondRunAppliesNothing() throws SQLException {
    int available = Migrations.flyway(db.dataSource()).info().pending().length;
    assertThat(available).as("migrations on the classpath").isGreaterThanOrEqualTo(8);

    MigrateResult first = Migrations.migrate(db.dataSource());

    assertThat(first.success).isTrue();
    assertThat(first.migrationsExecuted).isEqualTo(available);
    assertThat(Migrations.flyway(db.dataSource()).info().pending()).isEmpty();
    assertThat(historyByVersion())
        .hasSize(available)
        .allSatisfy((v, row) -> assertThat(row).isEqualTo("1:true"));

    MigrateResult second = Migrations.migrate(db.dataSource());

    assertThat(second.success).isTrue();
    assertThat(second.migrationsExecuted).isZero();
    assertThat(historyByVersion()).hasSize(available);
    Migrations.flyway(db.dataSource()).validate();
  }

  @Test
  void fourInstancesMigratingTheSameEmptyDatabaseAtOnceApplyEachVersionExactlyOnce()
      throws Exception {
    int available = Migrations.flyway(db.dataSource()).info().pending().length;
    int instances = 4;
    CyclicBarrier start = new CyclicBarrier(instances);
    ExecutorService pool = Executors.newFixedThreadPool(instances);
    List<Future<MigrateResult>> results = new ArrayList<>();
    try {
      for (int i = 0; i < instances; i++) {
        results.add(
            pool.submit(
                () -> {
                  start.await(30, TimeUnit.SECONDS);
                  return Migrations.migrate(db.dataSource());
                }));
      }
      int executed = 0;
      for (Future<MigrateResult> result : results) {
        MigrateResult r = result.get(120, TimeUnit.SECONDS);
        assertThat(r.success).isTrue();
        executed += r.migrationsExecuted;
      }
      assertThat(executed).as("migrations executed over all instances").isEqualTo(available);
    } finally {
      pool.shutdownNow();
    }

    Map<String, String> history = historyByVersion();
    assertThat(history).hasSize(available);
    assertThat(history).allSatisfy((version, row) -> assertThat(row).isEqualTo("1:true"));
    MigrationInfo[] applied = Migrations.flyway(db.dataSource()).info().applied();
    assertThat(applied).hasSize(available);
  }

  /** version → "count:all succeeded" over the versioned rows of flyway_schema_history. */
  private Map<String, String> historyByVersion() throws SQLException {
    Map<String, String> rows = new HashMap<>();
    try (Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT version, count(*), bool_and(success) FROM flyway_schema_history"
                    + " WHERE version IS NOT NULL GROUP BY version")) {
      while (rs.next()) {
        rows.put(rs.getString(1), rs.getLong(2) + ":" + rs.getBoolean(3));
      }
    }
    return rows;
  }
}
