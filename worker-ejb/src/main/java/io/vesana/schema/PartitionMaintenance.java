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
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Keeps the daily {@code check_results} partitions a week ahead of the clock (native partitioning;
 * a no-op under TimescaleDB, which makes its own chunks). Runs at start-up and hourly. Safe on
 * every instance at once: the SQL function takes an advisory lock and creates only what is missing.
 * Dropping old partitions is retention's job (the purge watcher), not this class's.
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
