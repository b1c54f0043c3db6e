package io.vesana.api.watchers;

import io.vesana.baselines.BaselineComputation;
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
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The anomaly baseline watcher ({@link BaselineComputation}): ticks every {@code
 * vesana.watchers.baselines.tick-seconds} (default 60), recomputes once per {@code
 * vesana.watchers.baselines.period-seconds} (default 3600) across the deployment ({@link
 * ExclusiveWatcher}). The window is {@code vesana.baselines.window-days} (default 7), a baseline
 * needs {@code vesana.baselines.min-samples} values (default 10), and services are read {@code
 * vesana.baselines.batch-services} at a time (default 200).
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
public class BaselineWatcher extends ExclusiveWatcher {

  private static final Logger LOG = Logger.getLogger(BaselineWatcher.class.getName());
  static final String NAME = "anomaly-baselines";

  @Resource(lookup = VesanaDataSource.JNDI_NAME)
  DataSource dataSource;

  @Inject
  @ConfigProperty(name = "vesana.watchers.baselines.tick-seconds", defaultValue = "60")
  long tickSeconds;

  @Inject
  @ConfigProperty(name = "vesana.watchers.baselines.period-seconds", defaultValue = "3600")
  long periodSeconds;

  @Inject
  @ConfigProperty(name = "vesana.baselines.window-days", defaultValue = "7")
  int windowDays;

  @Inject
  @ConfigProperty(name = "vesana.baselines.min-samples", defaultValue = "10")
  int minSamples;

  @Inject
  @ConfigProperty(name = "vesana.baselines.batch-services", defaultValue = "200")
  int batchServices;

  private BaselineComputation computation;

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
  void prepare() {
    if (windowDays < 1 || windowDays > 90) {
      // check_results keeps 90 days at most: a longer window would silently be shorter.
      throw new IllegalStateException("vesana.baselines.window-days must be 1..90");
    }
    computation = new BaselineComputation(Duration.ofDays(windowDays), minSamples, batchServices);
  }

  @Override
  void work() {
    try (Connection c = dataSource.getConnection()) {
      BaselineComputation.Outcome o = computation.run(c, Instant.now());
      LOG.fine(() -> "baseline watcher: " + o);
    } catch (SQLException e) {
      LOG.log(Level.WARNING, "baseline watcher failed; the next period retries", e);
    }
  }
}
