package io.vesana.api.watchers;

import io.vesana.schema.VesanaDataSource;
import io.vesana.watchers.RetentionPurge;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The auto-purge watcher ({@link RetentionPurge}): ticks every {@code
 * vesana.watchers.retention.tick-seconds} (default 600) on every replica, purges once per {@code
 * vesana.watchers.retention.period-seconds} (default 3600) across the deployment ({@link
 * ExclusiveWatcher}).
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
public class RetentionWatcher extends ExclusiveWatcher {

  private static final Logger LOG = Logger.getLogger(RetentionWatcher.class.getName());
  static final String NAME = "retention-purge";

  @Resource(lookup = VesanaDataSource.JNDI_NAME)
  DataSource dataSource;

  @Inject
  @ConfigProperty(name = "vesana.watchers.retention.tick-seconds", defaultValue = "600")
  long tickSeconds;

  @Inject
  @ConfigProperty(name = "vesana.watchers.retention.period-seconds", defaultValue = "3600")
  long periodSeconds;

  private final RetentionPurge purge = new RetentionPurge();

  @Override
  String name() {
    return NAME;
  }

  @Override
  long tickSeconds() {
    return tickSeconds;
  }

  @Override
  long periodSeconds() {
    return periodSeconds;
  }

  @Override
  void work() {
    try (Connection c = dataSource.getConnection()) {
      Map<String, Long> removed = purge.run(c);
      LOG.info(() -> "retention purge: " + removed);
    } catch (SQLException e) {
      LOG.log(Level.WARNING, "retention purge failed; the next period retries", e);
    }
  }
}
