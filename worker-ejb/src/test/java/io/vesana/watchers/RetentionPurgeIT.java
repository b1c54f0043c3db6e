package io.vesana.watchers;

import static org.assertj.core.api.Assertions.assertThat;

import io.vesana.testing.Sql;
import io.vesana.testing.TestDatabase;
import java.sql.Connection;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The auto-purge against a migrated database: old data goes, recent data and settings stay. */
class RetentionPurgeIT {

  @Test
  void removesWhatIsOlderThanTheRetentionSettingsAndNothingElse() throws Exception {
    try (TestDatabase db = TestDatabase.createMigrated();
        Connection c = db.dataSource().getConnection()) {
      Sql sql = new Sql(c);
      sql.exec(
          "INSERT INTO audit_log (actor_label, action, entity_type, at) VALUES"
              + " ('old', 'host.created', 'host', now() - interval '500 days'),"
              + " ('new', 'host.created', 'host', now() - interval '1 day')");
      sql.exec("UPDATE system_settings SET value = '3' WHERE key = 'retention.check_results_days'");
      long partitionsBefore =
          Long.parseLong(
              sql.string(
                  "SELECT count(*) FROM pg_inherits WHERE inhparent = 'check_results'::regclass"));

      Map<String, Long> removed = new RetentionPurge().run(c);

      assertThat(removed.get("vesana_purge_audit_log_before")).isEqualTo(1);
      assertThat(sql.string("SELECT string_agg(actor_label, ',') FROM audit_log")).isEqualTo("new");
      // The migration prepared 8 days back; days that ended 3 or more days ago are dropped.
      assertThat(removed.get("vesana_drop_check_result_partitions_before")).isEqualTo(5);
      assertThat(
              Long.parseLong(
                  sql.string(
                      "SELECT count(*) FROM pg_inherits"
                          + " WHERE inhparent = 'check_results'::regclass")))
          .isEqualTo(partitionsBefore - 5);
      assertThat(new RetentionPurge().run(c).get("vesana_purge_audit_log_before"))
          .as("idempotent")
          .isZero();
    }
  }
}
