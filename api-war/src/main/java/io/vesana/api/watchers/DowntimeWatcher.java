package io.vesana.api.watchers;

import io.vesana.downtimes.DowntimeExpiry;
import io.vesana.schema.VesanaDataSource;
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
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The downtime watcher ({@link DowntimeExpiry}): ends expired one-off downtimes and keeps the
 * in_downtime flags and alert history in step with the downtimes in effect. Ticks every {@code
 * vesana.watchers.downtimes.tick-seconds} (default 30), runs once per {@code
 * vesana.watchers.downtimes.period-seconds} (default 60) across replicas ({@link
 * ExclusiveWatcher}).
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
public class DowntimeWatcher extends ExclusiveWatcher {

  private static final Logger LOG = Logger.getLogger(DowntimeWatcher.class.getName());
  static final String NAME = "downtime-expiry";

  @Resource(lookup = VesanaDataSource.JNDI_NAME)
  DataSource dataSource;

  @Inject
  @ConfigProperty(name = "vesana.watchers.downtimes.tick-seconds", defaultValue = "30")
  long tickSeconds;

  @Inject
  @ConfigProperty(name = "vesana.watchers.downtimes.period-seconds", defaultValue = "60")
  long periodSeconds;

  private final DowntimeExpiry expiry = new DowntimeExpiry();

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
      DowntimeExpiry.Outcome o = expiry.run(c, Instant.now());
      LOG.fine(() -> "downtime watcher: " + o);
    } catch (SQLException e) {
      LOG.log(Level.WARNING, "downtime watcher failed; the next period retries", e);
    }
  }
}
