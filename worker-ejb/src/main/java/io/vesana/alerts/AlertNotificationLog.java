package io.vesana.alerts;

import io.vesana.downtimes.DowntimeSuppression;
import io.vesana.schema.VesanaDataSource;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The notification hook until dispatch exists: logs each alert transition, except those in a
 * downtime ({@link DowntimeSuppression} flags the alert instead). {@code AFTER_SUCCESS} so that
 * nothing is announced for a transaction that rolled back (the ingest store commits its own JDBC
 * transaction before firing, where the observer is called at once).
 */
@ApplicationScoped
public class AlertNotificationLog {

  private static final Logger LOG = Logger.getLogger(AlertNotificationLog.class.getName());

  @Resource(lookup = VesanaDataSource.JNDI_NAME)
  DataSource dataSource;

  private final DowntimeSuppression downtimes = new DowntimeSuppression();

  void onTransition(@Observes(during = TransactionPhase.AFTER_SUCCESS) AlertTransition t) {
    Optional<Long> downtime = inDowntime(t);
    if (downtime.isPresent()) {
      LOG.info(() -> "alert " + t.alertId() + " " + t.kind() + " in downtime " + downtime.get());
      return;
    }
    LOG.info(
        () ->
            "alert "
                + t.alertId()
                + " "
                + t.kind()
                + " tenant="
                + t.tenantId()
                + " service="
                + t.serviceId()
                + " state="
                + t.state());
  }

  private Optional<Long> inDowntime(AlertTransition t) {
    try (Connection c = dataSource.getConnection()) {
      return downtimes.suppress(c, t);
    } catch (SQLException e) {
      // Unsure whether it is in downtime: announcing it is the safer mistake.
      LOG.log(Level.WARNING, "downtime lookup failed for alert " + t.alertId(), e);
      return Optional.empty();
    }
  }
}
