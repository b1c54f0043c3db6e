package io.vesana.alerts;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.logging.Logger;

/**
 * The notification hook until dispatch exists: logs each alert transition. {@code AFTER_SUCCESS} so
 * that nothing is announced for a transaction that rolled back (the ingest store commits its own
 * JDBC transaction before firing, where the observer is called at once).
 */
@ApplicationScoped
public class AlertNotificationLog {

  private static final Logger LOG = Logger.getLogger(AlertNotificationLog.class.getName());

  void onTransition(@Observes(during = TransactionPhase.AFTER_SUCCESS) AlertTransition t) {
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
}
