package io.vesana.notifications;

import io.vesana.alerts.AlertTransition;
import io.vesana.schema.VesanaDataSource;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The notification hook: queues the deliveries of each committed alert transition ({@link
 * NotificationDispatch}) in a transaction of its own. {@code AFTER_SUCCESS} so that nothing is
 * announced for a transaction that rolled back (the ingest store and the watchers commit their own
 * JDBC transaction before firing, where the observer is called at once).
 *
 * <p>Known limit: an instance that dies between the alert's commit and this hook loses that
 * transition's notifications (the alert itself is kept and visible).
 */
@ApplicationScoped
public class AlertNotifications {

  private static final Logger LOG = Logger.getLogger(AlertNotifications.class.getName());

  @Resource(lookup = VesanaDataSource.JNDI_NAME)
  DataSource dataSource;

  private final NotificationDispatch dispatch = new NotificationDispatch();

  void onTransition(@Observes(during = TransactionPhase.AFTER_SUCCESS) AlertTransition t) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        int queued = dispatch.dispatch(c, t, Instant.now());
        c.commit();
        LOG.fine(() -> "alert " + t.alertId() + " " + t.kind() + ": " + queued + " queued");
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      LOG.log(Level.WARNING, "notifications of alert " + t.alertId() + " not queued", e);
    }
  }
}
