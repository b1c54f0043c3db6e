package io.vesana.schema;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Keeps the daily {@code check_results} partitions a week ahead of the clock (native partitioning;
 * a no-op under TimescaleDB, which makes its own chunks), and vacuums each day's partition once
 * when the day is over (partitions are created without insert-triggered autovacuum, see migration
 * V9). Runs at start-up and hourly. Safe on every instance at once: the SQL function takes an
 * advisory lock and creates only what is missing, and a vacuum skips a partition another instance
 * is vacuuming. Dropping old partitions is retention's job (the purge watcher), not this class's.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@TransactionManagement(TransactionManagementType.BEAN)
public class PartitionMaintenance {

  private static final Logger LOG = Logger.getLogger(PartitionMaintenance.class.getName());
  static final int DAYS_BACK = 1;
  static final int DAYS_AHEAD = 7;

  @Resource(lookup = VesanaDataSource.JNDI_NAME)
  DataSource dataSource;

  @Inject SchemaMigration schema;

  @PostConstruct
  void atStart() {
    ensurePartitions();
  }

  @Schedule(hour = "*", minute = "17", persistent = false)
  void hourly() {
    ensurePartitions();
    vacuumClosedPartitions();
  }

  /**
   * VACUUM (ANALYZE) of every partition whose day is over and that was never vacuumed; returns how
   * many, or -1 when the database was not reachable.
   */
  public int vacuumClosedPartitions() {
    if (!schema.ensureMigrated()) {
      return -1;
    }
    List<String> closed = new ArrayList<>();
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(true); // VACUUM cannot run inside a transaction block
      try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT s.relid::regclass::text FROM pg_inherits i"
                      + " JOIN pg_stat_user_tables s ON s.relid = i.inhrelid"
                      + " JOIN pg_class p ON p.oid = i.inhrelid"
                      + " WHERE i.inhparent = 'check_results'::regclass"
                      + " AND s.last_vacuum IS NULL AND s.last_autovacuum IS NULL"
                      + " AND substring(pg_get_expr(p.relpartbound, p.oid)"
                      + " FROM 'TO \\(''([^'']+)''\\)')::timestamptz <= now()");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          closed.add(rs.getString(1));
        }
      }
      for (String partition : closed) {
        try (Statement st = c.createStatement()) {
          // The name comes from the catalog (regclass text, quoted where needed).
          st.execute("VACUUM (ANALYZE, SKIP_LOCKED) " + partition);
        }
        LOG.info(() -> "vacuumed closed partition " + partition);
      }
      return closed.size();
    } catch (SQLException e) {
      LOG.log(Level.WARNING, "closed check_results partitions not vacuumed; retried next hour", e);
      return -1;
    }
  }

  /** Returns the number of partitions created, or -1 when the database was not reachable. */
  public int ensurePartitions() {
    if (!schema.ensureMigrated()) {
      return -1;
    }
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement("SELECT vesana_ensure_check_result_partitions(?, ?)")) {
      ps.setInt(1, DAYS_BACK);
      ps.setInt(2, DAYS_AHEAD);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        int created = rs.getInt(1);
        if (created > 0) {
          LOG.info(() -> created + " check_results partitions created");
        }
        return created;
      }
    } catch (SQLException e) {
      LOG.log(Level.WARNING, "check_results partitions not ensured; retried next hour", e);
      return -1;
    }
  }
}
