package io.vesana.api.watchers;

import io.vesana.schema.SchemaMigration;
import io.vesana.schema.VesanaDataSource;
import io.vesana.watchers.RetentionPurge;
import io.vesana.watchers.WatcherRunner;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The auto-purge watcher: every API replica's timer fires every 10 minutes, and {@link
 * WatcherRunner} lets exactly one of them run the purge once per hour (Redis lock, renewed while it
 * works, plus a last-run record).
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
public class RetentionWatcher {

  private static final Logger LOG = Logger.getLogger(RetentionWatcher.class.getName());
  static final Duration PERIOD = Duration.ofHours(1);

  @Resource(lookup = VesanaDataSource.JNDI_NAME)
  DataSource dataSource;

  @Inject SchemaMigration schema;
  @Inject WatcherRunner runner;

  private final RetentionPurge purge = new RetentionPurge();

  @Schedule(hour = "*", minute = "*/10", persistent = false)
  void tick() {
    if (!schema.ensureMigrated()) {
      return;
    }
    runner.runExclusively("retention-purge", PERIOD, this::purge);
  }

  private void purge() {
    try (Connection c = dataSource.getConnection()) {
      Map<String, Long> removed = purge.run(c);
      LOG.info(() -> "retention purge: " + removed);
    } catch (SQLException e) {
      LOG.log(Level.WARNING, "retention purge failed; the next period retries", e);
    }
  }
}
